// `mpp partner` against its own private broker (SASL_PLAINTEXT listener + StandardAuthorizer, no
// user at start): the CLI works on the PLAINTEXT listener (super user ANONYMOUS there), partners
// connect over SASL/SCRAM-SHA-256 with what `add` and `rotate` printed. The shared broker is not touched.
import type { Kafka, KafkaJSError } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKafkaJars, startKafkaBroker, waitFor, type KafkaBroker } from '@mpp/testing';
import { connectError, joinError, partnerKafka, platformKafka, produce, readToEnd, type Login } from './partner-kafka.js';
import { mppDone } from './run-cli.js';

const PREFIX = 'kendari.';
const POLRES = { topic: 'kendari.mpp.partner.polres.v1', groups: 'kendari.mpp.partner.polres.', username: 'kendari.partner-polres' };
const BPJS = { topic: 'kendari.mpp.partner.bpjs.v1', groups: 'kendari.mpp.partner.bpjs.', username: 'kendari.partner-bpjs' };

let broker: KafkaBroker;
let platform: Kafka;
let env: Record<string, string>;
const logins: Record<'polres' | 'bpjs', Login> = { polres: { username: '', password: '' }, bpjs: { username: '', password: '' } };
/** An admin principal for the SASL listener (quotes, a backslash and a space test the login file's escaping). */
const ADMIN: Login = { username: 'mpp-admin', password: 'admin "kata" sandi\\x' };

beforeAll(async () => {
  broker = await startKafkaBroker({ sasl: true, scramUsers: [{ name: ADMIN.username, password: ADMIN.password }] });
  platform = platformKafka(broker.brokers);
  env = {
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_TOPIC_PREFIX: PREFIX,
    PARTNER_BOOTSTRAP: broker.saslBrokers.join(','),
    KAFKA_LIBS: await ensureKafkaJars(),
  };
}, 300_000);

afterAll(async () => {
  await broker?.stop();
}, 60_000);

const cli = (args: string[], input?: string) => mppDone(['partner', ...args], env, input);

/** What `add` and `rotate` printed for the agency. */
function printed(stdout: string): Login & { bootstrap: string[]; topic: string; groupPrefix: string; mechanism: string } {
  const field = (name: string) => new RegExp(`^  ${name} +(\\S+)`, 'm').exec(stdout)?.[1] ?? '';
  return { username: field('username'), password: field('password'), bootstrap: field('bootstrap').split(','), topic: field('topic'), groupPrefix: field('group prefix'), mechanism: field('SASL mechanism') };
}

/** The user's ACLs as [resource type, name, pattern type, operations, permissions], sorted (kafkajs's protocol numbers). */
async function aclsOf(username: string) {
  const admin = platform.admin();
  await admin.connect();
  try {
    // resourceType ANY (1), pattern ANY (1), operation ANY (1), permission ANY (1)
    const { resources } = await admin.describeAcls({ principal: `User:${username}`, resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 });
    return resources
      .map((r) => [r.resourceType, r.resourceName, r.resourcePatternType, r.acls.map((a) => a.operation).sort(), [...new Set(r.acls.map((a) => `${a.permissionType}@${a.host}`))]])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])) || Number(a[0]) - Number(b[0]));
  } finally {
    await admin.disconnect();
  }
}

async function topicExists(topic: string): Promise<boolean> {
  const admin = platform.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
}

const values = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);
const sorted = (reads: { value: string }[]) => reads.map((r) => r.value).sort();

describe('mpp partner (private broker with SASL/SCRAM and ACLs)', () => {
  it('add creates the topic, the SCRAM credential and the ACLs, and prints them for the agency; twice changes only the password', async () => {
    const polres = await cli(['add', 'polres']);
    expect(polres.code, polres.stderr).toBe(0);
    const p = printed(polres.stdout);
    expect(p).toMatchObject({ username: POLRES.username, topic: POLRES.topic, groupPrefix: POLRES.groups, mechanism: 'SCRAM-SHA-256', bootstrap: broker.saslBrokers });
    expect(p.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const bpjs = await cli(['add', 'bpjs']);
    expect(bpjs.code, bpjs.stderr).toBe(0);
    logins.bpjs = printed(bpjs.stdout);

    expect(await topicExists(POLRES.topic)).toBe(true);
    const acls = await aclsOf(POLRES.username);
    expect(acls).toEqual([
      [3, POLRES.groups, 4, [3], ['3@*']], // GROUP, PREFIXED: READ; ALLOW from any host
      [2, POLRES.topic, 3, [3, 8], ['3@*']], // TOPIC, LITERAL: READ, DESCRIBE; ALLOW from any host
    ]);

    const again = await cli(['add', 'polres']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Partner polres existed');
    logins.polres = printed(again.stdout);
    expect(logins.polres.password).not.toBe(p.password);
    expect(await aclsOf(POLRES.username)).toEqual(acls);

    const list = await cli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${BPJS.username} +${BPJS.topic} +${BPJS.groups}\\*$`, 'm'));
    expect(list.stdout).toMatch(new RegExp(`^${POLRES.username} +${POLRES.topic} +${POLRES.groups}\\*$`, 'm'));
  }, 180_000);

  it('a partner reads its own topic over SASL with a group under its prefix, and nothing else', async () => {
    await produce(platform, POLRES.topic, values('polres', 6));
    await produce(platform, BPJS.topic, values('bpjs', 6));
    const errors: KafkaJSError[] = [];
    const polres = partnerKafka(broker.saslBrokers, logins.polres, (e) => errors.push(e));

    expect(sorted(await readToEnd(polres, platform, `${POLRES.groups}sync`, POLRES.topic))).toEqual(values('polres', 6));

    // Another partner's topic: refused when the consumer asks for its metadata.
    const other = polres.consumer({ groupId: `${POLRES.groups}peek` });
    await other.connect();
    try {
      await expect(other.subscribe({ topic: BPJS.topic, fromBeginning: true })).rejects.toMatchObject({ name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED', code: 29 });
    } finally {
      await other.disconnect();
    }

    // Writing, even to its own topic: only the partner router writes there.
    const producer = polres.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await expect(producer.send({ topic: POLRES.topic, messages: [{ value: 'forged' }] })).rejects.toMatchObject({ name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED', code: 29 });
    } finally {
      await producer.disconnect();
    }

    // A group outside its prefix: the broker refuses the coordinator lookup with GROUP_AUTHORIZATION_FAILED
    // (code 30); kafkajs logs that and crashes the consumer with its own "coordinator not found".
    errors.length = 0;
    const crash = await joinError(polres, 'kendari.mpp-reporting.board', POLRES.topic);
    expect(crash).toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
    expect(errors).toContainEqual(expect.objectContaining({ name: 'KafkaJSProtocolError', type: 'GROUP_AUTHORIZATION_FAILED', code: 30 }));
  }, 180_000);

  it('rotate: the old password is refused, the new one reads; a password from stdin may hold any character', async () => {
    const old = logins.polres;
    const rotated = await cli(['rotate', 'polres']);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('old one is refused for new connections');
    logins.polres = printed(rotated.stdout);
    expect(await connectError(broker.saslBrokers, old)).toMatchObject({ name: 'KafkaJSSASLAuthenticationError', message: expect.stringContaining('invalid credentials') });
    const polres = partnerKafka(broker.saslBrokers, logins.polres);
    expect(sorted(await readToEnd(polres, platform, `${POLRES.groups}after-rotation`, POLRES.topic))).toEqual(values('polres', 6));

    const chosen = 'kata sandi, [baru]=\\"ö🙂"#!';
    const fromStdin = await cli(['rotate', 'polres', '--password-stdin'], `${chosen}\n`);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toContain(`  password        ${chosen}\n`);
    expect(await connectError(broker.saslBrokers, { username: POLRES.username, password: chosen })).toBeUndefined();
    expect(await connectError(broker.saslBrokers, logins.polres)).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    logins.polres = { username: POLRES.username, password: chosen };

    const unknown = await cli(['rotate', 'samsat']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('run `mpp partner add samsat`') });
  }, 180_000);

  it('remove: the partner can no longer authenticate and loses its ACLs; its topic stays unless --delete-topic', async () => {
    expect(await connectError(broker.saslBrokers, logins.bpjs)).toBeUndefined();
    const removed = await cli(['remove', 'bpjs']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('3 ACL(s) deleted, its SCRAM credential deleted');
    expect(await connectError(broker.saslBrokers, logins.bpjs)).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    expect(await aclsOf(BPJS.username)).toEqual([]);
    expect(await topicExists(BPJS.topic)).toBe(true);
    expect((await cli(['list'])).stdout).not.toContain(BPJS.username);

    const again = await cli(['remove', 'bpjs', '--delete-topic']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 ACL(s) deleted, it had no SCRAM credential');
    await waitFor(async () => !(await topicExists(BPJS.topic)), { timeoutMs: 60_000, what: `${BPJS.topic} to be deleted` });
  }, 180_000);

  it('replay: a stopped group reads again from the first message at or after a moment', async () => {
    const polres = partnerKafka(broker.saslBrokers, logins.polres);
    const group = `${POLRES.groups}replay`;
    await produce(platform, POLRES.topic, values('batch1', 4));
    const sentAt = Date.now();
    const moment = await waitFor(() => (Date.now() > sentAt ? new Date() : false), { intervalMs: 1, what: 'the clock to move past batch 1' });
    await waitFor(() => Date.now() > moment.getTime(), { intervalMs: 1, what: 'the clock to move past the moment' });
    await produce(platform, POLRES.topic, values('batch2', 5));
    const first = await readToEnd(polres, platform, group, POLRES.topic);
    expect(sorted(first)).toEqual([...values('batch1', 4), ...values('batch2', 5), ...values('polres', 6)].sort());
    expect(first.filter((r) => r.value.startsWith('batch2')).every((r) => r.timestamp >= moment.getTime())).toBe(true);
    expect(first.filter((r) => !r.value.startsWith('batch2')).every((r) => r.timestamp < moment.getTime())).toBe(true);

    // Refused while the partner's consumer is in the group.
    const live = polres.consumer({ groupId: group });
    await live.connect();
    try {
      await live.subscribe({ topic: POLRES.topic });
      let joined = false;
      live.on(live.events.GROUP_JOIN, () => void (joined = true));
      await live.run({ eachMessage: async () => {} });
      await waitFor(() => joined, { what: `a member in ${group}` });
      const refused = await cli(['replay', 'polres', '--group', group, '--from', moment.toISOString()]);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("stop the partner's consumers first") });
    } finally {
      await live.disconnect();
    }

    const replayed = await cli(['replay', 'polres', '--group', group, '--from', moment.toISOString()]);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain(`Group ${group} reads ${POLRES.topic} again from ${moment.toISOString()} when its consumers start: 5 message(s) to read.`);
    expect(sorted(await readToEnd(polres, platform, group, POLRES.topic))).toEqual(values('batch2', 5));

    // A date alone is 00:00 in --tz (here the day the first message was written, in WITA).
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(Math.min(...first.map((r) => r.timestamp)));
    const fromDay = await cli(['replay', 'polres', '--group', group, '--from', day, '--tz', 'Asia/Makassar']);
    expect(fromDay.code, fromDay.stderr).toBe(0);
    expect(sorted(await readToEnd(polres, platform, group, POLRES.topic))).toEqual(sorted(first));

    const outside = await cli(['replay', 'polres', '--group', 'kendari.mpp-reporting.board', '--from', day]);
    expect(outside).toMatchObject({ code: 2, stderr: expect.stringContaining('their ids start with kendari.mpp.partner.polres.') });
  }, 180_000);

  it('works as an admin principal over SASL (KAFKA_SASL_*), and says so when that login is refused', async () => {
    await grantEverything(`User:${ADMIN.username}`);
    const viaSasl = { KAFKA_BROKERS: broker.saslBrokers.join(','), KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: ADMIN.username, KAFKA_SASL_PASSWORD: ADMIN.password };
    const added = await mppDone(['partner', 'add', 'samsat'], { ...env, ...viaSasl });
    expect(added.code, added.stderr).toBe(0);
    const samsat = printed(added.stdout);
    expect(await connectError(broker.saslBrokers, samsat)).toBeUndefined();
    expect((await mppDone(['partner', 'list'], { ...env, ...viaSasl })).stdout).toContain('kendari.partner-samsat');
    const removed = await mppDone(['partner', 'remove', 'samsat'], { ...env, ...viaSasl });
    expect(removed.stdout).toContain('3 ACL(s) deleted, its SCRAM credential deleted');
    expect(await connectError(broker.saslBrokers, samsat)).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });

    const refused = await mppDone(['partner', 'list'], { ...env, ...viaSasl, KAFKA_SASL_PASSWORD: 'not the password' });
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('SASL SCRAM SHA256 authentication failed') });
    expect(refused.stderr).toContain('KAFKA_SASL_');
  }, 180_000);
});

/** ALL on the cluster, every topic and every group (`*`), as a platform operator's admin has. */
async function grantEverything(principal: string): Promise<void> {
  const admin = platform.admin();
  await admin.connect();
  try {
    // ALLOW (3) ALL (2), LITERAL (3): CLUSTER (4) kafka-cluster, TOPIC (2) *, GROUP (3) *
    const all = { principal, host: '*', permissionType: 3, operation: 2, resourcePatternType: 3 };
    await admin.createAcls({ acl: [
      { ...all, resourceType: 4, resourceName: 'kafka-cluster' },
      { ...all, resourceType: 2, resourceName: '*' },
      { ...all, resourceType: 3, resourceName: '*' },
    ] });
  } finally {
    await admin.disconnect();
  }
}
