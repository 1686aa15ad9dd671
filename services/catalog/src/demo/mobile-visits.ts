/**
 * MPP Bergerak in December 2026: the mobile unit visits district offices (kantor camat) of
 * Kendari with a handful of services that have the bergerak channel. Two visits at Poasia on the
 * same day, morning and afternoon, touch but do not overlap (the schedule's rule).
 */

export interface VisitSpec {
  /** Unique in the mall's schedule. */
  readonly id: string;
  readonly date: string;
  readonly open: string;
  readonly close: string;
  readonly place: string;
  /** Codes of services with the bergerak channel. */
  readonly services: readonly string[];
}

const IDENTITY = ['ktp-el-perekaman', 'kia-baru', 'kk-baru', 'akta-kelahiran'];
const VEHICLE = ['pkb-tahunan', 'sim-c-perpanjangan'];
const INSURANCE = ['jkn-perubahan-data', 'jkn-pendaftaran-mandiri', 'bpu-pendaftaran'];

export const VISITS: readonly VisitSpec[] = [
  { id: '2026-12-02-poasia-pagi', date: '2026-12-02', open: '08:00', close: '12:00', place: 'Kantor Camat Poasia', services: [...IDENTITY, ...VEHICLE] },
  { id: '2026-12-02-poasia-siang', date: '2026-12-02', open: '12:00', close: '15:00', place: 'Kantor Camat Poasia', services: [...INSURANCE, 'pbb-pembayaran'] },
  { id: '2026-12-05-baruga', date: '2026-12-05', open: '08:00', close: '12:00', place: 'Kantor Camat Baruga', services: [...IDENTITY, 'pkb-tahunan'] },
  { id: '2026-12-09-puuwatu', date: '2026-12-09', open: '08:00', close: '14:00', place: 'Kantor Camat Puuwatu', services: [...IDENTITY.slice(0, 2), ...VEHICLE, 'jkn-perubahan-data'] },
  { id: '2026-12-12-abeli', date: '2026-12-12', open: '08:00', close: '12:00', place: 'Kantor Camat Abeli', services: ['ktp-el-perekaman', 'akta-kelahiran', 'penduduk-rentan', 'penyaluran-bansos'] },
  { id: '2026-12-16-nambo', date: '2026-12-16', open: '08:30', close: '13:00', place: 'Kantor Camat Nambo', services: [...IDENTITY, 'jkn-pengalihan-pemda'] },
  { id: '2026-12-19-kambu', date: '2026-12-19', open: '08:00', close: '12:00', place: 'Kantor Camat Kambu', services: [...VEHICLE, 'pbb-pembayaran', 'bpu-pendaftaran'] },
  { id: '2026-12-23-mandonga', date: '2026-12-23', open: '08:00', close: '14:00', place: 'Kantor Camat Mandonga', services: [...IDENTITY.slice(0, 3), ...VEHICLE, ...INSURANCE.slice(0, 1)] },
];
