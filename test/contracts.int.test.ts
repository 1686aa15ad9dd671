import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The contract checks of the test command (scripts/proto.mjs), run on a temporary copy of the
// contracts with a git history of its own, so a deliberate break never touches the repository.
const root = fileURLToPath(new URL('..', import.meta.url));
const script = join(root, 'scripts', 'proto.mjs');
const actorProto = 'proto/mpp/common/v1/actor.proto';
let dir: string;

function git(...args: string[]) {
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: dir, stdio: 'pipe' });
}

function proto(command: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, MPP_PROTO_ROOT: dir };
  delete env.BUF_BREAKING_AGAINST;
  const r = spawnSync(process.execPath, [script, command], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

function edit(path: string, from: string, to: string) {
  const file = join(dir, path);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpp-contracts-'));
  for (const path of ['proto', 'buf.yaml', 'buf.gen.yaml', 'packages/contracts/src/gen']) {
    cpSync(join(root, path), join(dir, path), { recursive: true });
  }
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'baseline');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('contract checks', () => {
  it('the copied contracts pass lint, freshness and breaking checks', () => {
    const r = proto('check');
    expect(r.output).toContain('generated code is fresh');
    expect(r.code).toBe(0);
  });

  it('buf breaking catches a deleted field against the previous commit', () => {
    edit(actorProto, '  // The mall the actor acts in, if any.\n  string mall_id = 4;\n', '');
    git('commit', '-qam', 'drop mall_id');
    const r = proto('breaking');
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/Previously present field "4" with name "mall_id" on message "Actor" was deleted/);
  });

  it('buf breaking lets an added field through', () => {
    edit(actorProto, '  string mall_id = 4;\n', '  string mall_id = 4;\n  string display_name = 5;\n');
    git('commit', '-qam', 'add display_name');
    expect(proto('breaking').code).toBe(0);
  });

  it('fails when the generated code is stale', () => {
    edit(actorProto, '  string mall_id = 4;\n', '  string mall_id = 4;\n  string display_name = 5;\n');
    const r = proto('check');
    expect(r.code).toBe(1);
    expect(r.output).toContain('is stale: mpp/common/v1/actor_pb.ts');
    expect(r.output).toContain('npm run proto');
  });
});
