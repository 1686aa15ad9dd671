import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Kafka version whose jars {@link ensureKafkaJars} resolves (must match infra/kafka/pom.xml). */
export const KAFKA_VERSION = '3.9.1';

// Written into the temp folder before the rename, so a `libs` folder that exists is complete.
const MARKER = '.complete';

const HOW_TO_FIX =
  'Fix: install Java 17 and Maven (e.g. `apt-get install openjdk-17-jdk-headless maven`) with ' +
  'Maven Central reachable, or set KAFKA_BROKERS to an existing broker instead of starting one.';

/**
 * Makes sure the runtime jars of Apache Kafka {@link KAFKA_VERSION} are in
 * `<repoRoot>/.cache/kafka/<version>/libs` (copied from Maven Central by `mvn`), and returns that folder.
 * Safe to call concurrently: jars are copied into a temp folder and renamed into place.
 * Throws (never skips) when `java`/`mvn` is missing or `mvn` fails.
 *
 * @example
 * const libs = await ensureKafkaJars({ log: console.log });
 * // java -cp `${libs}/*` kafka.Kafka server.properties
 */
export async function ensureKafkaJars(opts: { repoRoot?: string; log?: (msg: string) => void } = {}): Promise<string> {
  const log = opts.log ?? (() => {});
  const repoRoot = opts.repoRoot ?? findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const versionDir = join(repoRoot, '.cache', 'kafka', KAFKA_VERSION);
  const libs = join(versionDir, 'libs');
  if (existsSync(join(libs, MARKER))) return libs;

  await requireTool('java', ['-version']);
  await requireTool('mvn', ['-v']);

  await mkdir(versionDir, { recursive: true });
  const tmp = await mkdtemp(join(versionDir, 'libs.tmp-'));
  try {
    const pom = join(repoRoot, 'infra', 'kafka', 'pom.xml');
    log(`kafka: copying Kafka ${KAFKA_VERSION} jars from Maven into ${libs}`);
    const args = ['-q', '-B', '-f', pom, 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`];
    const r = await run('mvn', args, 15 * 60_000);
    if (r.error || r.code !== 0) {
      throw new Error(`Could not fetch the Kafka ${KAFKA_VERSION} jars: \`mvn ${args.join(' ')}\` failed ` +
        `(${r.error?.message ?? `exit code ${r.code}`}).\n--- mvn output (tail) ---\n${tail(r.stdout + r.stderr)}\n---\n${HOW_TO_FIX}`);
    }
    await chmod(tmp, 0o755); // mkdtemp makes it 0700; the cache is meant to be shared like any folder
    await writeFile(join(tmp, MARKER), `kafka ${KAFKA_VERSION} jars copied ${new Date().toISOString()}\n`);
    await publish(tmp, libs);
    return libs;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Renames `tmp` to `libs`; if another caller won the race, keeps theirs. */
async function publish(tmp: string, libs: string): Promise<void> {
  try {
    await rename(tmp, libs);
  } catch (err) {
    if (existsSync(join(libs, MARKER))) return; // a concurrent caller finished first: theirs is complete
    // A `libs` folder without marker is not ours to trust (left by hand or an old tool): replace it.
    await rm(libs, { recursive: true, force: true });
    try {
      await rename(tmp, libs);
    } catch (err2) {
      if (!existsSync(join(libs, MARKER))) throw new Error(`Could not move Kafka jars into ${libs}: ${String(err2)} (first attempt: ${String(err)})`, { cause: err2 });
    }
  }
}

/** The folder holding `turbo.json`, else the one whose package.json is named `mpp-platform`. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    if (dirname(dir) === dir) break;
  }
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'mpp-platform') return dir;
      } catch { /* unreadable package.json: keep walking up */ }
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`Could not find the repository root above ${start} (no turbo.json, no package.json named "mpp-platform"); pass opts.repoRoot.`);
}

async function requireTool(cmd: string, args: string[]): Promise<void> {
  const r = await run(cmd, args, 60_000);
  if (!r.error && r.code === 0) return;
  const what = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    ? `\`${cmd}\` is not installed (not found on PATH)`
    : `\`${cmd} ${args.join(' ')}\` failed (${r.error?.message ?? `exit code ${r.code}`}):\n${tail(r.stdout + r.stderr)}`;
  throw new Error(`Cannot start a Kafka broker for tests: ${what}. ${HOW_TO_FIX}`);
}

interface RunResult { code: number | null; stdout: string; stderr: string; error?: Error }

function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      // execFile reports a non-zero exit as an error too; keep `error` only for spawn failures/timeouts.
      const spawnError = error && typeof error.code !== 'number' ? error : undefined;
      resolve({ code, stdout: String(stdout), stderr: String(stderr), ...(spawnError ? { error: spawnError } : {}) });
    });
  });
}

/** Last `lines` lines of `text`, without ANSI colour codes (mvn prints them even with -B -q). */
export function tail(text: string, lines = 40): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n').slice(-lines).join('\n');
}
