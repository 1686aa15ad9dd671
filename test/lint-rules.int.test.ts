import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's ESLint config, run for real on code placed (virtually) in a service's layers.
const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint rule', () => {
  it('keeps src/domain free of imports from app, infra and api', async () => {
    const found = await problems(
      'services/queue/src/domain/tickets/decide.ts',
      "import { save } from '../../infra/tickets.js';\nimport { handle } from '../../app/tickets.js';\nexport const x = [save, handle];\n",
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('src/domain is pure: it must not import from app, infra or api.');
  });

  it('keeps I/O and infrastructure packages out of src/domain', async () => {
    const found = await problems(
      'services/catalog/src/domain/malls/mall.ts',
      "import pg from 'pg';\nimport { readFileSync } from 'node:fs';\nexport const x = [pg, readFileSync];\n",
    );
    expect(found).toHaveLength(2);
    expect(found.every((p) => p.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('lets the domain import its own files and pure shared packages, and other layers import anything', async () => {
    expect(await problems('services/queue/src/domain/tickets/decide.ts', "import { AppError } from '@mpp/errors';\nimport { evolve } from './ticket.js';\nexport const x = [AppError, evolve];\n")).toEqual([]);
    expect(await problems('services/queue/src/app/tickets.ts', "import pg from 'pg';\nimport { decide } from '../domain/tickets/decide.js';\nexport const x = [pg, decide];\n")).toEqual([]);
  });
});
