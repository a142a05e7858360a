/**
 * The running bot's HolidayCalendar: statutory holidays and 调休 working days from the
 * `chinese-days` package, a year the office entered itself (the override file) in place of the
 * package's, and weekends only for a year that neither has, which every dependent card must say.
 *
 * The package's data is read from its published JSON, not through its functions: its ESM build is
 * not what Node loads (the package is CommonJS with no `exports`, so only a default import works),
 * and its `isWorkday` reads the process's local zone, which gives the wrong day west of UTC.
 */
import { z } from 'zod';
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { dateParts, parseDate, weekendsOnly } from '../rules/dates.js';
import type { HolidayCalendar } from '../rules/index.js';

/** Where the answer for one date came from. */
export type CalendarSource = 'override' | 'chinese-days' | 'weekends-only';

/** One year's schedule as the State Council publishes it: days off, and weekend days worked (调休). */
export interface YearSchedule {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

/** Years an office entered itself; each replaces the package's data for that year entirely. */
export type HolidayOverrides = ReadonlyMap<number, YearSchedule>;

/** A HolidayCalendar that can say which years it knows and where each answer came from. */
export interface OfficialCalendar extends HolidayCalendar {
  /** Whether the year's statutory schedule is known (from the override file or the package). */
  covers(year: number): boolean;
  sourceOf(date: string): CalendarSource;
}

interface YearDays {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

const PackageDataSchema = z.object({
  holidays: z.record(z.iso.date(), z.string()),
  workdays: z.record(z.iso.date(), z.string()),
});

function yearOf(date: string): number {
  return dateParts(parseDate(date, 'date')).year;
}

/** The package's days grouped by year; parsed once, so a change of its shape fails loudly at start. */
function packageYears(): ReadonlyMap<number, YearDays> {
  const data = PackageDataSchema.parse(packageData);
  const years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  const entry = (date: string) => {
    const year = yearOf(date);
    let days = years.get(year);
    if (days === undefined) years.set(year, (days = { holidays: new Set(), workdays: new Set() }));
    return days;
  };
  for (const date of Object.keys(data.holidays)) entry(date).holidays.add(date);
  for (const date of Object.keys(data.workdays)) entry(date).workdays.add(date);
  return years;
}

const PACKAGE_YEARS = packageYears();

/** The years the installed `chinese-days` has data for, ascending. */
export function packageCoveredYears(): number[] {
  return [...PACKAGE_YEARS.keys()].sort((a, b) => a - b);
}

/** Builds the calendar once at start; `overrides` come from the override file (override-file.ts). */
export function createHolidayCalendar(options: { overrides?: HolidayOverrides } = {}): OfficialCalendar {
  const overrides = new Map<number, YearDays>();
  for (const [year, schedule] of options.overrides ?? []) {
    overrides.set(year, { holidays: new Set(schedule.holidays), workdays: new Set(schedule.workdays) });
  }
  const known = (year: number): { source: CalendarSource; days: YearDays | undefined } => {
    const own = overrides.get(year);
    if (own !== undefined) return { source: 'override', days: own };
    const published = PACKAGE_YEARS.get(year);
    return published === undefined ? { source: 'weekends-only', days: undefined } : { source: 'chinese-days', days: published };
  };
  return {
    isRestDay(date) {
      const { days } = known(yearOf(date));
      if (days?.workdays.has(date) === true) return false;
      if (days?.holidays.has(date) === true) return true;
      return weekendsOnly.isRestDay(date);
    },
    covers: (year) => known(year).source !== 'weekends-only',
    sourceOf: (date) => known(yearOf(date)).source,
  };
}

/**
 * The sentence a card shows when any of its dates lies in a year the calendar does not cover, e.g.
 * "2027 年的法定节假日安排尚未录入，按周末计算。"; null when every year is covered.
 */
export function uncoveredYearsNote(calendar: OfficialCalendar, dates: readonly string[]): string | null {
  const years = [...new Set(dates.map(yearOf))].filter((year) => !calendar.covers(year)).sort((a, b) => a - b);
  if (years.length === 0) return null;
  return `${years.map((year) => `${year} 年`).join('、')}的法定节假日安排尚未录入，按周末计算。`;
}
