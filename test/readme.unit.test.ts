import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSpec } from '@mpp/config';
import { TARGETS } from '@mpp/cli';

// Keeps the README's configuration table true: every variable a service reads has a row, with
// the default the code uses.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = new Map(
  [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

describe('README configuration table', () => {
  for (const [name, target] of Object.entries(TARGETS)) {
    it(`lists every setting of ${name} with its default`, () => {
      for (const setting of describeSpec(target.configSpec)) {
        expect(rows.has(setting.env), `${setting.env} missing from README`).toBe(true);
        const expected = setting.default.startsWith('(') ? setting.default : `\`${setting.default}\``;
        expect(rows.get(setting.env)).toBe(expected);
      }
    });
  }
});
