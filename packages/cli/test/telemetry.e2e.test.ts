import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { freePort, waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';

// A service process started the production way (`node --import @mpp/telemetry/register`) exports
// the spans of its gRPC adapter over OTLP to a collector; here the collector is a plain HTTP
// server that keeps what it receives.
const bin = fileURLToPath(new URL('../../../bin/mpp.mjs', import.meta.url));
let collector: Server;
let received: Buffer[] = [];
let endpoint: string;
let db: TestDatabase;

beforeAll(async () => {
  db = await testDatabase();
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') received.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
  await db.drop();
});

describe('OpenTelemetry register module', () => {
  it('is loaded before the app, so a service exports the spans of its gRPC calls', async () => {
    received = [];
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', '@mpp/telemetry/register', bin, 'start', '--target=survey'], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.url,
        SURVEY_GRPC_PORT: String(port),
        GRPC_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        OTEL_SERVICE_NAME: 'mpp-survey-under-test',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const { client, close } = createClient(Health, { address: `127.0.0.1:${port}`, defaultTimeoutMs: 2_000 });
      await waitFor(async () => (await client.check({ service: 'mpp.survey.v1.SurveyService' })).status === 1, {
        timeoutMs: 120_000,
        what: `survey health (stderr: ${stderr})`,
      });
      close();
      const body = await waitFor(() => {
        const all = Buffer.concat(received);
        return all.includes('grpc.health.v1.Health/Check') ? all : undefined;
      }, { timeoutMs: 120_000, what: 'an OTLP export with the server span' });
      // OTLP protobuf carries strings as UTF-8: the resource and the span's attributes are there.
      expect(body.includes('mpp-survey-under-test')).toBe(true);
      expect(body.includes('mpp.service')).toBe(true);
      expect(body.includes('survey')).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });
});
