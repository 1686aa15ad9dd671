import type { ElementCode } from '@mpp/ikm';

/** One SKM question as the citizen reads it, with the four answers from 1 (not good) to 4 (very good). */
export interface Question {
  readonly code: ElementCode;
  readonly textId: string;
  readonly textEn: string;
  /** Labels of answers 1…4. */
  readonly choicesId: readonly [string, string, string, string];
  readonly choicesEn: readonly [string, string, string, string];
}

/**
 * The nine SKM questions (the questionnaire of PermenPANRB 14/2017's annex, check), U1…U9 in the
 * order of `ELEMENTS` of `@mpp/ikm`.
 */
export const QUESTIONS: readonly Question[] = [
  {
    code: 'U1',
    textId: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    textEn: 'How well do the requirements match the service?',
    choicesId: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    choicesEn: ['Not matching', 'Barely matching', 'Matching', 'Fully matching'],
  },
  {
    code: 'U2',
    textId: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    textEn: 'How easy was the procedure of this service?',
    choicesId: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    choicesEn: ['Not easy', 'Not very easy', 'Easy', 'Very easy'],
  },
  {
    code: 'U3',
    textId: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    textEn: 'How fast was the service?',
    choicesId: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    choicesEn: ['Not fast', 'Not very fast', 'Fast', 'Very fast'],
  },
  {
    code: 'U4',
    textId: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    textEn: 'How fair was the fee?',
    choicesId: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    choicesEn: ['Very expensive', 'Rather expensive', 'Cheap', 'Free'],
  },
  {
    code: 'U5',
    textId: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    textEn: 'How well did what you received match the product in the service standard?',
    choicesId: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    choicesEn: ['Not matching', 'Barely matching', 'Matching', 'Fully matching'],
  },
  {
    code: 'U6',
    textId: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    textEn: 'How competent were the staff?',
    choicesId: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    choicesEn: ['Not competent', 'Not very competent', 'Competent', 'Very competent'],
  },
  {
    code: 'U7',
    textId: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    textEn: 'How polite and friendly were the staff?',
    choicesId: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    choicesEn: ['Not polite or friendly', 'Not very polite or friendly', 'Polite and friendly', 'Very polite and friendly'],
  },
  {
    code: 'U8',
    textId: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    textEn: 'How are complaints from service users handled?',
    choicesId: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    choicesEn: ['There is no way to complain', 'There is one, but it does not work', 'It works, not fully', 'Handled well'],
  },
  {
    code: 'U9',
    textId: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    textEn: 'How good are the facilities?',
    choicesId: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    choicesEn: ['Poor', 'Fair', 'Good', 'Very good'],
  },
];
