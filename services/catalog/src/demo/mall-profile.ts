import type { MessageInitShape } from '@bufbuild/protobuf';
import { SpecialDayKind, Weekday, type MallSchema, type QueuePolicySchema } from '@mpp/contracts';

/**
 * MPP Kota Kendari as public reports describe it: a WITA (UTC+8) mall with a lunch break on
 * weekdays, the long Friday prayer break, Saturday mornings, closed on Sundays.
 */

const MORNING_AND_AFTERNOON = [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }];

export function mallRecord(mallId: string): MessageInitShape<typeof MallSchema> {
  return {
    id: mallId,
    name: 'Mal Pelayanan Publik Kota Kendari',
    city: 'Kota Kendari',
    address: 'Jl. Drs. H. Abdullah Silondae No. 8, Kota Kendari, Sulawesi Tenggara',
    timeZone: 'Asia/Makassar',
    weeklyHours: [
      ...[Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY].map((weekday) => ({ weekday, intervals: MORNING_AND_AFTERNOON })),
      { weekday: Weekday.FRIDAY, intervals: [{ open: '08:00', close: '11:30' }, { open: '13:30', close: '16:00' }] },
      { weekday: Weekday.SATURDAY, intervals: [{ open: '08:00', close: '12:00' }] },
      // Sunday has no entry: closed.
    ],
    // The national holidays around the demo's MPP Bergerak month, so "closed today" can be seen.
    specialDays: [
      { date: '2026-12-25', name: 'Hari Raya Natal', kind: SpecialDayKind.HOLIDAY },
      { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: SpecialDayKind.HOLIDAY },
    ],
  };
}

/** Elderly and people with disabilities first, then pregnant women; one priority call after every 3 regular ones. */
export function queuePolicy(): MessageInitShape<typeof QueuePolicySchema> {
  return {
    priorityGroups: [
      { code: 'lansia', labelId: 'Lansia', labelEn: 'Elderly', weight: 3 },
      { code: 'disabilitas', labelId: 'Penyandang disabilitas', labelEn: 'People with disabilities', weight: 3 },
      { code: 'ibu-hamil', labelId: 'Ibu hamil', labelEn: 'Pregnant women', weight: 2 },
    ],
    interleaveRatio: 3,
    recallsBeforeNoShow: 3,
  };
}
