import { describe, expect, it } from 'vitest';
import { inPeriod, parsePeriod, previousPeriod } from '../src/index.js';

describe('report periods', () => {
  it('reads months, quarters, semesters, years and ranges of local dates', () => {
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', label: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(parsePeriod('2028-02')!.to).toBe('2028-02-29');
    expect(parsePeriod('2026-Q4')).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('2026-S1')).toMatchObject({ kind: 'semester', from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-03-15..2026-04-14')).toMatchObject({ kind: 'range', from: '2026-03-15', to: '2026-04-14' });
    for (const bad of ['2026-13', '2026-Q5', '2026-S3', '26', '2026-04-14..2026-03-15', '2026-02-30..2026-03-01', '']) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('knows the period before (the sample is drawn from its served tickets)', () => {
    const before = (label: string) => previousPeriod(parsePeriod(label)!).label;
    expect(['2026-01', '2026-11', '2026-Q1', '2026-Q3', '2026-S1', '2026-S2', '2026'].map(before)).toEqual(['2025-12', '2026-10', '2025-Q4', '2026-Q2', '2025-S2', '2026-S1', '2025']);
    expect(before('2026-03-01..2026-03-10')).toBe('2026-02-19..2026-02-28');
    expect(inPeriod(parsePeriod('2026-Q4')!, '2026-12-31')).toBe(true);
    expect(inPeriod(parsePeriod('2026-Q4')!, '2027-01-01')).toBe(false);
  });
});
