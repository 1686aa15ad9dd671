import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header a delivery's signature travels in. */
export const SIGNATURE_HEADER = 'mpp-signature';

/** How far a delivery's timestamp may be from the receiver's clock before it is refused as a replay (5 minutes). */
export const REPLAY_WINDOW_SECONDS = 300;

/** A new signing secret: `whsec_` and 32 random bytes. */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const hmac = (secret: string, timestamp: number, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The `Mpp-Signature` value of a body sent at `timestamp` (Unix seconds): `t=<timestamp>,v1=<hex
 * HMAC-SHA256 of "<timestamp>.<body>">`. Signing the time with the body lets a receiver refuse
 * an old delivery sent again by someone who recorded it.
 */
export const sign = (secret: string, timestamp: number, body: string): string => `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;

export type Verification = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: string };

/**
 * What a receiver does (docs/partners.md shows it in other languages): the raw body, the header,
 * the secret, its own clock. Any `v1` that matches is enough (room for a second during a rotation).
 */
export function verify(secret: string, header: string | undefined, body: string, nowSeconds: number, windowSeconds = REPLAY_WINDOW_SECONDS): Verification {
  if (!header) return { ok: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string?]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return { ok: false, reason: 'no timestamp (t=) in the signature' };
  if (Math.abs(nowSeconds - t) > windowSeconds) return { ok: false, reason: `timestamp ${t} is more than ${windowSeconds} s from now: a replay, or a wrong clock` };
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const matches = parts
    .filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v!, 'hex'), expected));
  return matches ? { ok: true, timestamp: t } : { ok: false, reason: 'no v1 signature matches the body' };
}
