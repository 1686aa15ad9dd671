const CHI_SQUARE = 3.841; // one degree of freedom, 95 % confidence
const P = 0.5;
const D = 0.05;

/**
 * Krejcie–Morgan minimum sample for a population of `population` (the period's served
 * tickets): n = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), rounded to the nearest whole respondent as
 * the published table is (100 → 80, 500 → 217, 1,000 → 278; large N → 384).
 */
export function minimumSample(population: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`a population is a whole number ≥ 0, got ${population}`);
  if (population === 0) return 0;
  const n = (CHI_SQUARE * population * P * (1 - P)) / (D * D * (population - 1) + CHI_SQUARE * P * (1 - P));
  return Math.min(population, Math.round(n));
}
