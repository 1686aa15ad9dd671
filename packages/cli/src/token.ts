import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Env } from '@mpp/config';
import { loadDemoIssuer, ROLE_NAMES, type TokenClaims } from '@mpp/gateway';
import { EXIT_USAGE, type Io } from './io.js';
import { demoIssuerUrl, demoKeyFile } from './platform.js';

export const TOKEN_HELP = `Usage: mpp token --role <role> [--mall <id>] [--agency <code>] [--subject <id>] [--ttl <seconds>]

Mints a bearer token from the all-in-one demo issuer (the key under MPP_DATA_DIR, made by the
first \`npm start\`), for scripts and curl. A real deployment's tokens come from the city's
OpenID Connect provider; this command only works against the demo issuer.

Roles: ${ROLE_NAMES.filter((r) => r !== 'citizen').join(', ')} (citizens need no token).
  officer, agency-admin and partner name their --agency; kiosk, officer and mall-admin their --mall.

Example:
  curl -H "Authorization: Bearer $(mpp token --role mall-admin --mall kendari)" http://localhost:8080/api/v1/malls/kendari/officers
`;

export async function token(args: string[], io: Io, env: Env = process.env): Promise<number> {
  let values: { role?: string | undefined; mall?: string | undefined; agency?: string | undefined; subject?: string | undefined; ttl?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, options: { role: { type: 'string' }, mall: { type: 'string' }, agency: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.err(`mpp token: ${(error as Error).message}\n\n${TOKEN_HELP}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(TOKEN_HELP);
    return 0;
  }
  const role = values.role;
  if (!role || role === 'citizen' || !(ROLE_NAMES as readonly string[]).includes(role)) {
    io.err(`mpp token: --role must be one of ${ROLE_NAMES.filter((r) => r !== 'citizen').join(', ')}\n\n${TOKEN_HELP}`);
    return EXIT_USAGE;
  }
  const needsAgency = role === 'officer' || role === 'agency-admin' || role === 'partner';
  const needsMall = role === 'officer' || role === 'kiosk' || role === 'mall-admin' || role === 'agency-admin';
  if (needsAgency && !values.agency) {
    io.err(`mpp token: a ${role} token names its agency: --agency <code>\n`);
    return EXIT_USAGE;
  }
  if (needsMall && !values.mall) {
    io.err(`mpp token: a ${role} token names its mall: --mall <id>\n`);
    return EXIT_USAGE;
  }
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 3600)) {
    io.err('mpp token: --ttl is whole seconds from 1 to 604800\n');
    return EXIT_USAGE;
  }
  if (env.OIDC_ISSUER?.trim()) {
    io.err('mpp token: OIDC_ISSUER is set, so the API accepts the city’s provider tokens, not the demo issuer’s; get a token from that provider\n');
    return 1;
  }
  const keyFile = demoKeyFile(env);
  try {
    await access(keyFile);
  } catch {
    io.err(`mpp token: no demo issuer key at ${keyFile}: start the all-in-one platform once (npm start), or set MPP_DATA_DIR to its data folder\n`);
    return 1;
  }
  const issuer = await loadDemoIssuer(keyFile, demoIssuerUrl(env));
  const claims: TokenClaims = {
    role: role as TokenClaims['role'],
    ...(values.mall ? { mall: values.mall } : {}),
    ...(values.agency ? { agency: values.agency } : {}),
    ...(values.subject ? { subject: values.subject } : {}),
    ...(ttl ? { ttlSec: ttl } : {}),
  };
  io.out(`${await issuer.mint(claims)}\n`);
  return 0;
}
