/**
 * windowCompliance: which windows of a periodic duty are satisfied, missing or pending as of a
 * moment (A13/A14). A late report counts for the window it names.
 */
import { atHourMs, endOfDayMs, formatInstant, localDay, parseDate, parseDateOrInstant } from './dates.js';
import type { Cadence, Duty, RuleFlag } from './types.js';
import { requireCount, requireOneOf } from './validate.js';
import type { Window } from './windows.js';
import { dueDayOf, nextWindow, windowOf, windowOfLabel } from './windows.js';

export interface ComplianceResult {
  satisfied: string[];
  missing: string[];
  pending?: string;
  nextDue?: string;
  remindFrom?: string;
  overdueSince?: string;
  flags: RuleFlag[];
}

const CADENCES: readonly Cadence[] = ['halfMonth', 'month', 'twoMonths', 'quarter', 'halfYear', 'year', 'term'];
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T.*)?$/;
/** Where five-year terms are counted from when a body gives no term start. */
export const DEFAULT_TERM_START = '2022-01-01';
const REMINDER_HOUR = 9;

interface Entries { windows: Window[]; datedDays: number[] }

function readEntries(duty: Duty, done: readonly string[], termStartDay: number): Entries {
  if (!Array.isArray(done)) throw new RangeError('done must be a list of dates or window labels');
  const entries: Entries = { windows: [], datedDays: [] };
  done.forEach((entry, index) => {
    const field = `done[${index}]`;
    if (typeof entry !== 'string') throw new RangeError(`${field} must be a date or a window label`);
    if (DATE_OR_INSTANT.test(entry)) {
      const { day } = parseDateOrInstant(entry, field);
      entries.datedDays.push(day);
      entries.windows.push(windowOf(duty.every, day, termStartDay));
    } else {
      entries.windows.push(windowOfLabel(duty.every, entry, termStartDay, field));
    }
  });
  return entries;
}

function gapTooLong(duty: Duty, datedDays: readonly number[]): boolean {
  if (duty.maxGapDays === undefined) return false;
  const days = [...new Set(datedDays)].sort((a, b) => a - b);
  return days.some((day, i) => i > 0 && day - (days[i - 1] ?? day) > (duty.maxGapDays ?? Infinity));
}

/** The due instant of a duty's window: 23:59:59 local of its last (or fixed) day. */
export function windowDueMs(duty: Duty, window: Window): number {
  return endOfDayMs(dueDayOf(duty, window));
}

/** 09:00 local, `leadDays` before the due day. */
export function reminderMs(dueMs: number, leadDays: number): number {
  return atHourMs(localDay(dueMs) - leadDays, REMINDER_HOUR);
}

/** The window holding `now`, or an earlier one still not due (a duty due in the next year, AJ-20). */
function firstOpenWindow(duty: Duty, now: { ms: number; day: number }, termStartDay: number): Window {
  let window = windowOf(duty.every, now.day, termStartDay);
  for (;;) {
    const previous = windowOf(duty.every, window.startDay - 1, termStartDay);
    if (windowDueMs(duty, previous) < now.ms) return window;
    window = previous;
  }
}

export function windowCompliance(duty: Duty, done: string[], asOf: string,
  opts: { from?: string; termStart?: string; reminderLeadDays?: number } = {}): ComplianceResult {
  requireOneOf(duty.every, CADENCES, 'duty.every');
  const termStartDay = parseDate(opts.termStart ?? DEFAULT_TERM_START, 'termStart');
  const lead = requireCount(opts.reminderLeadDays ?? 10, 'reminderLeadDays');
  const now = parseDateOrInstant(asOf, 'asOf');
  const entries = readEntries(duty, done, termStartDay);
  const labels = new Set(entries.windows.map((w) => w.label));
  const earliest = entries.windows.reduce<Window | null>((a, w) => (a === null || w.startDay < a.startDay ? w : a), null);
  let window = opts.from !== undefined
    ? windowOf(duty.every, parseDateOrInstant(opts.from, 'from').day, termStartDay)
    : (earliest ?? firstOpenWindow(duty, now, termStartDay));

  const result: ComplianceResult = { satisfied: [], missing: [], flags: [] };
  for (; window.startDay <= now.day; window = nextWindow(duty.every, window, termStartDay)) {
    const dueMs = windowDueMs(duty, window);
    if (labels.has(window.label)) result.satisfied.push(window.label);
    else if (dueMs < now.ms) result.missing.push(window.label);
    else if (result.pending === undefined) {
      result.pending = window.label;
      result.nextDue = formatInstant(dueMs);
      result.remindFrom = formatInstant(reminderMs(dueMs, lead));
    }
  }
  const firstMissing = result.missing[0];
  if (firstMissing !== undefined) {
    result.overdueSince = formatInstant(windowDueMs(duty, windowOfLabel(duty.every, firstMissing, termStartDay, 'missing')));
  }
  if (gapTooLong(duty, entries.datedDays)) result.flags.push('GAP_TOO_LONG');
  return result;
}
