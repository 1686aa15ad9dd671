import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The image cannot be built on these machines (no Docker engine): this lints the Dockerfile's
// rules instead. test/image.e2e.test.ts runs its command from a tree laid out like the image.
const root = new URL('../', import.meta.url);
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const dockerignore = readFileSync(new URL('.dockerignore', root), 'utf8');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** Index of the stage (FROM) it belongs to. */
  readonly stage: number;
}

/** Instructions with line continuations joined and comments dropped. */
function parse(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let stage = -1;
  return logical.map((line) => {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stage++;
    return { keyword: keyword.toUpperCase(), args: args.trim(), stage };
  });
}

const instructions = parse(dockerfile);
const froms = instructions.filter((i) => i.keyword === 'FROM').map((i) => /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args)!);
const stageNames = froms.map((m) => m[2]);
const last = froms.length - 1;
const final = instructions.filter((i) => i.stage === last);
const of = (keyword: string, list: readonly Instruction[] = instructions) => list.filter((i) => i.keyword === keyword);
const json = (i: Instruction | undefined): unknown => JSON.parse(i!.args);

describe('Dockerfile', () => {
  it('builds every stage on Node 24 (the LTS the project pins), from a tagged image, never latest', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const [, image] of froms) {
      if (stageNames.includes(image)) continue;
      expect(image, 'FROM node:24-…').toMatch(/^node:24(?:\.\d+){0,2}-(?:bookworm-slim|alpine(?:\d[\d.]*)?)$/);
    }
    expect(dockerfile).not.toMatch(/:latest\b/);
  });

  it('runs the final stage as a numeric non-root user', () => {
    const users = of('USER', final);
    expect(users.length, 'a USER in the final stage').toBeGreaterThan(0);
    const user = users.at(-1)!.args;
    expect(user).toMatch(/^\d+(?::\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it('starts the CLI from dist with the telemetry register module first, all-in-one by default', () => {
    expect(of('ENTRYPOINT', final)).toHaveLength(1);
    expect(json(of('ENTRYPOINT', final)[0])).toEqual(['node', '--import', '@mpp/telemetry/register', 'bin/mpp.mjs']);
    expect(json(of('CMD', final)[0])).toEqual(['start', '--target=all']);
    expect(of('ENV', final).map((i) => i.args).join(' ')).toMatch(/\bNODE_ENV=production\b/);
    expect(of('EXPOSE', final).flatMap((i) => i.args.split(/\s+/))).toEqual(expect.arrayContaining(['8080', '50051-50055', '9464']));
  });

  it('installs with npm ci (production dependencies only in the image), builds with npm run build, downloads nothing by ADD', () => {
    const runs = of('RUN').map((i) => i.args);
    expect(runs.join('\n')).not.toMatch(/\bnpm (?:install|i|add)\b/);
    expect(runs.some((r) => /\bnpm ci\b/.test(r) && !r.includes('--omit=dev'))).toBe(true);
    expect(runs.some((r) => /\bnpm (?:ci|prune) [^&]*--omit=dev/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    expect(of('ADD')).toEqual([]);
    expect(dockerfile).not.toMatch(/^\s*ADD\s+https?:/im);
  });

  it('copies only paths that exist in the repository, or come from an earlier stage', () => {
    for (const copy of of('COPY')) {
      const words = copy.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      const sources = paths.slice(0, -1);
      expect(sources.length, `COPY ${copy.args}`).toBeGreaterThan(0);
      if (from) {
        expect(stageNames.slice(0, copy.stage), `COPY --from=${from}: an earlier stage`).toContain(from);
        continue;
      }
      for (const source of sources) expect(existsSync(new URL(source, root)), `COPY ${source}: in the repository`).toBe(true);
    }
  });

  it('keeps secrets and a developer\'s dependencies, builds and data out of the build context and the image', () => {
    expect(dockerfile).not.toMatch(/^\s*(?:ENV|ARG)\s+[^\n]*(?:PASSWORD|SECRET|TOKEN|HOLDER_KEY)/im);
    const ignored = dockerignore.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '**/dist', '.cache', '.data', '.env']));
  });

  it('says in its header that it is not built here, and so does the README', () => {
    expect(dockerfile).toMatch(/NOT BUILT HERE: .*no Docker engine/s);
    expect(readFileSync(new URL('README.md', root), 'utf8')).toMatch(/Dockerfile[^\n]*\n?[^\n]*not been built|no Docker engine/);
  });
});
