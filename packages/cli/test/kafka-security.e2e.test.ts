// The platform's own Kafka clients on a secured cluster, as on Strimzi's internal listener: a
// private broker with SASL_SSL (a CA made for it) and SASL_PLAINTEXT listeners, SCRAM-SHA-512
// users and the StandardAuthorizer. Each service signs in as its own user holding only the ACLs it needs
// (granted through the PLAINTEXT listener, super user there). The shared broker is not touched.
import { AgencyKind, CatalogService, MembershipStatus, Role, type Actor } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import type { RunningService } from '@mpp/runtime';
import { ensureKafkaJars, startKafkaBroker, waitFor, type KafkaBroker, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from '../src/targets.js';
import { serviceAcls, type Login } from './kafka-acls.js';
import { mpp, type Run } from './run-cli.js';

const PREFIX = 'kendari.';
const CATALOG: Login = { username: 'mpp-catalog', password: 'catalog-password-1' };
const REPORTING: Login = { username: 'mpp-reporting', password: 'reporting-password-1' };
const ADMIN: Login = { username: 'mpp-admin', password: 'admin-password-1' };
const AGENCY = 'samsat-kendari';
const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'import', role: Role.SYSTEM, agencyCode: '', mallId: '' };

let broker: KafkaBroker;
let superUser: KafkaClient;
let db: TestDatabase;
const running: RunningService[] = [];

/** A KafkaUser's login over the TLS listener with the cluster CA, as on Strimzi; or over SASL_PLAINTEXT. */
function kafkaEnv(login: Login, tls = true): Record<string, string> {
  return {
    KAFKA_BROKERS: (tls ? broker.tlsBrokers : broker.saslBrokers).join(','),
    KAFKA_TOPIC_PREFIX: PREFIX,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: login.username,
    KAFKA_SASL_PASSWORD: login.password,
    ...(tls ? { KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: broker.tlsCaFile } : {}),
  };
}

/** What a service's Deployment would set on Kubernetes. */
function serviceEnv(login: Login, service: string, options: { database?: TestDatabase; tls?: boolean } = {}): Record<string, string> {
  const { database = db, tls = true } = options;
  return { DATABASE_URL: database.url, GRPC_HOST: '127.0.0.1', [`${service.toUpperCase()}_GRPC_PORT`]: '0', LOG_LEVEL: 'warn', ...kafkaEnv(login, tls) };
}

/** Messages on a topic so far (0 while it does not exist). */
async function countOn(topic: string): Promise<number> {
  if (!(await superUser.topicExists(topic))) return 0;
  return (await superUser.endOffsets(topic)).reduce((n, p) => n + Number(p.offset) - Number(p.low), 0);
}

beforeAll(async () => {
  const users = [CATALOG, REPORTING, ADMIN].map((u) => ({ name: u.username, password: u.password, mechanism: 'scram-sha-512' as const }));
  broker = await startKafkaBroker({ tls: true, scramUsers: users });
  superUser = createKafkaClient({ brokers: broker.brokers, clientId: 'test-setup' });
  await superUser.createAcls([
    ...serviceAcls(CATALOG.username, 'catalog', [], PREFIX),
    ...serviceAcls(REPORTING.username, 'reporting', ['catalog', 'queue', 'survey'], PREFIX),
    ...(['cluster', 'topic', 'group'] as const).map((resourceType) => ({
      principal: `User:${ADMIN.username}`, host: '*', resourceType, resourceName: resourceType === 'cluster' ? 'kafka-cluster' : '*',
      patternType: 'literal' as const, operation: 'all' as const, permission: 'allow' as const,
    })),
  ]);
  // The queue's and the survey's relays would have made their topics; reporting's consumers read them too.
  await superUser.ensureTopics(['queue', 'survey'].map((s) => ({ topic: `${PREFIX}mpp.${s}.v1`, partitions: 3 })));
  db = await testDatabase();
}, 300_000);

afterAll(async () => {
  for (const service of running.reverse()) await service.stop();
  await db?.drop();
  await broker?.stop();
}, 120_000);

describe('the platform on Kafka with SCRAM-SHA-512 logins, TLS with a CA file, and ACLs', () => {
  it('relays, consumes and routes to partner topics as each service\'s own user', async () => {
    running.push(await TARGETS.catalog.load(serviceEnv(CATALOG, 'catalog')).start());
    running.push(await TARGETS.reporting.load(serviceEnv(REPORTING, 'reporting')).start());
    const { client: catalog, close } = createClient(CatalogService, { address: `127.0.0.1:${running[0]!.grpcPort}`, actor: system });
    try {
      await catalog.putMall({ mall: { id: 'kendari', name: 'MPP Kota Kendari', city: 'Kota Kendari', address: 'Jl. Abdullah Silondae', timeZone: 'Asia/Makassar' } });
      await catalog.putAgency({
        agency: { code: AGENCY, name: 'Samsat Kendari', kind: AgencyKind.OPD },
        membership: { mallId: 'kendari', status: MembershipStatus.ACTIVE, mouSignedOn: '2021-03-01', pksSignedOn: '2021-06-01' },
      });
    } finally {
      close();
    }
    // catalog's relay → its topic; reporting's consumer group reads it; the partner router creates
    // and writes the agency's topic: all three over SASL_SSL with the services' own logins.
    const partnerTopic = `${PREFIX}mpp.partner.${AGENCY}.v1`;
    await waitFor(async () => (await countOn(`${PREFIX}mpp.catalog.v1`)) >= 2, { timeoutMs: 60_000, what: 'the catalog\'s events on its topic' });
    await waitFor(async () => (await countOn(partnerTopic)) >= 1, { timeoutMs: 90_000, what: `the agency's event on ${partnerTopic}` });
    expect(running[0]!.relay!.status()).toMatchObject({ active: true });
  }, 240_000);

  it('runs mpp rebuild as the reporting user over SASL_PLAINTEXT (no TLS)', async () => {
    const rebuilt = await finished(mpp(['rebuild', 'directory'], serviceEnv(REPORTING, 'reporting', { tls: false })));
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/directory v2 is live/);
  }, 180_000);

  it('runs mpp dlq and mpp partner add over SASL_SSL, Kafka\'s ConfigCommand trusting the CA file as a PEM truststore', async () => {
    const env = { ...kafkaEnv(ADMIN), PARTNER_BOOTSTRAP: broker.saslBrokers.join(','), KAFKA_LIBS: await ensureKafkaJars() };
    const listed = await finished(mpp(['dlq', 'list', '--topic', `${PREFIX}mpp.catalog.v1`], env));
    expect(listed).toMatchObject({ code: 0, stdout: `${PREFIX}mpp.catalog.v1.dlq: 0 waiting\n` });
    const added = await finished(mpp(['partner', 'add', 'polres'], env));
    expect(added.code, added.stderr).toBe(0);
    const password = /^ {2}password +(\S+)/m.exec(added.stdout)?.[1] ?? '';
    const partner = createKafkaClient({ brokers: broker.saslBrokers, clientId: 'polres', sasl: { mechanism: 'scram-sha-256', username: `${PREFIX}partner-polres`, password } });
    expect(await partner.topicExists(`${PREFIX}mpp.partner.polres.v1`)).toBe(true);
  }, 180_000);

  it('logs why a wrong password is refused, keeps retrying, and still stops cleanly', async () => {
    const other = await testDatabase();
    const wrong = (login: Login, service: string) => ({ ...serviceEnv({ ...login, password: 'not-the-password' }, service, { database: other }), LOG_LEVEL: 'info' });
    const runs = { catalog: mpp(['start', '--target=catalog'], wrong(CATALOG, 'catalog')), reporting: mpp(['start', '--target=reporting'], wrong(REPORTING, 'reporting')) };
    /** Log lines of `run` with `msg` whose error says the login of `user` was refused. */
    const refusals = (run: Run, msg: string, user: string) =>
      run.stdout.split('\n').filter((l) => l.includes(msg) && l.includes(`refused the SASL login of user \\"${user}\\" (SCRAM-SHA-512)`));
    try {
      await waitFor(() => refusals(runs.catalog, 'relay failed', CATALOG.username).length >= 2, { timeoutMs: 60_000, what: `two refused relay attempts:\n${runs.catalog.stdout}${runs.catalog.stderr}` });
      await waitFor(() => refusals(runs.reporting, 'consumer could not start', REPORTING.username).length >= 2, { timeoutMs: 60_000, what: `two refused consumer starts:\n${runs.reporting.stdout}${runs.reporting.stderr}` });
      expect(refusals(runs.catalog, 'relay failed', CATALOG.username)[0]).toContain('KAFKA_SASL_PASSWORD');
      expect([runs.catalog.child.exitCode, runs.reporting.child.exitCode]).toEqual([null, null]);
      // A one-off command says it and exits 1.
      const rebuild = await finished(mpp(['rebuild', 'directory'], wrong(REPORTING, 'reporting')));
      expect(rebuild).toMatchObject({ code: 1, stderr: expect.stringContaining(`mpp rebuild: directory was not switched: Kafka at ${broker.tlsBrokers[0]} refused the SASL login of user "${REPORTING.username}"`) });
    } finally {
      for (const run of Object.values(runs)) run.child.kill('SIGTERM');
      const exits = await Promise.all(Object.values(runs).map((run) => finished(run, 30_000)));
      await other.drop();
      expect(exits.map((e) => e.code)).toEqual([0, 0]);
    }
  }, 180_000);
});

/** The run's end, or SIGKILL after `ms` (no process outlives a failed test). */
async function finished(run: Run, ms = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  try {
    const { code } = await run.exit;
    return { code, stdout: run.stdout, stderr: run.stderr };
  } finally {
    clearTimeout(timer);
  }
}
