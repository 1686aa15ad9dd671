import { atLocal, type MallTimeZone, type Schedule, type WeeklyHours } from '../src/index.js';

/** A typical MPP week: lunch break Mon–Thu, the long Friday prayer break, half Saturday, Sunday closed. */
export const MPP_WEEK: WeeklyHours = {
  mon: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }],
  tue: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }],
  wed: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }],
  thu: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }],
  fri: [{ open: '08:00', close: '11:30' }, { open: '13:30', close: '16:00' }],
  sat: [{ open: '08:00', close: '12:00' }],
};

export const WEEKDAYS_ONLY: WeeklyHours = {
  mon: [{ open: '08:00', close: '16:00' }],
  tue: [{ open: '08:00', close: '16:00' }],
  wed: [{ open: '08:00', close: '16:00' }],
  thu: [{ open: '08:00', close: '16:00' }],
  fri: [{ open: '08:00', close: '16:00' }],
};

export function mall(weekly: WeeklyHours = MPP_WEEK, extra: Partial<Schedule> = {}, timeZone: MallTimeZone = 'Asia/Jakarta'): Schedule {
  return { timeZone, weekly, ...extra };
}

/** Local wall-clock time in WIB, so a test reads like the mall's notice board. */
export function wib(date: string, time: string): Date {
  return atLocal(date, time, 'Asia/Jakarta');
}
