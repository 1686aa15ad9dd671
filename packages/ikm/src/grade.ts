/** The SKM grade (mutu pelayanan) of an IKM, with its official meaning. */
export type Grade = 'A' | 'B' | 'C' | 'D';

export const GRADE_MEANING: Record<Grade, { readonly id: string; readonly en: string }> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Poor' },
  D: { id: 'Tidak Baik', en: 'Very poor' },
};

/**
 * The grade of an IKM given in hundredths (8831 = 88.31): the published bands are two-decimal
 * with gaps between them (88.30 | 88.31), so the grade is read from the IKM rounded to two
 * decimals, never from the raw value.
 */
export function gradeOf(ikmHundredths: number): Grade {
  if (!Number.isInteger(ikmHundredths) || ikmHundredths < 2500 || ikmHundredths > 10000) throw new RangeError(`an IKM in hundredths is a whole number from 2500 to 10000, got ${ikmHundredths}`);
  if (ikmHundredths >= 8831) return 'A';
  if (ikmHundredths >= 7661) return 'B';
  if (ikmHundredths >= 6500) return 'C';
  return 'D';
}
