import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { CLAIMS, type RoleName } from './roles.js';

/**
 * The all-in-one demo's own OpenID Connect issuer: one ES256 key kept in the data folder (so
 * tokens survive restarts), its public half served as JWKS. Exists only under
 * `mpp start --target=all` and for `mpp token`; a real deployment names its city's issuer.
 */
export interface DemoIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwks: JSONWebKeySet;
  mint(claims: TokenClaims, idToken?: IdTokenClaims): Promise<string>;
}

export interface TokenClaims {
  readonly role: Exclude<RoleName, 'citizen'>;
  readonly subject?: string;
  readonly agency?: string;
  readonly mall?: string;
  readonly name?: string;
  /** Lifetime in seconds; default 12 hours (a working day). */
  readonly ttlSec?: number;
}

/** An OpenID Connect ID token's own claims: the client it is for, and the nonce it asked with. */
export interface IdTokenClaims {
  readonly clientId: string;
  readonly nonce?: string;
}

interface KeyFile {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export const DEMO_AUDIENCE = 'mpp';

export async function loadDemoIssuer(keyFile: string, issuer: string): Promise<DemoIssuer> {
  let stored: KeyFile;
  try {
    stored = JSON.parse(await readFile(keyFile, 'utf8')) as KeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the demo issuer key ${keyFile} cannot be read: ${(error as Error).message}; delete it to make a new one`, { cause: error });
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    stored = { kid, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, JSON.stringify(stored), { mode: 0o600 });
  }
  const key = await importJWK(stored.privateJwk, 'ES256');
  return {
    issuer,
    audience: DEMO_AUDIENCE,
    jwks: { keys: [stored.publicJwk] },
    async mint(claims, idToken) {
      const subject = claims.subject ?? `demo-${claims.role}`;
      const body: Record<string, unknown> = { [CLAIMS.role]: claims.role };
      if (idToken?.nonce) body.nonce = idToken.nonce;
      if (claims.agency) body[CLAIMS.agency] = claims.agency;
      if (claims.mall) body[CLAIMS.mall] = claims.mall;
      if (claims.name) body.name = claims.name;
      return new SignJWT(body)
        .setProtectedHeader({ alg: 'ES256', kid: stored.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(idToken ? idToken.clientId : DEMO_AUDIENCE)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(`${claims.ttlSec ?? 12 * 3600}s`)
        .setJti(randomUUID())
        .sign(key);
    },
  };
}
