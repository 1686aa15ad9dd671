import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import { create } from '@bufbuild/protobuf';
import { ActorSchema, Role, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { CLAIMS, isRoleName, ROLE_OF, type RoleName } from './roles.js';

/** Who calls: the verified actor the services receive, and its role's name for route tables. */
export interface Principal {
  readonly role: RoleName;
  readonly actor: Actor;
}

export const ANONYMOUS: Principal = { role: 'citizen', actor: create(ActorSchema, { role: Role.CITIZEN }) };

export interface VerifierOptions {
  /** The OpenID Connect issuer (`iss` of every token). */
  readonly issuer: string;
  /** The audience tokens must name (`aud`). */
  readonly audience: string;
  /** Where the signing keys are: a JWKS URL (fetched, cached, refetched for an unknown `kid`), a key set, or discovered from the issuer. */
  readonly jwks?: URL | JSONWebKeySet;
  /**
   * After a fetch of the key set, how long an unknown key id waits before the next fetch (ms):
   * refetch storms from forged key ids are bounded; a rotated key is seen at most this late.
   * Default 30 s.
   */
  readonly jwksCooldownMs?: number;
  /** Clock skew tolerated on `exp`/`nbf` (seconds). */
  readonly clockToleranceSec?: number;
}

export interface Verifier {
  /** The principal of a bearer token; an `unauthenticated` AppError saying why not. */
  verify(token: string): Promise<Principal>;
}

/**
 * Bearer JWTs checked against the issuer's keys (JWKS). Keys are cached and refetched when a
 * token names a key id not yet seen — how an issuer's key rotation reaches the gateway without a
 * restart. Algorithms are the asymmetric ones only (no `none`, no HMAC with a public key).
 */
export function createVerifier(options: VerifierOptions): Verifier {
  let keys: JWTVerifyGetKey | undefined;
  let discovering: Promise<JWTVerifyGetKey> | undefined;
  const remote = { cacheMaxAge: 10 * 60_000, cooldownDuration: options.jwksCooldownMs ?? 30_000 };
  const keySet = async (): Promise<JWTVerifyGetKey> => {
    if (keys) return keys;
    if (options.jwks instanceof URL) return (keys = createRemoteJWKSet(options.jwks, remote));
    if (options.jwks) return (keys = createLocalJWKSet(options.jwks));
    discovering ??= discover(options.issuer).then((url) => (keys = createRemoteJWKSet(url, remote)));
    try {
      return await discovering;
    } catch (error) {
      discovering = undefined;
      throw error;
    }
  };
  // A kiosk or a console sends the same token all day: a verified token is remembered until it
  // expires (bounded, oldest forgotten first), so its signature is checked once, not per request.
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known && known.expiresAtMs > Date.now()) return known.principal;
      if (known) verified.delete(token);
      const { principal, exp } = await verifyOnce(token);
      if (verified.size >= 10_000) verified.delete(verified.keys().next().value!);
      verified.set(token, { principal, expiresAtMs: exp * 1000 });
      return principal;
    },
  };

  async function verifyOnce(token: string): Promise<{ principal: Principal; exp: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256', 'ES384', 'RS256', 'RS384', 'RS512', 'PS256', 'EdDSA'],
        clockTolerance: options.clockToleranceSec ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The issuer's keys could not be had: the caller may be fine, the gateway cannot tell (503).
      if (!(error instanceof errors.JOSEError) || ['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC'].includes(error.code)) {
        throw new AppError('unavailable', 'the identity provider’s keys cannot be fetched; retry in a moment', { cause: error });
      }
      throw new AppError('unauthenticated', reasonOf(error), { cause: error });
    }
    const role = payload[CLAIMS.role];
    if (!isRoleName(role) || role === 'citizen') throw new AppError('unauthenticated', `the token's ${CLAIMS.role} claim must be one of kiosk, officer, agency-admin, mall-admin, partner, auditor`);
    const agency = typeof payload[CLAIMS.agency] === 'string' ? (payload[CLAIMS.agency] as string) : '';
    const mall = typeof payload[CLAIMS.mall] === 'string' ? (payload[CLAIMS.mall] as string) : '';
    if ((role === 'officer' || role === 'agency-admin' || role === 'partner') && agency === '') throw new AppError('unauthenticated', `a ${role} token must name its agency in ${CLAIMS.agency}`);
    if ((role === 'officer' || role === 'kiosk' || role === 'mall-admin' || role === 'agency-admin') && mall === '') throw new AppError('unauthenticated', `a ${role} token must name its mall in ${CLAIMS.mall}`);
    return { exp: payload.exp ?? 0, principal: { role, actor: create(ActorSchema, { subject: payload.sub ?? '', role: ROLE_OF[role], agencyCode: agency, mallId: mall }) } };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired: sign in again';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted here (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was signed with a key the issuer does not publish';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm not accepted here';
  return 'the bearer token is not a valid JWT';
}

async function discover(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw new AppError('unavailable', `the identity provider's configuration at ${url} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  if (!res.ok) throw new AppError('unavailable', `the identity provider answered ${res.status} for ${url}`);
  const doc = (await res.json()) as { jwks_uri?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new AppError('unavailable', `the identity provider's configuration at ${url} has no jwks_uri`);
  return new URL(doc.jwks_uri);
}
