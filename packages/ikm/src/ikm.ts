import { answersProblem, ELEMENTS, type Answers, type ElementCode } from './elements.js';
import { gradeOf, GRADE_MEANING, type Grade } from './grade.js';
import { minimumSample } from './sample.js';

export interface ElementScore {
  readonly code: ElementCode;
  readonly id: string;
  readonly en: string;
  /** Nilai rata-rata (NRR): the element's sum of answers ÷ respondents, full precision (1–4). */
  readonly nrr: number;
}

export interface IkmResult {
  readonly respondents: number;
  /** U1…U9 in order. */
  readonly elements: readonly ElementScore[];
  /** 25 × Σ(NRRᵢ × 1/9), full precision (25–100). */
  readonly ikm: number;
  /** The IKM rounded to two decimals (half up), as published and as the grade is read. */
  readonly ikmRounded: number;
  readonly grade: Grade;
  readonly meaning: { readonly id: string; readonly en: string };
  /** The three elements with the lowest NRR, lowest first (ties in the official order): where follow-up starts. */
  readonly weakest: readonly ElementScore[];
}

/**
 * The IKM of a unit (service, booth, agency, mall) over a period from its respondents' answers.
 * Exact: with T the sum of every answer and n the respondents, IKM = 25·T / (9·n), so the exact
 * 1/9 weights (not the common 0.111) and the two-decimal rounding are done in whole numbers —
 * no floating error can move a result across a band edge (88.30 | 88.31). Undefined without
 * respondents. Throws on an incomplete response (validate at the boundary first).
 */
export function computeIkm(responses: readonly Answers[]): IkmResult | undefined {
  const n = responses.length;
  if (n === 0) return undefined;
  const sums = ELEMENTS.map(() => 0);
  for (const [i, answers] of responses.entries()) {
    const problem = answersProblem(answers);
    if (problem) throw new RangeError(`response ${i + 1}: ${problem}`);
    answers.forEach((a, e) => (sums[e]! += a));
  }
  const total = sums.reduce((a, b) => a + b, 0);
  const hundredths = roundHalfUp(2500 * total, 9 * n);
  const elements = ELEMENTS.map((el, i) => ({ code: el.code, id: el.id, en: el.en, nrr: sums[i]! / n }));
  const grade = gradeOf(hundredths);
  const weakest = elements
    .map((e, i) => ({ e, sum: sums[i]!, i }))
    .sort((a, b) => a.sum - b.sum || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.e);
  return { respondents: n, elements, ikm: (25 * total) / (9 * n), ikmRounded: hundredths / 100, grade, meaning: GRADE_MEANING[grade], weakest };
}

/** round(num / den) for positive whole numbers, halves up, in whole-number arithmetic. */
function roundHalfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

export interface SampleAdequacy {
  /** The previous period's served tickets (the population the sample is drawn from). */
  readonly population: number;
  readonly minimum: number;
  readonly respondents: number;
  readonly reached: boolean;
}

/**
 * Whether a period's respondents reach the Krejcie–Morgan sample of the previous period's served
 * tickets. No respondent never reaches a sample, even when the previous period served nobody.
 */
export function sampleAdequacy(respondents: number, previousPeriodServed: number): SampleAdequacy {
  const minimum = minimumSample(previousPeriodServed);
  return { population: previousPeriodServed, minimum, respondents, reached: respondents > 0 && respondents >= minimum };
}
