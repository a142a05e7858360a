/**
 * Calendar arithmetic in the rules' zone (zone.ts): a fixed +08:00 with no daylight saving, so a
 * local date is `floor((utcMs + 8h) / 1 day)`. Dates are whole day numbers (days since
 * 1970-01-01); nothing here reads the clock.
 */
import type { HolidayCalendar, RuleFlag } from './types.js';
import { RULES_UTC_OFFSET, RULES_UTC_OFFSET_MS } from './zone.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ZONE_OFFSET_MS = RULES_UTC_OFFSET_MS;
const ZONE_SUFFIX = RULES_UTC_OFFSET;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Day number of a `YYYY-MM-DD` date; throws RangeError naming the field when it is not a real date. */
export function parseDate(text: string, field: string): number {
  const match = DATE_RE.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
}

/** Epoch milliseconds of an ISO-8601 instant; an instant without an offset (or Z) is refused. */
export function parseInstant(text: string, field: string): number {
  const ms = INSTANT_RE.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`${field} must be an ISO-8601 instant with an offset (e.g. 2025-06-18T09:00:00+08:00), got ${JSON.stringify(text)}`);
  }
  return ms;
}

/** Accepts a date (taken as 00:00 local) or an instant; returns its instant and its local date. */
export function parseDateOrInstant(text: string, field: string): { ms: number; day: number } {
  if (DATE_RE.test(text)) {
    const day = parseDate(text, field);
    return { ms: startOfDayMs(day), day };
  }
  const ms = parseInstant(text, field);
  return { ms, day: localDay(ms) };
}

export function localDay(ms: number): number {
  return Math.floor((ms + ZONE_OFFSET_MS) / DAY_MS);
}

export function startOfDayMs(day: number): number {
  return day * DAY_MS - ZONE_OFFSET_MS;
}

/** The instant `hour:00` local on a day. */
export function atHourMs(day: number, hour: number): number {
  return startOfDayMs(day) + hour * HOUR_MS;
}

/** The last second of a day, which the API writes for "24:00 of day D". */
export function endOfDayMs(day: number): number {
  return startOfDayMs(day + 1) - 1000;
}

export function hoursMs(hours: number): number {
  return hours * HOUR_MS;
}

export function formatDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:mm:ss+08:00`, whole seconds (sub-second parts are dropped, never rounded up). */
export function formatInstant(ms: number): string {
  const local = new Date(Math.floor((ms + ZONE_OFFSET_MS) / 1000) * 1000);
  return `${local.toISOString().slice(0, 19)}${ZONE_SUFFIX}`;
}

export function dateParts(day: number): { year: number; month: number; dayOfMonth: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate() };
}

/** Day number of year-month-day; month and day may overflow as in Date.UTC (month 13 = next January). */
export function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

/** Without an injected calendar, Saturdays and Sundays are rest days and no other day is. */
export const weekendsOnly: HolidayCalendar = {
  isRestDay(date: string): boolean {
    const weekday = (parseDate(date, 'date') + 4) % 7; // 1970-01-01 was a Thursday
    return weekday === 0 || weekday === 6;
  },
};

/**
 * Runs `compute` with a calendar that notes each year it is asked about. A result that relied on a
 * year the calendar does not cover (`covers(year) === false`) gets HOLIDAYS_UNKNOWN, so that every
 * card showing it says the working days were counted by weekends only.
 */
export function flaggingUncoveredYears<T extends { flags: RuleFlag[] }>(calendar: HolidayCalendar, compute: (calendar: HolidayCalendar) => T): T {
  if (calendar.covers === undefined) return compute(calendar);
  const years = new Set<number>();
  const result = compute({ isRestDay: (date) => { years.add(Number(date.slice(0, 4))); return calendar.isRestDay(date); } });
  if ([...years].some((year) => calendar.covers?.(year) === false) && !result.flags.includes('HOLIDAYS_UNKNOWN')) result.flags.push('HOLIDAYS_UNKNOWN');
  return result;
}

export function isRestDay(calendar: HolidayCalendar, day: number): boolean {
  return calendar.isRestDay(formatDate(day));
}

export function nextWorkingDayAfter(calendar: HolidayCalendar, day: number): number {
  let next = day + 1;
  while (isRestDay(calendar, next)) next += 1;
  return next;
}

export function lastWorkingDayBefore(calendar: HolidayCalendar, day: number): number {
  let previous = day - 1;
  while (isRestDay(calendar, previous)) previous -= 1;
  return previous;
}

/** Working days in [first, last], both included. */
export function workingDaysBetween(calendar: HolidayCalendar, first: number, last: number): number {
  let count = 0;
  for (let day = first; day <= last; day += 1) if (!isRestDay(calendar, day)) count += 1;
  return count;
}
