import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig, type Env } from '@mpp/config';
import { create } from '@bufbuild/protobuf';
import { ActorSchema, CatalogService, Role, type ImportReport } from '@mpp/contracts';
import { isAppError } from '@mpp/errors';
import { createClient } from '@mpp/grpc';
import { demoMall } from '@mpp/catalog';
import { EXIT_CONFIG } from '@mpp/runtime';
import { EXIT_USAGE, type Io } from './io.js';
import { progressBar } from './progress.js';

export const IMPORT_HELP = `Usage: mpp import <file> [--dry-run]
       mpp import --demo [--mall <id>] [--dry-run]

Imports catalog records into the running catalog service, all or nothing: every row is checked
first, every bad row is listed with its line and reason, and only a file without one is applied.
Importing the same file again changes nothing; a changed row records only the change.

Files:
  <name>.json   a whole catalog: malls, policies, agencies, queues, booths, counters, services,
                standards, officers, mobileVisits (protobuf JSON of mpp.catalog.v1)
  <kind>.csv    one kind of record, the file named after it: services.csv, booths.csv, ...
                (columns are field names; lists split on ';'; see docs/catalog-import.md)

Options:
  --dry-run     check and report, apply nothing
  --demo        import the built-in demo MPP (about 900 services, marked as demo data)
  --mall <id>   the demo mall's id (default kendari)
  -h, --help    show this help

Environment:
  CATALOG_ADDRESS   host:port of the catalog's gRPC API (default 127.0.0.1:50051)

Exit codes: 0 applied or nothing to change, 1 rows refused or the catalog unreachable,
${EXIT_USAGE} bad command line, 78 bad configuration.
`;

const hostPort = (value: string) => {
  if (!/^[^\s:]+:\d{1,5}$/.test(value)) throw new Error('must be host:port');
  return value;
};

export async function importCommand(args: string[], io: Io & { isTTY?: boolean }, env: Env = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, demo: { type: 'boolean' }, mall: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`mpp import: ${(error as Error).message}\n\n${IMPORT_HELP}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const demo = parsed.values.demo ?? false;
  const [file, ...extra] = parsed.positionals;
  if (demo ? file !== undefined : !file || extra.length > 0) {
    io.err(`mpp import: ${demo ? '--demo takes no file' : file ? 'one file at a time' : 'which file?'}\n\n${IMPORT_HELP}`);
    return EXIT_USAGE;
  }
  if (parsed.values.mall !== undefined && !demo) {
    io.err(`mpp import: --mall names the demo mall; use it with --demo\n\n${IMPORT_HELP}`);
    return EXIT_USAGE;
  }
  let config;
  try {
    config = readConfig({ catalogAddress: { env: 'CATALOG_ADDRESS', parse: hostPort, default: '127.0.0.1:50051', doc: 'the catalog gRPC API' } }, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`mpp import: ${error.message}\n`);
    return EXIT_CONFIG;
  }
  let content: Uint8Array;
  try {
    content = demo ? new TextEncoder().encode(JSON.stringify(demoMall(parsed.values.mall ? { mallId: parsed.values.mall } : {}))) : await readFile(file!);
  } catch (error) {
    io.err(`mpp import: ${demo ? 'demo data' : `cannot read ${file}`}: ${(error as Error).message}\n`);
    return 1;
  }
  const dryRun = parsed.values['dry-run'] ?? false;
  // A city's whole catalog (thousands of rows) on a small server: far longer than a query's deadline.
  const IMPORT_TIMEOUT_MS = 30 * 60_000;
  const bar = progressBar(io.err, io.isTTY ?? false, dryRun ? 'checking' : 'importing', 'rows');
  // The operator's tool acts as the platform itself, like a migration.
  const { client, close } = createClient(CatalogService, { address: config.catalogAddress, actor: create(ActorSchema, { subject: 'mpp-cli', role: Role.SYSTEM }) });
  let report: ImportReport | undefined;
  try {
    for await (const m of client.importCatalog({ fileName: demo ? 'demo.json' : basename(file!), content, dryRun }, { timeoutMs: IMPORT_TIMEOUT_MS })) {
      if (m.event.case === 'progress') bar.update(m.event.value);
      else if (m.event.case === 'report') report = m.event.value;
    }
  } catch (error) {
    bar.done();
    const detail = isAppError(error) && error.violations.length > 0 ? `: ${error.violations.map((v) => `${v.field} ${v.reason}`).join('; ')}` : '';
    io.err(`mpp import: ${(error as Error).message}${detail}\n`);
    return 1;
  } finally {
    close();
  }
  bar.done();
  if (!report) {
    io.err('mpp import: the catalog ended the import without a report; check its logs\n');
    return 1;
  }
  return printReport(io, report, dryRun);
}

function printReport(io: Io, report: ImportReport, dryRun: boolean): number {
  for (const e of report.errors) io.err(`${e.line > 0 ? `line ${e.line} ` : ''}${e.location}${e.field ? ` ${e.field}` : ''}: ${e.reason}\n`);
  const counts = report.counts.filter((c) => c.registered + c.changed + c.unchanged > 0);
  for (const c of counts) io.out(`${c.kind.padEnd(13)} ${String(c.registered).padStart(5)} new  ${String(c.changed).padStart(5)} changed  ${String(c.unchanged).padStart(5)} unchanged\n`);
  if (report.errors.length > 0) {
    io.err(`refused: ${report.errors.length} problem(s); nothing was applied\n`);
    return 1;
  }
  if (dryRun) io.out('dry run: the file is valid; nothing was applied\n');
  else io.out(report.applied ? `applied: ${report.events} event(s) recorded${report.demo ? ' (demo data)' : ''}\n` : 'nothing to change\n');
  return 0;
}
