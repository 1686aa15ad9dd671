import { FollowUpStatus } from '@mpp/contracts';
import { parsePeriod } from '@mpp/ikm';
import { describe, expect, it } from 'vitest';
import { followUp, type FollowUpCommand } from '../src/domain/publication/follow-up.js';
import { publication, type PublicationCommand } from '../src/domain/publication/publication.js';
import { given, history as events } from './given.js';

const at = new Date('2026-12-01T02:00:00Z');
const mallResult = { unitKind: 'mall', unitId: '', respondents: 120, ikm: 86.11, grade: 'B', weakest: ['U3', 'U9', 'U2'], minimumSample: 92, sampleReached: true };
const publish = (over: Partial<PublicationCommand> = {}): PublicationCommand => ({ kind: 'publish', mallId: 'kendari', period: parsePeriod('2026-11')!, results: [mallResult], today: '2026-12-08', surveyDays: 7, at, ...over });

describe('publishing a period’s SKM results', () => {
  it('publishes an ended period once, frozen', () => {
    const [e] = given(publication).when(publish()).result();
    expect(e!.data).toMatchObject({ results: { mallId: 'kendari', period: '2026-11', from: '2026-11-01', to: '2026-11-30', results: [mallResult] } });
    given(publication, events(publication, publish())).when(publish()).thenFails('already_exists', /published already/);
  });

  it('refuses a period still running, or one nobody answered', () => {
    given(publication).when(publish({ today: '2026-11-30' })).thenRefused([{ field: 'period', reason: 'not ended' }]);
    // A visit on the 30th may be rated until 7 December: the results are final from the 8th.
    given(publication).when(publish({ today: '2026-12-07' })).thenRefused([{ field: 'period', reason: 'final from 2026-12-08' }]);
    given(publication).when(publish({ results: [{ ...mallResult, respondents: 0 }] })).thenRefused([{ field: 'period', reason: 'no respondents' }]);
  });
});

describe('following up a finding', () => {
  const plan: FollowUpCommand = { kind: 'plan', action: { id: 'f-1', mallId: 'kendari', period: '2026-11', element: 'U3', agencyCode: 'disdukcapil-kendari', action: 'Tambah dua loket KTP pada jam sibuk', owner: 'Kepala Seksi Pelayanan', dueDate: '2026-12-31' }, at };
  const set = (status: FollowUpStatus, note = '', day = 2): FollowUpCommand => ({ kind: 'set-status', status, note, at: new Date(`2026-12-${String(day).padStart(2, '0')}T02:00:00Z`) });

  it('is planned for an element with an owner and a due date, field by field', () => {
    given(followUp).when(plan).thenTypes(['FollowUpPlanned']);
    given(followUp, events(followUp, plan)).when(plan).thenNothing();
    given(followUp)
      .when({ ...plan, action: { ...plan.action, period: 'Q4', element: 'U10', action: ' ', owner: '', dueDate: '2026-02-30' } } as FollowUpCommand)
      .thenRefused([{ field: 'period' }, { field: 'element' }, { field: 'action', reason: 'is required' }, { field: 'owner' }, { field: 'due_date' }]);
  });

  it('moves planned → in progress → done, never back; done records when', () => {
    given(followUp, events(followUp, plan)).when(set(FollowUpStatus.IN_PROGRESS)).thenTypes(['FollowUpStatusChanged']);
    const done = events(followUp, plan, set(FollowUpStatus.DONE, 'Loket 45–46 dibuka', 10));
    expect(given(followUp, done).state.action).toMatchObject({ status: FollowUpStatus.DONE, note: 'Loket 45–46 dibuka', doneAt: { seconds: BigInt(Date.parse('2026-12-10T02:00:00Z') / 1000) } });
    given(followUp, done).when(set(FollowUpStatus.IN_PROGRESS)).thenFails('illegal_state', /does not go back/);
    given(followUp, done).when(set(FollowUpStatus.DONE, 'Loket 45–46 dibuka', 11)).thenNothing();
    given(followUp).when(set(FollowUpStatus.DONE)).thenFails('not_found');
  });
});
