import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { Role } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { createVerifier } from '../src/auth/verify.js';

const ISSUER = 'https://sso.kendarikota.go.id/realms/mpp';

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } as JWK };
}

type Pair = Awaited<ReturnType<typeof keyPair>>;

const sign = (pair: Pair, claims: Record<string, unknown>, o: { iss?: string; aud?: string; exp?: string; sub?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: pair.kid })
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? 'mpp')
    .setSubject(o.sub ?? 'petugas-1')
    .setIssuedAt()
    .setExpirationTime(o.exp ?? '1h')
    .sign(pair.privateKey);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

// A real HTTP issuer on a local port: discovery, then the JWKS it serves (rotated mid-test).
describe('bearer tokens against an OpenID Connect issuer', () => {
  let server: Server;
  let keys: JWK[] = [];
  let issuer: string;
  let fetches = 0;
  let first: Pair;
  let second: Pair;

  beforeAll(async () => {
    first = await keyPair('k1');
    second = await keyPair('k2');
    keys = [first.jwk];
    server = createServer((req, res) => {
      if (req.url === '/realms/mpp/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
      } else if (req.url === '/realms/mpp/certs') {
        fetches++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/mpp`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a valid token, finds the keys by discovery, and picks up a rotated key without a restart', async () => {
    // No cooldown between key-set fetches here, so the rotation is seen at once (30 s by default).
    const verifier = createVerifier({ issuer, audience: 'mpp', jwksCooldownMs: 0 });
    const token = await sign(first, { mpp_role: 'officer', mpp_agency: 'samsat', mpp_mall: 'kendari' }, { iss: issuer });
    const principal = await verifier.verify(token);
    expect(principal.role).toBe('officer');
    expect(principal.actor).toMatchObject({ subject: 'petugas-1', role: Role.OFFICER, agencyCode: 'samsat', mallId: 'kendari' });
    await verifier.verify(token);
    expect(fetches).toBe(1); // cached

    keys = [first.jwk, second.jwk]; // the issuer rotates: a new key id appears
    const rotated = await sign(second, { mpp_role: 'mall-admin', mpp_mall: 'kendari' }, { iss: issuer });
    expect((await verifier.verify(rotated)).role).toBe('mall-admin');
    expect(fetches).toBe(2);
  });

  it('refuses expired, foreign, mis-addressed, unsigned and role-less tokens with a reason', async () => {
    const verifier = createVerifier({ issuer, audience: 'mpp' });
    const claims = { mpp_role: 'auditor' };
    const expired = await refusal(verifier.verify(await sign(first, claims, { iss: issuer, exp: '-5 minutes' })));
    expect(expired).toMatchObject({ code: 'unauthenticated', message: 'the token has expired: sign in again' });
    const foreign = await refusal(verifier.verify(await sign(first, claims, { iss: 'https://elsewhere.example' })));
    expect(foreign.message).toContain('iss');
    const audience = await refusal(verifier.verify(await sign(first, claims, { iss: issuer, aud: 'another-app' })));
    expect(audience.message).toContain('aud');
    const stranger = await keyPair('k1'); // same key id, another key
    const forged = await refusal(verifier.verify(await sign(stranger, claims, { iss: issuer })));
    expect(forged.message).toBe('the token signature does not verify');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: issuer, aud: 'mpp', sub: 'x', exp: Math.floor(Date.now() / 1000) + 60, mpp_role: 'auditor' })).toString('base64url');
    expect((await refusal(verifier.verify(`${header}.${body}.`))).code).toBe('unauthenticated');
    const noRole = await refusal(verifier.verify(await sign(first, {}, { iss: issuer })));
    expect(noRole.message).toContain('mpp_role');
    const noAgency = await refusal(verifier.verify(await sign(first, { mpp_role: 'officer', mpp_mall: 'kendari' }, { iss: issuer })));
    expect(noAgency.message).toContain('mpp_agency');
    const citizen = await refusal(verifier.verify(await sign(first, { mpp_role: 'citizen' }, { iss: issuer })));
    expect(citizen.code).toBe('unauthenticated');
  });

  it('an issuer that cannot be reached is a 503-class error, not a crash', async () => {
    const verifier = createVerifier({ issuer: 'http://127.0.0.1:9/realms/none', audience: 'mpp' });
    const token = await sign(first, { mpp_role: 'auditor' }, { iss: 'http://127.0.0.1:9/realms/none' });
    const error = await refusal(verifier.verify(token));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('unavailable');
  });
});
