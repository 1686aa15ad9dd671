/**
 * The opening-hours rule shared by catalog (owns the data) and queue (applies it): pure, no
 * clock, no I/O; every instant is passed in.
 */
export { MALL_TIME_ZONES, TIME_ZONE_LABELS, UTC_OFFSET_MINUTES, atLocal, isMallTimeZone, localDate, localMinutes, localWeekday } from './time-zone.js';
export type { MallTimeZone, TimeZoneLabel } from './time-zone.js';
export { addDays, formatClock, isCalendarDate, parseClock, weekdayIndexOf } from './calendar.js';
export { WEEKDAYS, validateSchedule, validateServiceHours, validateWeeklyHours } from './hours.js';
export type { Interval, Schedule, SpecialDay, Weekday, WeeklyHours } from './hours.js';
export { isOpen, nextOpening } from './is-open.js';
export type { ClosedReason, OpenState } from './is-open.js';
export { isServiceOpen } from './service-open.js';
export type { ServiceClosedReason, ServiceOpenInput, ServiceOpenState } from './service-open.js';
export { holidayYear, holidayYears, mergeSpecialDays, nationalHolidays } from './holidays.js';
export type { HolidayYear } from './holidays.js';
export { scheduleFromContract, specialDaysFromContract, weeklyFromContract } from './contract.js';
