import { toJson } from '@bufbuild/protobuf';
import { ComplaintChannel, ComplaintKind, ContactSchema, type Complaint } from '@mpp/contracts';

/**
 * The outbound port to SP4N-LAPOR! (the national complaint system): hand over one complaint,
 * get its tracking reference. The complaint's text and contact are personal data: they go to
 * SP4N-LAPOR! and nowhere else (no log line, no error message).
 */
export interface Lapor {
  submit(complaint: Complaint): Promise<string>;
}

export interface HttpLaporOptions {
  /** The city's SP4N-LAPOR! integration endpoint (http or https). */
  readonly url: string;
  /** Sent as `authorization: Bearer <token>` when given. */
  readonly token?: string;
  /** Abort a request not answered within this. Default 10000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
}

const REFERENCE = /^[A-Za-z0-9._/-]{1,100}$/;

/** What SP4N-LAPOR! receives: the complaint with its unit, kind, category, text and contact. */
export function laporBody(c: Complaint) {
  return {
    id: c.id,
    mallId: c.mallId,
    agencyCode: c.agencyCode,
    serviceId: c.serviceId,
    channel: ComplaintChannel[c.channel]?.toLowerCase() ?? '',
    kind: ComplaintKind[c.kind]?.toLowerCase() ?? '',
    category: c.category,
    text: c.text,
    ...(c.contact ? { contact: toJson(ContactSchema, c.contact) } : {}),
    receivedAt: c.receivedAt ? new Date(Number(c.receivedAt.seconds) * 1000).toISOString() : '',
  };
}

/**
 * POSTs the complaint as JSON (`Idempotency-Key: <complaint id>`, so a retry files nothing twice)
 * and reads `{ "reference": "…" }` from a 2xx answer. A non-2xx answer, a network error, a
 * timeout or an answer without a reference rejects with an Error naming the status only — never
 * the text, the contact, or the answer's body (which may echo them).
 *
 * @example
 * const lapor = createHttpLapor({ url: 'https://lapor.kendarikota.go.id/api/complaints', token });
 * const reference = await lapor.submit(complaint);
 */
export function createHttpLapor(options: HttpLaporOptions): Lapor {
  const { url, token, timeoutMs = 10_000, fetch = globalThis.fetch } = options;
  const endpoint = new URL(url);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new Error(`SP4N-LAPOR!: the url must be http or https, not ${endpoint.protocol}`);
  return {
    async submit(complaint) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': complaint.id, ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(laporBody(complaint)),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // A network error or the timeout: it carries the URL, never the request body.
        throw new Error(`SP4N-LAPOR! did not answer for complaint ${complaint.id}: ${(error as Error).name}`, { cause: error });
      }
      const body = await response.text().catch(() => '');
      // The status only: a receiver may echo the complaint (text, contact) back in its answer.
      if (!response.ok) throw new Error(`SP4N-LAPOR! refused complaint ${complaint.id}: HTTP ${response.status}`);
      let reference: unknown;
      try {
        reference = (JSON.parse(body) as { reference?: unknown }).reference;
      } catch {
        throw new Error(`SP4N-LAPOR! answered complaint ${complaint.id} with something other than JSON`);
      }
      if (typeof reference !== 'string' || !REFERENCE.test(reference)) throw new Error(`SP4N-LAPOR! gave complaint ${complaint.id} no usable reference`);
      return reference;
    },
  };
}
