import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIkm, gradeOf, minimumSample, sampleAdequacy, type Answers } from '../src/index.js';

/** `n` respondents whose answers add up to `total` (spread as evenly as 1–4 allows). */
function responses(n: number, total: number): number[][] {
  const rows = Array.from({ length: n }, () => Array(9).fill(1) as number[]);
  let left = total - 9 * n;
  for (let step = 0; left > 0; step++) {
    const row = rows[step % n]!;
    const col = Math.floor(step / n) % 9;
    const add = Math.min(3 - (row[col]! - 1), left);
    row[col]! += add;
    left -= add;
  }
  return rows;
}

/**
 * An independent reference: NRR per element as an exact fraction, each weighted by exactly 1/9,
 * summed over a common denominator with BigInt, times 25, to hundredths rounded half up; the
 * grade from the published table as decimal text.
 */
function reference(rows: readonly Answers[]): { hundredths: number; grade: string } {
  const n = BigInt(rows.length);
  let num = 0n; // Σ (Sᵢ / n) · (1/9)  as  num / (9n)
  for (let e = 0; e < 9; e++) num += rows.reduce((s, r) => s + BigInt(r[e]!), 0n);
  const scaledNum = num * 25n * 100n;
  const den = 9n * n;
  const q = scaledNum / den;
  const rest = scaledNum - q * den;
  const hundredths = Number(2n * rest >= den ? q + 1n : q);
  const text = (hundredths / 100).toFixed(2);
  const grade = Number(text) >= 88.31 ? 'A' : Number(text) >= 76.61 ? 'B' : Number(text) >= 65 ? 'C' : 'D';
  return { hundredths, grade };
}

describe('IKM (PermenPANRB 14/2017)', () => {
  it('reads the grade from the two-decimal IKM at every band edge', () => {
    const at = (n: number, total: number) => computeIkm(responses(n, total))!;
    expect(at(19, 604)).toMatchObject({ ikmRounded: 88.3, grade: 'B' }); // 88.304…
    expect(at(24, 763)).toMatchObject({ ikmRounded: 88.31, grade: 'A', meaning: { id: 'Sangat Baik' } }); // 88.310…
    expect(at(26, 717)).toMatchObject({ ikmRounded: 76.6, grade: 'C' }); // 76.602…
    expect(at(19, 524)).toMatchObject({ ikmRounded: 76.61, grade: 'B' }); // 76.608… rounds up into B
    expect(at(5, 117)).toMatchObject({ ikm: 65, ikmRounded: 65, grade: 'C' });
    expect(at(38, 889)).toMatchObject({ ikmRounded: 64.99, grade: 'D' });
    expect([computeIkm([Array(9).fill(4)])!.ikmRounded, computeIkm([Array(9).fill(1)])!.ikmRounded]).toEqual([100, 25]);
  });

  it('weighs each element by exactly 1/9: the common 0.111 would grade 65.00 as D', () => {
    const rows = responses(5, 117);
    const nrr = computeIkm(rows)!.elements.map((e) => e.nrr);
    const withPointOneOneOne = 25 * nrr.reduce((s, v) => s + v * 0.111, 0);
    expect(withPointOneOneOne).toBeLessThan(65);
    expect(computeIkm(rows)!.grade).toBe('C');
  });

  it('gives NRR per element and the weakest elements, lowest first', () => {
    const rows = [
      [4, 4, 2, 4, 4, 3, 4, 4, 1],
      [4, 4, 2, 4, 4, 3, 4, 4, 3],
    ];
    const r = computeIkm(rows)!;
    expect(r.respondents).toBe(2);
    expect(r.elements.map((e) => e.nrr)).toEqual([4, 4, 2, 4, 4, 3, 4, 4, 2]);
    expect(r.weakest.map((e) => e.code)).toEqual(['U3', 'U9', 'U6']);
    expect(r.weakest[1]).toMatchObject({ id: 'Sarana dan prasarana', en: 'Facilities' });
  });

  it('agrees with the reference over random response sets', () => {
    const answers = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 });
    fc.assert(
      fc.property(fc.array(answers, { minLength: 1, maxLength: 400 }), (rows) => {
        const mine = computeIkm(rows)!;
        const ref = reference(rows);
        expect(Math.round(mine.ikmRounded * 100)).toBe(ref.hundredths);
        expect(mine.grade).toBe(ref.grade);
        expect(mine.ikm).toBeCloseTo(ref.hundredths / 100, 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an incomplete or out-of-range response, and has no IKM without respondents', () => {
    expect(computeIkm([])).toBeUndefined();
    expect(() => computeIkm([[4, 4, 4]])).toThrow(/expected 9 answers/);
    expect(() => computeIkm([[4, 4, 4, 4, 5, 4, 4, 4, 4]])).toThrow(/U5 must be a whole number from 1 to 4, got 5/);
    expect(() => computeIkm([[4, 4, 4, 4, 4, 4, 4, 4, 2.5]])).toThrow(/U9/);
    expect(() => gradeOf(10001)).toThrow(RangeError);
  });
});

describe('Krejcie–Morgan minimum sample', () => {
  it('matches the published table (rounded to the nearest respondent)', () => {
    expect([100, 500, 1000, 10, 0, 1_000_000].map(minimumSample)).toEqual([80, 217, 278, 10, 0, 384]);
    expect(minimumSample(2000)).toBe(322);
  });

  it('says whether a period reached the sample of the previous period’s served tickets', () => {
    expect(sampleAdequacy(216, 500)).toEqual({ population: 500, minimum: 217, respondents: 216, reached: false });
    expect(sampleAdequacy(217, 500).reached).toBe(true);
    expect(sampleAdequacy(0, 0).reached).toBe(false); // nobody served before, nobody answered: no sample
    expect(sampleAdequacy(3, 0).reached).toBe(true);
  });
});
