import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeSpec } from '@mpp/config';
import { PARTNER_CONFIG_SPEC, TARGETS } from '@mpp/cli';

// Keeps the README's configuration table true: every variable a service reads has a row, with
// the default the code uses.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = new Map(
  [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

/** A default as the table writes it: `(none)`, `(required)` as they are, a value in backticks. */
const documented = (value: string): string => (value.startsWith('(') ? value : `\`${value}\``);

describe('README configuration table', () => {
  for (const [name, target] of Object.entries(TARGETS)) {
    it(`lists every setting of ${name} with its default`, () => {
      for (const setting of describeSpec(target.configSpec)) {
        expect(rows.has(setting.env), `${setting.env} missing from README`).toBe(true);
        expect(rows.get(setting.env)).toBe(documented(setting.default));
      }
    });
  }

  it('lists every setting of mpp partner, with its default where it has one', () => {
    for (const setting of describeSpec(PARTNER_CONFIG_SPEC)) {
      expect(rows.has(setting.env), `${setting.env} missing from README`).toBe(true);
      // KAFKA_BROKERS is required here but optional for the services, whose default the row shows.
      if (setting.default !== '(required)') expect(rows.get(setting.env)).toBe(documented(setting.default));
    }
  });
});
