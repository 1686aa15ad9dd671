/**
 * Telling a citizen their turn is near or called, by SMS or WhatsApp through the city's gateway.
 * The phone number is personal data: it goes to the gateway and nowhere else (no log line, no
 * error message); logs carry the ticket number and the kind of notice only.
 */

export type NoticeKind = 'few-ahead' | 'called';

export interface Notice {
  /** The citizen's phone number (personal data). */
  readonly to: string;
  readonly text: string;
  readonly kind: NoticeKind;
  /** `B-017`: the reference the gateway and the logs know the notice by. */
  readonly ticketNumber: string;
}

/** The port: one notice to one citizen. Rejects when the notice was not accepted. */
export interface Notifier {
  send(message: Notice): Promise<void>;
}

/** What a notifier logs through (a pino `Logger` fits). */
export interface NotifyLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface HttpNotifierOptions {
  /** The gateway's endpoint (http or https). */
  readonly url: string;
  /** Sent as `authorization: Bearer <token>` when given. */
  readonly token?: string;
  /** Abort a request the gateway has not answered (headers and body) within this. Default 5000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly log?: NotifyLog;
}

/** How much of a refusing gateway's body an error quotes. */
const BODY_QUOTE = 200;

/**
 * A notifier that POSTs `{ to, text, kind, reference }` as JSON to the gateway. A non-2xx answer,
 * a network error or no answer within `timeoutMs` rejects with an Error naming the status (and
 * the start of the answer) but never the phone number.
 *
 * @example
 * const notifier = createHttpNotifier({ url: 'https://sms.kendarikota.go.id/v1/messages', token, log });
 * await notifier.send({ to: '+6281234567890', text: noticeText('called', 'B-017', '3'), kind: 'called', ticketNumber: 'B-017' });
 */
export function createHttpNotifier(options: HttpNotifierOptions): Notifier {
  const { url, token, timeoutMs = 5000, fetch = globalThis.fetch, log } = options;
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new Error('notifier: the gateway url is not a URL');
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new Error(`notifier: the gateway url must be http or https, not ${endpoint.protocol}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`notifier: timeoutMs must be a positive number of milliseconds: ${timeoutMs}`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;

  return {
    async send({ to, text, kind, ticketNumber }) {
      const fields = { kind, ticketNumber };
      const fail = (message: string, cause?: unknown): never => {
        log?.warn(fields, `notice not sent: ${message}`);
        throw new Error(`notifier: ${kind} notice for ${ticketNumber} not sent: ${message}`, cause === undefined ? undefined : { cause });
      };
      const signal = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ to, text, kind, reference: ticketNumber }), signal });
      } catch (error) {
        if (signal.aborted) return fail(`the gateway did not answer within ${timeoutMs} ms`);
        // The network error's own message (it names the host, not the request body).
        return fail(`the gateway is unreachable (${error instanceof Error ? error.message : String(error)})`, error);
      }
      if (!response.ok) {
        const body = await response.text().catch(() => '');
        // Redacted before it is cut, so no part of an echoed number survives the cut.
        const quote = redact(body, to).slice(0, BODY_QUOTE);
        return fail(`the gateway answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${quote ? `: ${quote}` : ''}`);
      }
      // Nothing to read: free the connection.
      await response.body?.cancel().catch(() => undefined);
      log?.info(fields, 'notice sent');
    },
  };
}

/**
 * A notifier that only logs the notice (kind and ticket number, never the number or the text):
 * for the single-node demo, where no gateway is configured.
 */
export function createLogNotifier(log: NotifyLog): Notifier {
  return {
    send({ kind, ticketNumber }) {
      log.info({ kind, ticketNumber }, 'notice (demo mode: not sent)');
      return Promise.resolve();
    },
  };
}

/**
 * The short Bahasa Indonesia text of a notice.
 *
 * @example
 * noticeText('called', 'B-017', '3'); // 'Nomor antrian B-017 dipanggil ke loket 3.'
 * noticeText('few-ahead', 'B-017', undefined, 3); // 'Nomor antrian B-017: 3 orang lagi sebelum giliran Anda.'
 */
export function noticeText(kind: NoticeKind, ticketNumber: string, counterName?: string, peopleAhead?: number): string {
  switch (kind) {
    case 'called': {
      // A counter named "Loket 3" is still "loket 3" in the sentence.
      const counter = counterName?.trim().replace(/^loket\s+/i, '');
      return counter ? `Nomor antrian ${ticketNumber} dipanggil ke loket ${counter}.` : `Nomor antrian ${ticketNumber} dipanggil. Silakan menuju loket.`;
    }
    case 'few-ahead': {
      if (peopleAhead === undefined || !Number.isFinite(peopleAhead) || peopleAhead < 0) return `Nomor antrian ${ticketNumber}: giliran Anda sebentar lagi.`;
      if (peopleAhead === 0) return `Nomor antrian ${ticketNumber}: Anda berikutnya.`;
      return `Nomor antrian ${ticketNumber}: ${Math.floor(peopleAhead)} orang lagi sebelum giliran Anda.`;
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown notice kind ${String(unknown)}`);
    }
  }
}

/** A gateway's answer with the phone number (as sent, and any long run of digits) blanked. */
function redact(text: string, to: string): string {
  let out = text;
  if (to.trim() !== '') out = out.split(to).join('[redacted]');
  const digits = to.replace(/\D/g, '');
  // The number as the gateway may echo it: +62…, 62…, 0…, with or without separators.
  out = out.replace(/\+?\d(?:[\s.-]?\d){6,}/g, (run) => (digits.length >= 7 && run.replace(/\D/g, '').slice(-7) === digits.slice(-7) ? '[redacted]' : run));
  return out.replace(/\s+/g, ' ').trim();
}
