import { MembershipStatus, ServiceStatus } from '@mpp/contracts';
import { draft } from '@mpp/eventstore';
import { describe, it } from 'vitest';
import { BoothRegistered, ServiceRegistered } from '../src/domain/events.js';
import { agency, withMembership } from '../src/domain/records/agency.js';
import { booth } from '../src/domain/records/booth.js';
import { counter } from '../src/domain/records/counter.js';
import { queue } from '../src/domain/records/queue.js';
import { service } from '../src/domain/records/service.js';
import { booth1, disdukcapil, ktp, serviceFacts } from './samples.js';
import { given } from './given.js';

const boothFacts = { mallExists: true, agencyStatus: MembershipStatus.ACTIVE };

describe('booth (gerai)', () => {
  it('registers a new booth with the whole record', () => {
    given(booth).when({ record: booth1(), facts: boothFacts }).thenTypes(['BoothRegistered']);
  });

  it('records nothing when stated exactly as it is (a re-import)', () => {
    given(booth, [draft(BoothRegistered, { booth: booth1() })]).when({ record: booth1(), facts: boothFacts }).thenNothing();
  });

  it('names only the fields that changed', () => {
    given(booth, [draft(BoothRegistered, { booth: booth1() })])
      .when({ record: booth1({ active: false, inactiveReason: 'Renovasi' }), facts: boothFacts })
      .then([{ BoothChanged: { booth: { ...booth1Json(), active: false, inactiveReason: 'Renovasi' }, changedFields: ['active', 'inactive_reason'] } }]);
  });

  it('belongs to one agency for good', () => {
    given(booth, [draft(BoothRegistered, { booth: booth1() })])
      .when({ record: booth1({ agencyCode: 'bpjs-kesehatan' }), facts: boothFacts })
      .thenRefused([{ field: 'agency_code', reason: 'a booth belongs to one agency' }]);
  });

  it('refuses an agency that is not in the mall, an inactive booth without a reason, and an id that is not mall:number', () => {
    given(booth)
      .when({ record: booth1({ id: 'kendari:7', active: false }), facts: { mallExists: true, agencyStatus: undefined } })
      .thenRefused([
        { field: 'agency_code', reason: 'is not in mall kendari' },
        { field: 'inactive_reason', reason: 'is required' },
        { field: 'id', reason: 'must be kendari:1' },
      ]);
  });
});

describe('counter (loket)', () => {
  const counter1 = { $typeName: 'mpp.catalog.v1.Counter' as const, id: 'kendari:1', mallId: 'kendari', number: '1', boothId: 'kendari:1', name: 'Loket 1', active: true };
  it('moves among its agency\'s booths only (officers are allowed counters by agency)', () => {
    given(counter)
      .when({ record: { ...counter1, boothId: 'kendari:2' }, facts: { boothMall: 'kendari', boothAgency: 'disdukcapil-kendari', currentBoothAgency: 'disdukcapil-kendari' } })
      .thenTypes(['CounterRegistered']);
    given(counter)
      .when({ record: { ...counter1, boothId: 'kendari:9' }, facts: { boothMall: 'kendari', boothAgency: 'bpjs-kesehatan', currentBoothAgency: 'disdukcapil-kendari' } })
      .thenRefused([{ field: 'booth_id', reason: "booth kendari:9 is bpjs-kesehatan's" }]);
  });

  it('refuses a name with a control character', () => {
    given(counter).when({ record: { ...counter1, name: 'Loket\u00001' }, facts: { boothMall: 'kendari' } }).thenRefused([{ field: 'name', reason: 'control character' }]);
  });
});

describe('queue (antrian)', () => {
  it('takes a prefix of one or two capital letters only', () => {
    given(queue)
      .when({ record: { $typeName: 'mpp.catalog.v1.Queue', id: 'kendari:abc', mallId: 'kendari', prefix: 'abc', name: 'Umum', active: true }, facts: { mallExists: true } })
      .thenRefused([{ field: 'prefix', reason: 'one or two capital letters' }]);
  });
});

describe('service (jenis layanan)', () => {
  it('registers a service of an active agency, on a queue and a booth of the mall', () => {
    given(service).when({ record: ktp(), facts: serviceFacts }).thenTypes(['ServiceRegistered']);
  });

  it('needs an active agency', () => {
    given(service)
      .when({ record: ktp(), facts: { ...serviceFacts, agencyStatus: MembershipStatus.ONBOARDING } })
      .thenRefused([{ field: 'agency_code', reason: 'is not active in mall kendari' }]);
  });

  it("refuses a booth of another agency, an unknown queue, a priority group the mall has not, and hours outside HH:MM", () => {
    given(service)
      .when({
        record: ktp({ priorityGroups: ['veteran'], hours: [{ weekday: 1, intervals: [{ open: '8:00', close: '12:00' }] }] }),
        facts: { ...serviceFacts, queueMall: undefined, boothAgencies: { 'kendari:1': 'bpjs-kesehatan' } },
      })
      .thenRefused([
        { field: 'queue_id', reason: 'no queue kendari:A' },
        { field: 'booth_ids[0]', reason: 'belongs to bpjs-kesehatan' },
        { field: 'priority_groups[0]', reason: 'no priority group veteran' },
        { field: 'hours.mon[0].open' },
      ]);
  });

  it('keeps its own hours inside the mall\'s', () => {
    given(service)
      .when({ record: ktp({ hours: [{ weekday: 6, intervals: [{ open: '08:00', close: '14:00' }] }] }), facts: serviceFacts })
      .thenRefused([{ field: 'hours.sat[0]', reason: 'reaches outside the mall hours of sat (08:00-12:00)' }]);
    given(service)
      .when({ record: ktp({ hours: [{ weekday: 1, intervals: [{ open: '08:00', close: '11:00' }] }] }), facts: serviceFacts })
      .thenTypes(['ServiceRegistered']);
  });

  it('retires: a change of status only', () => {
    given(service, [draft(ServiceRegistered, { service: ktp() })])
      .when({ record: ktp({ status: ServiceStatus.RETIRED }), facts: serviceFacts })
      .thenTypes(['ServiceChanged']);
  });

  it('keeps a retired service of an agency that left', () => {
    given(service, [draft(ServiceRegistered, { service: ktp({ status: ServiceStatus.RETIRED }) })])
      .when({ record: ktp({ status: ServiceStatus.RETIRED, nameEn: 'New KTP-el' }), facts: { ...serviceFacts, agencyStatus: MembershipStatus.LEFT } })
      .thenTypes(['ServiceChanged']);
  });
});

describe('agency', () => {
  it('keeps its memberships of other malls when one mall states its own', () => {
    const { agency: a, membership } = disdukcapil();
    const other = { ...membership, mallId: 'baubau' };
    const first = given(agency).when({ record: withMembership(a, other), facts: { mallId: 'baubau', mallExists: true } }).result();
    const second = given(agency, first).when({ record: withMembership(a, membership), facts: { mallId: 'kendari', mallExists: true } }).result();
    const kept = (second[0]!.data as { agency: { memberships: { mallId: string }[] } }).agency.memberships.map((m) => m.mallId);
    if (kept.join() !== 'baubau,kendari') throw new Error(`memberships kept: ${kept.join()}`);
  });

  it('checks the membership the command states, not another mall\'s', () => {
    const { agency: a, membership } = disdukcapil();
    const baubau = given(agency).when({ record: withMembership(a, { ...membership, mallId: 'baubau' }), facts: { mallId: 'baubau', mallExists: true } }).result();
    given(agency, baubau)
      .when({ record: withMembership(a, { ...membership, mallId: 'kendari', status: MembershipStatus.LEFT }), facts: { mallId: 'kendari', mallExists: true } })
      .thenRefused([{ field: 'membership.left_reason', reason: 'is required' }]);
  });

  it('refuses a cooperation agreement signed before its MoU and an agency that left without a reason', () => {
    const { agency: a, membership } = disdukcapil(MembershipStatus.LEFT);
    given(agency)
      .when({ record: withMembership(a, { ...membership, pksSignedOn: '2020-01-01' }), facts: { mallId: 'kendari', mallExists: true } })
      .thenRefused([
        { field: 'membership.pks_signed_on', reason: 'before the MoU' },
        { field: 'membership.left_reason', reason: 'is required' },
      ]);
  });
});

function booth1Json() {
  return { id: 'kendari:1', mallId: 'kendari', number: '1', name: 'Gerai Disdukcapil', floor: '1', agencyCode: 'disdukcapil-kendari', active: true, inactiveReason: '' };
}
