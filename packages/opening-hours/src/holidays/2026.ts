import type { HolidayYear } from '../holidays.js';

/**
 * Hari libur nasional 2026 as announced on 19 September 2025 (SKB Menteri Agama, Menteri
 * Ketenagakerjaan and Menteri PANRB). Lunar dates (Islamic, Chinese, Saka, Buddhist) follow the
 * government's announcement and may be revised by a later SKB, hence "(check)": an operator
 * compares this list with the signed SKB before loading it into a mall.
 * Cuti bersama (joint leave days for civil servants) are not national holidays and are not listed.
 */
export const HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  source: 'SKB 3 Menteri 2026 (check)',
  days: [
    { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi' },
    { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW' },
    { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili' },
    { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' },
    { date: '2026-03-21', name: 'Hari Raya Idul Fitri 1447 Hijriah' },
    { date: '2026-03-22', name: 'Hari Raya Idul Fitri 1447 Hijriah' },
    { date: '2026-04-03', name: 'Wafat Yesus Kristus' },
    { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)' },
    { date: '2026-05-01', name: 'Hari Buruh Internasional' },
    { date: '2026-05-14', name: 'Kenaikan Yesus Kristus' },
    { date: '2026-05-27', name: 'Hari Raya Idul Adha 1447 Hijriah' },
    { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE' },
    { date: '2026-06-01', name: 'Hari Lahir Pancasila' },
    { date: '2026-06-16', name: '1 Muharam Tahun Baru Islam 1448 Hijriah' },
    { date: '2026-08-17', name: 'Proklamasi Kemerdekaan Republik Indonesia' },
    { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW' },
    { date: '2026-12-25', name: 'Kelahiran Yesus Kristus (Hari Raya Natal)' },
  ],
};
