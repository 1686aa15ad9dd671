import { create } from '@bufbuild/protobuf';
import { ComplaintChannel, ComplaintSchema, ComplaintStatus, ContactSchema, Role, type Actor, type Complaint, type ComplaintKind, type Contact } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Clock, CommandHandler } from '@mpp/eventstore';
import type { Timers } from '@mpp/runtime';
import type pg from 'pg';
import { overdueAt, type ComplaintCommand, type ComplaintState, type Deadline } from '../domain/complaint/complaint.js';
import type { Lapor } from '../infra/lapor.js';
import { fromRow } from '../infra/views.js';
import { authorizeStaff, commandContext } from './authorize.js';
import { recordId } from './ids.js';

export const COMPLAINT_DEADLINE = 'complaint-deadline';
export const SEND_TO_LAPOR = 'send-to-lapor';
const ID = /^[A-Za-z0-9_-]{16,64}$/;

export const complaintStream = (id: string) => `complaint-${id}`;

export interface ComplaintIntake {
  readonly mallId: string;
  readonly serviceId: string;
  readonly agencyCode: string;
  readonly ticketId: string;
  readonly channel: ComplaintChannel;
  readonly kind: ComplaintKind;
  readonly category: string;
  readonly text: string;
  readonly contact: Omit<Contact, '$typeName'> | undefined;
  readonly needsFieldCheck: boolean;
  readonly requestId: string;
}

/** Complainants' contacts: personal data, so kept here and nowhere else (never in an event), erasable by complaint. */
export const contactsTable = (schema: string) => `"${schema}".complaint_contacts`;

export async function migrateContacts(db: Pick<pg.Pool, 'query'>, schema: string): Promise<void> {
  await db.query(`create table if not exists ${contactsTable(schema)} (complaint_id text primary key, name text not null, phone text not null, email text not null, created_at timestamptz not null default now())`);
}

export function createComplaints(deps: { complaints: CommandHandler<ComplaintState, ComplaintCommand>; db: pg.Pool; schema: string; clock: Clock; timers: Timers; lapor: Lapor | undefined }) {
  const { complaints, db, clock, timers } = deps;
  const table = `"${deps.schema}".survey_complaints`;
  const contacts = contactsTable(deps.schema);

  /** The complaint with its contact, for those who answer it (its agency, the mall-admin, SP4N-LAPOR!). */
  async function withContact(c: Complaint): Promise<Complaint> {
    if (!c.hasContact) return c;
    const { rows } = await db.query<{ name: string; phone: string; email: string }>(`select name, phone, email from ${contacts} where complaint_id = $1`, [c.id]);
    return rows[0] ? create(ComplaintSchema, { ...c, contact: create(ContactSchema, rows[0]) }) : c;
  }

  async function load(id: string): Promise<ComplaintState & { complaint: Complaint }> {
    if (!ID.test(id)) throw new AppError('not_found', 'no such complaint', { violations: [{ field: 'complaint_id', reason: 'is not a complaint id' }] });
    const { state } = await complaints.read(complaintStream(id));
    if (!state.complaint) throw new AppError('not_found', 'no such complaint');
    return state as ComplaintState & { complaint: Complaint };
  }

  /** A step by the complaint's agency (or the mall-admin): respond, resolve, forward. */
  async function step(actor: Actor | undefined, id: string, doing: string, command: ComplaintCommand): Promise<Complaint> {
    const { complaint } = await load(id);
    authorizeStaff(actor, complaint.mallId, complaint.agencyCode, doing);
    const r = await complaints(complaintStream(id), command, commandContext(actor, { mallId: complaint.mallId, agencyCode: complaint.agencyCode, serviceId: complaint.serviceId }));
    return r.state.complaint!;
  }

  return {
    /** Anyone may complain (a citizen, a kiosk, staff at the desk); the deadlines become timers. */
    async submit(actor: Actor | undefined, intake: ComplaintIntake): Promise<Complaint> {
      const id = recordId(intake.mallId, intake.requestId);
      const agencyCode = await routeTo(intake);
      const at = clock.now();
      const ctx = commandContext(actor, { mallId: intake.mallId, agencyCode, serviceId: intake.serviceId }, intake.requestId ? `complaint:${id}` : undefined);
      const { kind: complaintKind, requestId: _requestId, ...rest } = intake;
      const contact = intake.contact && (intake.contact.name || intake.contact.phone || intake.contact.email) ? intake.contact : undefined;
      // The contact is written before the complaint exists, so whoever reads the complaint finds it.
      if (contact) await db.query(`insert into ${contacts} (complaint_id, name, phone, email) values ($1, $2, $3, $4) on conflict (complaint_id) do nothing`, [id, contact.name.trim(), contact.phone.trim(), contact.email.trim()]);
      const r = await complaints(complaintStream(id), { ...rest, kind: 'receive', id, agencyCode, complaintKind, at }, ctx).catch(async (error: unknown) => {
        if (contact) await db.query(`delete from ${contacts} where complaint_id = $1 and not exists (select 1 from ${table} where id = $1)`, [id]).catch(() => undefined);
        throw error;
      });
      const c = r.state.complaint!;
      for (const deadline of ['first_response', 'resolution'] as const) {
        const due = deadline === 'first_response' ? c.respondBy! : c.resolveBy!;
        await timers.schedule({ id: `${COMPLAINT_DEADLINE}:${id}:${deadline}`, kind: COMPLAINT_DEADLINE, dueAt: new Date(Number(due.seconds) * 1000), payload: { id, deadline } });
      }
      // Every complaint feeds SP4N-LAPOR! (except what came from there): a timer, so a failure retries.
      if (deps.lapor && c.channel !== ComplaintChannel.LAPOR) await timers.schedule({ id: `${SEND_TO_LAPOR}:${id}`, kind: SEND_TO_LAPOR, dueAt: at, payload: { id } });
      return c;
    },

    /**
     * The SP4N-LAPOR! timer: hand the complaint over once and keep its reference. A refusal or an
     * outage throws: the scheduler retries this kind until it succeeds (its backoff capped), so a
     * complaint is never dropped on the way.
     */
    async sendToLapor(id: string): Promise<void> {
      if (!deps.lapor) return;
      const { complaint } = await load(id);
      if (complaint.laporReference !== '') return;
      const reference = await deps.lapor.submit(await withContact(complaint));
      await complaints(complaintStream(id), { kind: 'sent-to-lapor', reference, at: clock.now() }, commandContext(undefined, { mallId: complaint.mallId, agencyCode: complaint.agencyCode, serviceId: complaint.serviceId }));
    },

    async get(actor: Actor | undefined, id: string): Promise<{ complaint: Complaint; overdue: Deadline[] }> {
      const { complaint } = await load(id);
      authorizeStaff(actor, complaint.mallId, complaint.agencyCode, 'read complaints');
      // The contact only for those who answer the complainant, not for auditors.
      const answers = actor?.role === Role.AGENCY_ADMIN || actor?.role === Role.MALL_ADMIN || actor?.role === Role.SYSTEM;
      return { complaint: answers ? await withContact(complaint) : complaint, overdue: overdueAt(complaint, clock.now()) };
    },

    respond: (actor: Actor | undefined, id: string, text: string) => step(actor, id, 'respond to complaints', { kind: 'respond', text, at: clock.now() }),
    resolve: (actor: Actor | undefined, id: string, text: string) => step(actor, id, 'resolve complaints', { kind: 'resolve', text, at: clock.now() }),
    forward: (actor: Actor | undefined, id: string, to: string, reason: string) => step(actor, id, 'forward complaints', { kind: 'forward', to, reason, at: clock.now() }),

    /** A deadline's timer: the complaint is marked overdue if the step is still not taken. */
    async checkDeadline(id: string, deadline: Deadline): Promise<void> {
      const { complaint } = await load(id);
      await complaints(complaintStream(id), { kind: 'check-deadline', deadline, at: clock.now() }, commandContext(undefined, { mallId: complaint.mallId, agencyCode: complaint.agencyCode, serviceId: complaint.serviceId }));
    },

    /** A mall's (or an agency's) complaints, newest first; agency staff see their agency's only. */
    async list(actor: Actor | undefined, mallId: string, agencyCode: string, status: ComplaintStatus, overdueOnly: boolean): Promise<{ complaint: Complaint; overdue: Deadline[] }[]> {
      if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      const agency = agencyCode !== '' ? agencyCode : actor?.role === Role.AGENCY_ADMIN ? actor.agencyCode : '';
      authorizeStaff(actor, mallId, agency, 'list complaints');
      const now = clock.now();
      // Overdue: past the first-response deadline still unanswered, or past the resolution deadline still open.
      const { rows } = await db.query<{ data: unknown }>(
        `select data from ${table} where mall_id = $1 and ($2 = '' or agency_code = $2) and ($3::int = 0 or status = $3)
           and (not $4 or (status = ${ComplaintStatus.RECEIVED} and respond_by <= $5) or (status in (${ComplaintStatus.RECEIVED}, ${ComplaintStatus.RESPONDED}) and resolve_by <= $5))
         order by received_at desc, id limit 1000`,
        [mallId, agency, status, overdueOnly, now],
      );
      const all = rows.map((r) => fromRow(r.data)).map((complaint) => ({ complaint, overdue: overdueAt(complaint, now) }));
      return overdueOnly ? all.filter((c) => c.overdue.length > 0) : all;
    },
  };

  /** The agency a complaint goes to: its service's (from the catalog), which a stated agency must match. */
  async function routeTo(intake: ComplaintIntake): Promise<string> {
    if (intake.serviceId === '') return intake.agencyCode;
    const { rows } = await db.query<{ agency_code: string }>(`select agency_code from "${deps.schema}".survey_services where id = $1 and mall_id = $2`, [intake.serviceId, intake.mallId]);
    const service = rows[0];
    if (!service) throw new AppError('invalid', `no service ${intake.serviceId} in mall ${intake.mallId}`, { violations: [{ field: 'service_id', reason: `not a service of ${intake.mallId}` }] });
    if (intake.agencyCode !== '' && intake.agencyCode !== service.agency_code) throw new AppError('invalid', `${intake.serviceId} is a service of ${service.agency_code}, not ${intake.agencyCode}`, { violations: [{ field: 'agency_code', reason: `the service belongs to ${service.agency_code}` }] });
    return service.agency_code;
  }
}
