/**
 * Fixed calendar windows for periodic duties (A13/A14): half months (1–15, 16–end),
 * months, two-month pairs (Jan–Feb, …), quarters, halves, years and five-year terms.
 */
import { dateParts, dayOf, parseDate } from './dates.js';
import type { Cadence, Duty } from './types.js';

export interface Window {
  readonly label: string;
  readonly startDay: number;
  readonly endDay: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number): number => dayOf(year, month + 1, 0);

function monthSpan(year: number, firstMonth: number, months: number, label: string): Window {
  return { label, startDay: dayOf(year, firstMonth, 1), endDay: lastDayOfMonth(year, firstMonth + months - 1) };
}

function termWindow(day: number, termStartDay: number): Window {
  const start = dateParts(termStartDay);
  const startOfTerm = (k: number): number => dayOf(start.year + 5 * k, start.month, start.dayOfMonth);
  let k = Math.floor((dateParts(day).year - start.year) / 5);
  while (startOfTerm(k) > day) k -= 1;
  while (startOfTerm(k + 1) <= day) k += 1;
  const first = startOfTerm(k);
  const last = startOfTerm(k + 1) - 1;
  return { label: `${dateParts(first).year}-${dateParts(last).year}`, startDay: first, endDay: last };
}

/** The window of `cadence` that holds `day`. */
export function windowOf(cadence: Cadence, day: number, termStartDay: number): Window {
  const { year, month, dayOfMonth } = dateParts(day);
  switch (cadence) {
    case 'halfMonth':
      return dayOfMonth <= 15
        ? { label: `${year}-${pad(month)}a`, startDay: dayOf(year, month, 1), endDay: dayOf(year, month, 15) }
        : { label: `${year}-${pad(month)}b`, startDay: dayOf(year, month, 16), endDay: lastDayOfMonth(year, month) };
    case 'month':
      return monthSpan(year, month, 1, `${year}-${pad(month)}`);
    case 'twoMonths': {
      const first = month % 2 === 1 ? month : month - 1;
      return monthSpan(year, first, 2, `${year}-${pad(first)}/${pad(first + 1)}`);
    }
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      return monthSpan(year, quarter * 3 - 2, 3, `${year}-Q${quarter}`);
    }
    case 'halfYear':
      return month <= 6 ? monthSpan(year, 1, 6, `${year}-H1`) : monthSpan(year, 7, 6, `${year}-H2`);
    case 'year':
      return monthSpan(year, 1, 12, String(year));
    case 'term':
      return termWindow(day, termStartDay);
  }
}

export function nextWindow(cadence: Cadence, window: Window, termStartDay: number): Window {
  return windowOf(cadence, window.endDay + 1, termStartDay);
}

const LABEL_PATTERNS: Readonly<Record<Cadence, RegExp>> = {
  halfMonth: /^(\d{4})-(\d{2})([ab])$/,
  month: /^(\d{4})-(\d{2})$/,
  twoMonths: /^(\d{4})-(\d{2})\/(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  halfYear: /^(\d{4})-H([12])$/,
  year: /^(\d{4})$/,
  term: /^(\d{4})-(\d{4})$/,
};

/** A day that the label's window holds, for the labels `windowOf` writes. */
function dayNamedBy(cadence: Cadence, match: RegExpExecArray, termStartDay: number): number {
  const year = Number(match[1]);
  const second = Number(match[2]);
  switch (cadence) {
    case 'halfMonth': return dayOf(year, second, match[3] === 'a' ? 1 : 16);
    case 'month':
    case 'twoMonths': return dayOf(year, second, 1);
    case 'quarter': return dayOf(year, second * 3 - 2, 1);
    case 'halfYear': return dayOf(year, second === 1 ? 1 : 7, 1);
    case 'year': return dayOf(year, 1, 1);
    case 'term': {
      const start = dateParts(termStartDay);
      return dayOf(year, start.month, start.dayOfMonth);
    }
  }
}

/** The window a label names, or a RangeError when the label is not one of this cadence's. */
export function windowOfLabel(cadence: Cadence, label: string, termStartDay: number, field: string): Window {
  const match = LABEL_PATTERNS[cadence].exec(label);
  if (match) {
    const window = windowOf(cadence, dayNamedBy(cadence, match, termStartDay), termStartDay);
    if (window.label === label) return window;
  }
  throw new RangeError(`${field} must be a date or a ${cadence} window label (e.g. ${windowOf(cadence, parseDate('2025-06-01', 'example'), termStartDay).label}), got ${JSON.stringify(label)}`);
}

/** The last day of the duty's window, or its fixed `dueDay` (MM-DD) in the window's year plus offset. */
export function dueDayOf(duty: Duty, window: Window): number {
  if (duty.dueDay === undefined) return window.endDay;
  const [month, dayOfMonth] = duty.dueDay.split('-').map(Number);
  const year = dateParts(window.startDay).year + (duty.dueYearOffset ?? 0);
  return parseDate(`${year}-${pad(month ?? 0)}-${pad(dayOfMonth ?? 0)}`, 'dueDay');
}

