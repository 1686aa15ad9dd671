#!/usr/bin/env node
// Contract checks: `generate` writes packages/contracts/src/gen; `check` runs buf lint, fails when
// the committed generated code is stale, and runs buf breaking against the baseline.
// Baseline: $BUF_BREAKING_AGAINST (a buf input), else the newest `v*` release tag, else the
// previous commit (HEAD~1); a baseline without buf.yaml (before contracts existed) is skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.MPP_PROTO_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
const GEN = 'packages/contracts/src/gen';

function buf(args, opts = {}) {
  const r = spawnSync('buf', args, { cwd: root, env, encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

function run(args) {
  const r = buf(args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`buf ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

function checkFresh() {
  const out = mkdtempSync(join(tmpdir(), 'mpp-proto-'));
  try {
    run(['generate', '-o', out]);
    const fresh = join(out, GEN);
    const committed = join(root, GEN);
    const a = listFiles(fresh);
    const b = listFiles(committed);
    const stale = [...new Set([...a, ...b])].filter(
      (f) => !a.includes(f) || !b.includes(f) || readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'),
    );
    if (stale.length > 0) {
      console.error(`Generated code in ${GEN} is stale: ${stale.join(', ')}.\nRun \`npm run proto\` and commit the result.`);
      process.exit(1);
    }
    console.log(`generated code is fresh (${a.length} files)`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function git(args) {
  return spawnSync('git', args, { cwd: root, encoding: 'utf8' });
}

function baseline() {
  if (process.env.BUF_BREAKING_AGAINST) return process.env.BUF_BREAKING_AGAINST;
  const tag = git(['describe', '--tags', '--abbrev=0', '--match', 'v*']);
  const ref = tag.status === 0 ? tag.stdout.trim() : 'HEAD~1';
  if (git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0) return undefined;
  if (git(['cat-file', '-e', `${ref}:buf.yaml`]).status !== 0) return undefined;
  const top = git(['rev-parse', '--show-toplevel']).stdout.trim();
  const sub = relative(top, root);
  return `${join(top, '.git')}#ref=${ref}${sub ? `,subdir=${sub}` : ''}`;
}

function checkBreaking() {
  const against = baseline();
  if (!against) {
    console.log('buf breaking: no baseline with contracts yet (first commit); nothing to compare');
    return;
  }
  run(['breaking', '--against', against]);
  console.log(`buf breaking: no breaking change against ${against}`);
}

const cmd = process.argv[2];
if (cmd === 'generate') run(['generate']);
else if (cmd === 'lint') run(['lint']);
else if (cmd === 'breaking') checkBreaking();
else if (cmd === 'check') {
  run(['lint']);
  checkFresh();
  checkBreaking();
} else {
  console.error('usage: node scripts/proto.mjs generate|lint|breaking|check');
  process.exit(2);
}
