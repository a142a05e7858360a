/**
 * dueDate: when a report or duty is due (A10, A11, A14, A17, A22).
 * "Within N days after" does not count the start day and includes day N, ending 24:00 local;
 * "before" and fixed-date deadlines never move later; hour periods run from the stated instant.
 */
import { reminderMs, windowDueMs } from './compliance.js';
import {
  flaggingUncoveredYears,
  endOfDayMs, formatInstant, hoursMs, isRestDay, localDay, nextWorkingDayAfter, parseDate, parseDateOrInstant, weekendsOnly,
} from './dates.js';
import { DUTIES } from './duty-data.js';
import type { Profile } from './profile.js';
import type { Cited, DutyId, HolidayCalendar, RuleFlag } from './types.js';
import { windowOf } from './windows.js';

export interface DueDate {
  due: string;
  tolerableDue?: string;
  remindFrom: string;
  flags: RuleFlag[];
  basis: string[];
}

const DEFAULT_TERM_START = '2022-01-01';
/** Rule ids whose due day is our default rather than text (A11, A12, A14). */
const ASSUMED_DUE_IDS = new Set(['A11', 'A12', 'A14']);

function notApplicable(profile: Profile, duty: DutyId): RangeError {
  return new RangeError(`duty ${JSON.stringify(duty)} does not apply to profile ${profile.id}`);
}

function dayDue(profile: Profile, dueDay: number, rule: Cited, assumed: boolean, calendar: HolidayCalendar, mayRollOver: boolean): DueDate {
  const flags: RuleFlag[] = assumed ? ['DEFAULT_ASSUMED'] : [];
  const basis = [...rule.basis];
  let day = dueDay;
  let tolerableDue: string | undefined;
  if (isRestDay(calendar, dueDay)) {
    if (!mayRollOver) flags.push('DEADLINE_ON_REST_DAY');
    else if (profile.options.holidayRollover) {
      day = nextWorkingDayAfter(calendar, dueDay);
      flags.push('DUE_ROLLED_OVER');
      basis.push('A10');
    } else {
      flags.push('DUE_ON_REST_DAY');
      basis.push('A10');
      tolerableDue = formatInstant(endOfDayMs(nextWorkingDayAfter(calendar, dueDay)));
    }
  }
  const dueMs = endOfDayMs(day);
  const result: DueDate = {
    due: formatInstant(dueMs), remindFrom: formatInstant(reminderMs(dueMs, profile.options.reminderLeadDays)),
    flags, basis: [...new Set(basis)],
  };
  if (tolerableDue !== undefined) result.tolerableDue = tolerableDue;
  return result;
}

/** When `duty` falls due for the event or window that `anchor` names. */
export function dueDate(profile: Profile, duty: DutyId, anchor: string, calendar: HolidayCalendar = weekendsOnly): DueDate {
  return flaggingUncoveredYears(calendar, (noting) => dueDateWith(profile, duty, anchor, noting));
}

function dueDateWith(profile: Profile, duty: DutyId, anchor: string, calendar: HolidayCalendar): DueDate {
  const at = parseDateOrInstant(anchor, 'anchor');
  const { report, preReport } = profile.lifeMeeting;
  switch (duty) {
    case 'lifeMeetingReport':
      if (!report) throw notApplicable(profile, duty);
      return dayDue(profile, at.day + profile.options.lifeMeetingReportDays, report, report.assumed, calendar, true);
    case 'lifeMeetingPreReport':
      if (!preReport) throw notApplicable(profile, duty);
      return dayDue(profile, at.day - profile.options.lifeMeetingPreReportDays, preReport, preReport.assumed, calendar, false);
    case 'emergencyReport': {
      const rule = profile.emergencyReport;
      if (!rule) throw notApplicable(profile, duty);
      return { due: formatInstant(at.ms + hoursMs(rule.hours)), remindFrom: formatInstant(at.ms), flags: [], basis: [...rule.basis] };
    }
    default: {
      const periodic = DUTIES[profile.id].find((d) => d.id === duty);
      if (!periodic) throw notApplicable(profile, duty);
      const window = windowOf(periodic.every, at.day, parseDate(DEFAULT_TERM_START, 'termStart'));
      const assumed = periodic.basis.some((id) => ASSUMED_DUE_IDS.has(id));
      return dayDue(profile, localDay(windowDueMs(periodic, window)), periodic, assumed, calendar, false);
    }
  }
}
