import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (the built tree is read from it, never written). */
export const repo = fileURLToPath(new URL('../', import.meta.url));

/** The workspaces' folders, from the root package.json's globs (`packages/*`, `services/*`, `web`). */
function workspaces(): string[] {
  const globs = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  return globs.flatMap((glob) =>
    glob.endsWith('/*') ? readdirSync(join(repo, glob.slice(0, -2))).map((name) => `${glob.slice(0, -2)}/${name}`) : [glob],
  ).filter((dir) => existsSync(join(repo, dir, 'package.json')));
}

/** Every package npm would install with `--omit=dev`, as paths relative to the repository. */
function productionPackages(): string[] {
  // npm ls exits non-zero on any oddity of the tree (an extraneous package); the list still holds.
  const { stdout } = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repo, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean).map((p) => relative(repo, p)).filter((p) => p !== '');
}

/**
 * A folder laid out like the image's /app (Dockerfile): the root package.json, bin/, each
 * workspace's package.json and dist/, and a node_modules holding only production packages —
 * third-party ones linked to the repository's copies, `@mpp/*` linked to the workspaces here.
 * No src/: whatever runs from it runs from dist.
 */
export function imageTree(): string {
  const app = mkdtempSync(join(tmpdir(), 'mpp-image-'));
  cpSync(join(repo, 'package.json'), join(app, 'package.json'));
  cpSync(join(repo, 'bin'), join(app, 'bin'), { recursive: true });
  for (const dir of workspaces()) {
    mkdirSync(join(app, dir), { recursive: true });
    cpSync(join(repo, dir, 'package.json'), join(app, dir, 'package.json'));
    if (existsSync(join(repo, dir, 'dist'))) cpSync(join(repo, dir, 'dist'), join(app, dir, 'dist'), { recursive: true });
  }
  for (const path of productionPackages()) {
    const parts = path.split(sep);
    const modules = parts.lastIndexOf('node_modules');
    // Only the outermost node_modules entries: a linked package brings its own nested ones.
    if (parts.indexOf('node_modules') !== modules) continue;
    const link = join(app, path);
    mkdirSync(dirname(link), { recursive: true });
    const target = realpathSync(join(repo, path));
    const workspace = relative(repo, target);
    symlinkSync(workspace.startsWith('..') || workspace.includes('node_modules') ? target : relative(dirname(link), join(app, workspace)), link);
  }
  return app;
}
