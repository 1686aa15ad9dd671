import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { PublishedResultsSchema, type PublishedResults, type UnitResult } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { draft, type Decider, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import type { Period } from '@mpp/ikm';
import { ResultsPublished } from '../events.js';

/** A mall's results for one period (`skm-results-<mall>-<period>`): published once, then frozen. */
export interface PublicationState {
  readonly published: PublishedResults | undefined;
}

export type PublicationCommand = {
  readonly kind: 'publish';
  readonly mallId: string;
  readonly period: Period;
  readonly results: readonly Omit<UnitResult, '$typeName'>[];
  /** Today's date (`YYYY-MM-DD`): only an ended period is published. */
  readonly today: string;
  /** Days a survey stays open: the period's last visits can be answered until then, so its results are final only after. */
  readonly surveyDays: number;
  readonly at: Date;
};

export const publication: Decider<PublicationState, PublicationCommand> = {
  initialState: () => ({ published: undefined }),
  evolve: (state, event: DecodedEvent) => (event.type === ResultsPublished ? { published: (event.message as unknown as { results: PublishedResults }).results } : state),
  decide(c, state): EventDraft[] {
    if (state.published) throw new AppError('already_exists', `the results of ${c.period.label} were published already`, { violations: [{ field: 'period', reason: 'published already' }] });
    if (c.period.to >= c.today) throw new AppError('illegal_state', `${c.period.label} has not ended yet (it runs to ${c.period.to})`, { violations: [{ field: 'period', reason: 'not ended yet' }] });
    const final = new Date(Date.parse(`${c.period.to}T00:00:00Z`) + (c.surveyDays + 1) * 86_400_000).toISOString().slice(0, 10);
    if (c.today < final) throw new AppError('illegal_state', `the surveys of ${c.period.label}'s last visits stay open until ${final}: publish from then, when its results are final`, { violations: [{ field: 'period', reason: `final from ${final}` }] });
    if (c.results.length === 0 || c.results[0]!.respondents === 0) throw new AppError('illegal_state', `no one answered the survey in ${c.period.label}: nothing to publish`, { violations: [{ field: 'period', reason: 'no respondents' }] });
    return [draft(ResultsPublished, { results: create(PublishedResultsSchema, { mallId: c.mallId, period: c.period.label, from: c.period.from, to: c.period.to, publishedAt: timestampFromDate(c.at), results: [...c.results] }) })];
  },
};
