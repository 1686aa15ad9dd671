import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Runs the built CLI (`bin/mpp.mjs` → dist), as `npm start` and the container do.
const bin = fileURLToPath(new URL('../../../bin/mpp.mjs', import.meta.url));

export interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI; `input`, when given, is its standard input. */
export function mpp(args: string[], env: Record<string, string>, input?: string): Run {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'none', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  child.stdout?.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return run;
}

/** Runs to the end; returns the exit code and what it printed. */
export async function mppDone(args: string[], env: Record<string, string>, input?: string) {
  const run = mpp(args, env, input);
  const { code } = await run.exit;
  return { code, stdout: run.stdout, stderr: run.stderr };
}
