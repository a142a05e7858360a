/**
 * Counting leave days (A2) and choosing a band of a tier table by first match (A1, A3).
 * Leave length is a count of days absent, so both the first and the last day count.
 */
import { isRestDay, nextWorkingDayAfter, parseDate, workingDaysBetween } from './dates.js';
import type { LeaveBand } from './profile.js';
import type { HolidayCalendar, ProfileOverrides, RuleFlag } from './types.js';

type DayUnit = Required<ProfileOverrides>['leaveDayUnit'];

export interface Span { startDay: number | null; endDay: number | null }

export interface DayCount {
  days: number | null;
  /** The count in the other unit, when dates allow it (for LEAVE_UNIT_SENSITIVE). */
  otherDays: number | null;
}

export function readSpan(start: string | undefined, end: string | undefined): Span {
  const startDay = start === undefined ? null : parseDate(start, 'start');
  const endDay = end === undefined ? null : parseDate(end, 'end');
  if (startDay !== null && endDay !== null && endDay < startDay) throw new RangeError('end must not be before start');
  return { startDay, endDay };
}

export function readDays(days: unknown): number | null {
  if (days === undefined) return null;
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0 || !Number.isInteger(days * 2)) {
    throw new RangeError(`days must be a positive number in steps of 0.5, got ${JSON.stringify(days)}`);
  }
  return days;
}

function countIn(unit: DayUnit, span: Span, calendar: HolidayCalendar): number | null {
  if (span.startDay === null || span.endDay === null) return null;
  return unit === 'calendar' ? span.endDay - span.startDay + 1 : workingDaysBetween(calendar, span.startDay, span.endDay);
}

/** `days` wins over start/end; otherwise the span counted in the profile's unit. */
export function countDays(days: number | null, span: Span, unit: DayUnit, calendar: HolidayCalendar): DayCount {
  if (days !== null) return { days, otherDays: null };
  const other: DayUnit = unit === 'calendar' ? 'workday' : 'calendar';
  return { days: countIn(unit, span, calendar), otherDays: countIn(other, span, calendar) };
}

/** The last day of the leave: `end`, or the day `days` (rounded up) of the unit's days after `start`. */
export function lastDay(span: Span, days: number | null, unit: DayUnit, calendar: HolidayCalendar): number | null {
  if (span.endDay !== null) return span.endDay;
  if (span.startDay === null || days === null) return null;
  if (unit === 'calendar') return span.startDay + Math.ceil(days) - 1;
  let day = isRestDay(calendar, span.startDay) ? nextWorkingDayAfter(calendar, span.startDay) : span.startDay;
  for (let left = Math.ceil(days) - 1; left > 0; left -= 1) day = nextWorkingDayAfter(calendar, day);
  return day;
}


const matches = (band: LeaveBand, days: number): boolean => (band.words === 'within' ? days <= band.days : days >= band.days);

/**
 * First match in the order the text lists the bands. Where an "N天以内" band meets an "N天以上" band
 * at exactly N the text overlaps (A1: TIER_BOUNDARY_OVERLAP; 'higher' takes the later band). Where no
 * band matches (ZY: above 7 and under 8) the next higher band applies (A3: TIER_GAP).
 */
export function pickBand(bands: readonly LeaveBand[], days: number, policy: Required<ProfileOverrides>['overlapPolicy']):
  { band: LeaveBand; flags: RuleFlag[] } {
  const matching = bands.filter((band) => matches(band, days));
  const first = matching[0];
  if (first === undefined) {
    const higher = bands.find((band) => band.words === 'orMore' && band.days > days) ?? bands[bands.length - 1];
    if (higher === undefined) throw new RangeError('a leave tier table cannot be empty');
    return { band: higher, flags: ['TIER_GAP'] };
  }
  const overlapping = first.words === 'within' && first.days === days
    ? matching.find((band) => band.words === 'orMore' && band.days === days)
    : undefined;
  if (overlapping === undefined) return { band: first, flags: [] };
  return { band: policy === 'higher' ? overlapping : first, flags: ['TIER_BOUNDARY_OVERLAP'] };
}
