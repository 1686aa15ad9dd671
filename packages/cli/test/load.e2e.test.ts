import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '@mpp/cli';
import { freePort, waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { createLogger } from '@mpp/telemetry';
import { mppDone } from './run-cli.js';

interface MallJson {
  id: string;
  date: string;
  issued: number;
  checkIns: number;
  bookings: number;
  transfers: number;
  reportIssuedBefore: number;
  reportMatches: boolean;
}

describe('mpp load', () => {
  let db: TestDatabase;
  let dataDir: string;
  let platform: RunningPlatform;
  let base: string;
  beforeAll(async () => {
    db = await testDatabase('mpp_load');
    dataDir = mkdtempSync(join(tmpdir(), 'mpp-load-'));
    const port = await freePort();
    platform = await startPlatform({
      env: {
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        GRPC_HOST: '127.0.0.1',
        CATALOG_GRPC_PORT: '0',
        QUEUE_GRPC_PORT: '0',
        SURVEY_GRPC_PORT: '0',
        REPORTING_GRPC_PORT: '0',
        GATEWAY_GRPC_PORT: '0',
        GATEWAY_HTTP_HOST: '127.0.0.1',
        GATEWAY_HTTP_PORT: String(port),
        REPORTING_BOARD_POLL_MS: '100',
        MPP_DATA_DIR: dataDir,
      },
      log: createLogger({ service: 'load-e2e', level: 'silent' }),
    });
    base = `http://127.0.0.1:${platform.gateway.httpPort}`;
  });
  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('drives two malls through the API; the day reports count what it issued, sampled tickets reach the board, no 5xx', async () => {
    const out = join(dataDir, 'load.json');
    const run = await mppDone(['load', '--url', base, '--malls', '2', '--speedup', '240', '--duration', '15', '--tickets', '400', '--officers', '6', '--seed', '7', '--bookings', '0.3', '--out', out], { MPP_DATA_DIR: dataDir });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('POST /malls/{mallId}/tickets');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    for (const section of ['config', 'malls', 'throughput', 'routes', 'errors', 'lag', 'cpu']) expect(report, section).toHaveProperty(section);
    expect(report.malls.map((m: MallJson) => m.id)).toEqual(['kendari', 'load2']);

    // The day report, read through the API, counts every issued ticket (a transfer makes one more).
    const admin = await platform.demoIssuer!.mint({ role: 'auditor' });
    for (const mall of report.malls as MallJson[]) {
      expect(mall.issued).toBeGreaterThan(1);
      expect(mall.reportMatches).toBe(true);
      await waitFor(async () => {
        const r = await fetch(`${base}/api/v1/malls/${mall.id}/reports/daily?date=${mall.date}&groupBy=mall&bucket=period`, { headers: { authorization: `Bearer ${admin}` } });
        const body = (await r.json()) as { total: { issued: number } };
        return body.total.issued - mall.reportIssuedBefore === mall.issued + mall.checkIns + mall.transfers;
      }, { what: `the day report of ${mall.id}` });
    }

    // Some citizens booked a slot and checked it in on arrival; ticket operations are counted apart from polls.
    const malls = report.malls as MallJson[];
    expect(malls.reduce((n, m) => n + m.bookings, 0)).toBeGreaterThan(0);
    expect(malls.reduce((n, m) => n + m.checkIns, 0)).toBeGreaterThan(0);
    expect(run.stdout).toContain('POST /bookings/{bookingId}/check-in');
    expect(report.throughput.ticketOps).toBeGreaterThan(0);
    expect(report.throughput.ticketOps).toBeLessThan(report.throughput.requests);

    expect(report.lag.board.samples).toBeGreaterThan(0);
    expect(report.lag.board.reached).toBe(report.lag.board.samples);
    expect(report.lag.report.reached).toBe(report.lag.report.samples);
    expect(report.errors.serverErrors).toBe(0);
    for (const [route, r] of Object.entries(report.routes as Record<string, { statuses: Record<string, number> }>)) {
      expect(Object.keys(r.statuses).filter((s) => Number(s) >= 500 || s === '0'), route).toEqual([]);
    }
  });
});
