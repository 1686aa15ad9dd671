/** The nine SKM elements (unsur) of PermenPANRB 14/2017, in their official order. */
export const ELEMENTS = [
  { code: 'U1', id: 'Persyaratan', en: 'Requirements' },
  { code: 'U2', id: 'Sistem, mekanisme, dan prosedur', en: 'System, mechanism and procedure' },
  { code: 'U3', id: 'Waktu penyelesaian', en: 'Completion time' },
  { code: 'U4', id: 'Biaya/tarif', en: 'Fee/tariff' },
  { code: 'U5', id: 'Produk spesifikasi jenis pelayanan', en: 'Product specification' },
  { code: 'U6', id: 'Kompetensi pelaksana', en: 'Staff competence' },
  { code: 'U7', id: 'Perilaku pelaksana', en: 'Staff behaviour' },
  { code: 'U8', id: 'Penanganan pengaduan, saran dan masukan', en: 'Handling of complaints and suggestions' },
  { code: 'U9', id: 'Sarana dan prasarana', en: 'Facilities' },
] as const;

export type ElementCode = (typeof ELEMENTS)[number]['code'];

/** One respondent's answers, U1…U9 in order, each 1 (not good) … 4 (very good). */
export type Answers = readonly number[];

/** Why `answers` is not a complete SKM response, or undefined when it is. */
export function answersProblem(answers: Answers): string | undefined {
  if (answers.length !== ELEMENTS.length) return `expected ${ELEMENTS.length} answers (U1–U9), got ${answers.length}`;
  const bad = answers.findIndex((a) => !Number.isInteger(a) || a < 1 || a > 4);
  return bad >= 0 ? `${ELEMENTS[bad]!.code} must be a whole number from 1 to 4, got ${answers[bad]}` : undefined;
}
