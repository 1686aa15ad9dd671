import { randomUUID } from 'node:crypto';
import { fromJson, type DescMessage, type JsonObject, type MessageShape } from '@bufbuild/protobuf';
import { AgencySchema, BoothSchema, CounterSchema, MallSchema, MembershipSchema, MobileVisitSchema, OfficerSchema, QueuePolicySchema, QueueSchema, ServiceSchema, ServiceStandardSchema, type Actor } from '@mpp/contracts';
import { AppError, isAppError } from '@mpp/errors';
import { isConcurrencyError, type EventStore } from '@mpp/eventstore';
import { catalogEvents } from '../../domain/events.js';
import type { MallState } from '../../domain/mall/mall.js';
import { authorizeWrite } from '../authorize.js';
import * as T from '../targets.js';
import { commandContext } from '../writes.js';
import { KINDS, type Kind } from './document.js';
import type { Parsed, Row, RowError } from './rows.js';
import { ImportSession } from './session.js';

export interface ImportCounts {
  registered: number;
  changed: number;
  unchanged: number;
}

export interface ImportReport {
  /** Every bad row, in file order; when there is one, nothing was applied. */
  readonly errors: RowError[];
  readonly counts: Record<Kind, ImportCounts>;
  /** Events recorded (0 on a dry run, a refused file, or a file that changes nothing). */
  readonly events: number;
  readonly applied: boolean;
}

export interface ImportProgress {
  readonly phase: 'checking' | 'applying' | 'done';
  readonly done: number;
  readonly total: number;
}

/** A row's JSON as a record; an unknown field, a wrong type or enum name is the row's fault. */
function decode<D extends DescMessage>(schema: D, json: JsonObject): MessageShape<D> {
  try {
    return fromJson(schema, json, { ignoreUnknownFields: false });
  } catch (error) {
    const reason = (error as Error).message.replace(/^cannot decode (message|field) [\w.]+ from JSON: /, '');
    throw new AppError('invalid', reason, { violations: [{ field: '', reason }] });
  }
}

/** The command a row states, against the import's view of the catalog. */
async function targetOf(row: Row, s: ImportSession): Promise<T.Target> {
  const json = row.json;
  switch (row.kind) {
    case 'malls':
      return T.mallTarget(String(json.id ?? ''), { kind: 'put', mall: decode(MallSchema, json) });
    case 'policies':
      return T.mallTarget(String(json.mallId ?? json.mall_id ?? ''), { kind: 'set-policy', policy: decode(QueuePolicySchema, (json.policy ?? {}) as JsonObject) });
    case 'agencies': {
      const { membership, ...agency } = json;
      return T.agencyTarget(s, decode(AgencySchema, agency), decode(MembershipSchema, (membership ?? {}) as JsonObject));
    }
    case 'queues':
      return T.queueTarget(s, decode(QueueSchema, json));
    case 'booths':
      return T.boothTarget(s, decode(BoothSchema, json));
    case 'counters':
      return T.counterTarget(s, decode(CounterSchema, json));
    case 'services':
      return T.serviceTarget(s, decode(ServiceSchema, json));
    case 'standards':
      return T.standardTarget(s, decode(ServiceStandardSchema, json));
    case 'officers':
      return T.officerTarget(s, decode(OfficerSchema, json));
    case 'mobileVisits':
      return T.mobileTarget(s, decode(MobileVisitSchema, json));
    default: {
      const unknown: never = row.kind;
      throw new Error(`unknown kind ${String(unknown)}`);
    }
  }
}

/** Whether the row's record did not exist before it (what the counts call new). */
function isNew(row: Row, state: unknown): boolean {
  switch (row.kind) {
    case 'malls':
      return (state as MallState).mall === undefined;
    case 'policies':
      return (state as MallState).policy === undefined;
    case 'mobileVisits':
      return !(state as Map<string, unknown>).has(String(row.json.id));
    default:
      return state === undefined;
  }
}

function errorsOf(row: Row, error: unknown): RowError[] {
  const at = { line: row.line, location: row.location };
  if (isAppError(error) && error.violations.length > 0) return error.violations.map((v) => ({ ...at, field: v.field, reason: v.reason }));
  if (isAppError(error)) return [{ ...at, field: '', reason: `${error.code}: ${error.message}` }];
  throw error; // the database, not the row
}

/**
 * Imports a parsed file all or nothing: every row is checked first (against the catalog as it
 * is plus the rows before it), every bad row is reported with its line and reason, and only a
 * file without one is applied — in one transaction over all the streams it changes. A row that
 * states a record exactly as it is records nothing, so importing the same file twice changes
 * nothing the second time.
 */
export async function importCatalog(options: {
  store: EventStore;
  actor: Actor | undefined;
  parsed: Parsed;
  dryRun: boolean;
  onProgress?: (p: ImportProgress) => void;
}): Promise<ImportReport> {
  const { store, actor, parsed } = options;
  const session = new ImportSession(store);
  const errors: RowError[] = [...parsed.errors];
  const counts = Object.fromEntries(KINDS.map((k) => [k, { registered: 0, changed: 0, unchanged: 0 }])) as Record<Kind, ImportCounts>;
  const correlationId = randomUUID();
  const rows = [...parsed.rows].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  const progress = (phase: ImportProgress['phase'], done: number) => options.onProgress?.({ phase, done, total: rows.length });

  for (const [i, row] of rows.entries()) {
    if (i % 50 === 0) progress('checking', i);
    try {
      const t = await targetOf(row, session);
      for (const scope of t.scopes) authorizeWrite(actor, scope);
      const pending = await session.stream(t.decider, t.streamId);
      const drafts = t.decider.decide(t.command, pending.state);
      const ctx = commandContext(actor, t.where, correlationId);
      const wasNew = isNew(row, pending.state);
      for (const d of drafts) {
        const event = { id: randomUUID(), ...catalogEvents.encode(d.type, d.data), metadata: ctx.metadata };
        pending.state = t.decider.evolve(pending.state, catalogEvents.decode(event));
        pending.events.push(event);
      }
      counts[row.kind][drafts.length === 0 ? 'unchanged' : wasNew ? 'registered' : 'changed']++;
    } catch (error) {
      errors.push(...errorsOf(row, error));
    }
  }
  errors.sort((a, b) => a.line - b.line);
  progress('checking', rows.length);
  const changed = await session.changed();
  const events = changed.reduce((n, p) => n + p.events.length, 0);
  if (errors.length > 0 || options.dryRun || events === 0) {
    progress('done', rows.length);
    return { errors, counts, events: 0, applied: false };
  }
  progress('applying', 0);
  try {
    await store.appendMany(changed.map((p) => ({ streamId: p.streamId, expectedVersion: p.loadedVersion, events: p.events })));
  } catch (error) {
    if (isConcurrencyError(error)) throw new AppError('concurrency', 'the catalog changed while the file was checked; import it again', { cause: error });
    throw error;
  }
  progress('done', rows.length);
  return { errors, counts, events, applied: true };
}
