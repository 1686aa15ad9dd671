import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partner } from '../src/partner.js';
import { partnersFrom } from '../src/partner/access.js';
import { parseMoment } from '../src/partner/moment.js';
import { adminProperties, propertyValue } from '../src/partner/scram.js';

// Everything here is refused before anything connects: the brokers named do not exist.
async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await partner(args, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => 'short\n' }, env);
  return { code, out, err };
}
const KAFKA = { KAFKA_BROKERS: '127.0.0.1:1', KAFKA_LIBS: '/nonexistent' };

describe('mpp partner: command line and settings', () => {
  it('shows its help and refuses a wrong command line with exit code 2', async () => {
    expect(await run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('mpp partner replay <agency-code> --group') });
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringContaining('which action?') });
    expect(await run(['grant', 'polres'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown action "grant"') });
    expect(await run(['add'])).toMatchObject({ code: 2, err: expect.stringContaining('add needs an agency code') });
    expect(await run(['add', 'Polres_Kendari'], KAFKA)).toMatchObject({ code: 2, err: expect.stringContaining('"Polres_Kendari" is not an agency code') });
    expect(await run(['add', 'polres', '--delete-topic'], KAFKA)).toMatchObject({ code: 2, err: expect.stringContaining('add does not take --delete-topic') });
    expect(await run(['list', 'polres'], KAFKA)).toMatchObject({ code: 2, err: expect.stringContaining('too many arguments') });
  });

  it('names every missing or invalid setting with exit code 78', async () => {
    const missing = await run(['list']);
    expect(missing.code).toBe(78);
    expect(missing.err).toContain('KAFKA_BROKERS is required');
    const bad = await run(['list'], { KAFKA_BROKERS: 'kafka', KAFKA_SASL_MECHANISM: 'plain', PARTNER_BOOTSTRAP: 'x y' });
    expect(bad.code).toBe(78);
    expect(bad.err).toContain('KAFKA_BROKERS="kafka" is invalid');
    expect(bad.err).toContain('KAFKA_SASL_MECHANISM="plain" is invalid: expected one of scram-sha-256, scram-sha-512');
    expect(bad.err).toContain('PARTNER_BOOTSTRAP="x y" is invalid');
    const half = await run(['list'], { ...KAFKA, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'admin' });
    expect(half).toMatchObject({ code: 78, err: expect.stringContaining('set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD') });
    expect(await run(['add', 'polres'], KAFKA)).toMatchObject({ code: 78, err: expect.stringContaining('KAFKA_LIBS=/nonexistent holds no kafka_2.13-*.jar') });
  });

  it('leaves credentials to Strimzi on Kubernetes, but still replays and lists there', async () => {
    for (const env of [{ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, { MPP_PARTNER_CREDENTIALS: 'strimzi' }] as Record<string, string>[]) {
      for (const action of ['add', 'rotate', 'remove']) {
        const refused = await run([action, 'polres'], { ...KAFKA, ...env });
        expect(refused.code).toBe(78);
        expect(refused.err).toContain('owned by Strimzi here');
        expect(refused.err).toContain('KafkaUser');
      }
    }
    // Replay gets past the Strimzi check to its own argument checks.
    const replay = await run(['replay', 'polres', '--group', 'mpp.partner.bpjs.sync', '--from', '2026-03-01'], { ...KAFKA, KUBERNETES_SERVICE_HOST: '10.0.0.1' });
    expect(replay).toMatchObject({ code: 2, err: expect.stringContaining('their ids start with mpp.partner.polres.') });
    // kafka-admin overrides the Kubernetes default: the next check (the jars) is reached.
    const overridden = await run(['add', 'polres'], { ...KAFKA, KUBERNETES_SERVICE_HOST: '10.0.0.1', MPP_PARTNER_CREDENTIALS: 'kafka-admin' });
    expect(overridden).toMatchObject({ code: 78, err: expect.stringContaining('KAFKA_LIBS') });
  });

  it('checks replay\'s group, moment and time zone before connecting', async () => {
    const replay = (...extra: string[]) => run(['replay', 'polres', ...extra], KAFKA);
    expect(await replay('--group', 'mpp.partner.polres.sync')).toMatchObject({ code: 2, err: expect.stringContaining('replay needs --group') });
    expect(await replay('--group', 'mpp.partner.polres.', '--from', '2026-03-01')).toMatchObject({ code: 2, err: expect.stringContaining('is not one of partner polres') });
    expect(await replay('--group', 'mpp.partner.polres.sync', '--from', '1/3/2026')).toMatchObject({ code: 2, err: expect.stringContaining('write YYYY-MM-DD') });
    expect(await replay('--group', 'mpp.partner.polres.sync', '--from', '2026-02-30')).toMatchObject({ code: 2, err: expect.stringContaining('not a real date') });
    expect(await replay('--group', 'mpp.partner.polres.sync', '--from', '2026-03-01', '--tz', 'Mars/Olympus')).toMatchObject({ code: 2, err: expect.stringContaining('--tz "Mars/Olympus" is not a time zone') });
    expect(await replay('--group', 'mpp.partner.polres.sync', '--from', '2999-01-01')).toMatchObject({ code: 2, err: expect.stringContaining('is in the future') });
    const prefixed = await run(['replay', 'polres', '--group', 'mpp.partner.polres.sync', '--from', '2026-03-01'], { ...KAFKA, KAFKA_TOPIC_PREFIX: 'kendari.' });
    expect(prefixed).toMatchObject({ code: 2, err: expect.stringContaining('their ids start with kendari.mpp.partner.polres.') });
  });

  it('refuses a weak password on standard input', async () => {
    const libs = mkdtempSync(join(tmpdir(), 'mpp-libs-'));
    try {
      // A folder that looks like Kafka's libs gets past the jar check; the password is read next, before any change.
      writeFileSync(join(libs, 'kafka_2.13-3.9.1.jar'), '');
      const weak = await run(['add', 'polres', '--password-stdin'], { KAFKA_BROKERS: '127.0.0.1:1', KAFKA_LIBS: libs });
      expect(weak).toMatchObject({ code: 2, err: expect.stringContaining('at least 16 characters') });
    } finally {
      rmSync(libs, { recursive: true, force: true });
    }
  });
});

describe('--from', () => {
  it('reads a date as 00:00 in the time zone, WIB by default', () => {
    expect(parseMoment('2026-03-01').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(parseMoment('2026-03-01', 'Asia/Makassar').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseMoment('2026-03-01', 'Asia/Jayapura').toISOString()).toBe('2026-02-28T15:00:00.000Z');
    expect(parseMoment('2026-03-01', '+05:30').toISOString()).toBe('2026-02-28T18:30:00.000Z');
    expect(parseMoment('2026-03-01', 'UTC').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('reads a date-time in the zone unless it names its own offset', () => {
    expect(parseMoment('2026-03-01T08:30').toISOString()).toBe('2026-03-01T01:30:00.000Z');
    expect(parseMoment('2026-03-01T08:30:15.5', 'Asia/Makassar').toISOString()).toBe('2026-03-01T00:30:15.500Z');
    expect(parseMoment('2026-03-01T08:30:00+08:00', 'Asia/Jayapura').toISOString()).toBe('2026-03-01T00:30:00.000Z');
    expect(parseMoment('2026-03-01T08:30:00Z').toISOString()).toBe('2026-03-01T08:30:00.000Z');
    // A zone with daylight saving: 00:00 local on the day clocks go forward in Europe (UTC+1 → +2 at 01:00 UTC).
    expect(parseMoment('2026-03-29T12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
  });
});

describe('partner access', () => {
  it('lists partners from their ACLs, ignoring other principals and other deployments', () => {
    const allow = { host: '*', permission: 'allow' } as const;
    const partners = partnersFrom([
      { ...allow, principal: 'User:kendari.partner-polres', resourceType: 'topic', resourceName: 'kendari.mpp.partner.polres.v1', patternType: 'literal', operation: 'read' },
      { ...allow, principal: 'User:kendari.partner-polres', resourceType: 'topic', resourceName: 'kendari.mpp.partner.polres.v1', patternType: 'literal', operation: 'describe' },
      { ...allow, principal: 'User:kendari.partner-polres', resourceType: 'group', resourceName: 'kendari.mpp.partner.polres.', patternType: 'prefixed', operation: 'read' },
      { ...allow, principal: 'User:kendari.partner-bpjs', resourceType: 'group', resourceName: 'kendari.mpp.partner.bpjs.', patternType: 'prefixed', operation: 'read' },
      { ...allow, principal: 'User:partner-polres', resourceType: 'topic', resourceName: 'mpp.partner.polres.v1', patternType: 'literal', operation: 'read' },
      { ...allow, principal: 'User:mpp-queue', resourceType: 'topic', resourceName: 'mpp.queue.v1', patternType: 'literal', operation: 'write' },
    ], 'kendari.');
    expect(partners).toEqual([
      { agencyCode: 'bpjs', user: 'kendari.partner-bpjs', topics: [], groups: ['kendari.mpp.partner.bpjs.*'] },
      { agencyCode: 'polres', user: 'kendari.partner-polres', topics: ['kendari.mpp.partner.polres.v1'], groups: ['kendari.mpp.partner.polres.*'] },
    ]);
  });

  it('writes a password into a properties file so that Java reads it back unchanged', () => {
    expect(propertyValue('aZ9')).toBe('aZ9');
    expect(propertyValue('a,b]=c\\ d')).toBe('a\\u002cb\\u005d\\u003dc\\u005c\\u0020d');
    expect(propertyValue('ö🙂')).toBe('\\u00f6\\ud83d\\ude42');
  });

  it("logs Kafka's ConfigCommand in as the platform's clients connect: PLAINTEXT, SASL, TLS with a PEM truststore", () => {
    const lines = (text: string) => text.trim().split('\n').filter((l) => !l.includes('timeout.ms'));
    const brokers = ['kafka:9093'];
    const sasl = { mechanism: 'scram-sha-512', username: 'admin', password: 'pw' } as const;
    expect(lines(adminProperties({ brokers, clientId: 'mpp-partner' }))).toEqual([]);
    expect(lines(adminProperties({ brokers, clientId: 'mpp-partner', sasl }))).toEqual([
      'security.protocol=SASL_PLAINTEXT',
      'sasl.mechanism=SCRAM-SHA-512',
      expect.stringMatching(/^sasl\.jaas\.config=org\\u002eapache/),
    ]);
    expect(lines(adminProperties({ brokers, clientId: 'mpp-partner', sasl, ssl: { ca: ['PEM'] } }, '/tmp/mpp-partner-x/ca.pem'))).toEqual([
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      expect.stringMatching(/^sasl\.jaas\.config=/),
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${propertyValue('/tmp/mpp-partner-x/ca.pem')}`,
    ]);
    // TLS with the JVM's own trusted CAs: no truststore lines.
    expect(lines(adminProperties({ brokers, clientId: 'mpp-partner', ssl: true }))).toEqual(['security.protocol=SSL']);
  });
});
