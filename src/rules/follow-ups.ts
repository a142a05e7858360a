/**
 * When each reminder of a leave, a task or a periodic duty falls: pure, from the dates the rules
 * already give (returnBy, windowCompliance, dueDate), the holiday calendar and `now`. Every time is
 * local (+08:00, zone.ts) and lands on a working day's morning or evening, never at night; a
 * reminder whose time has passed is left out, so scheduling again later never sends a stale one.
 *
 * Where the texts are silent these defaults apply (REMINDER_DEFAULTS, each a body may change):
 * - 销假 (AJ-15c 请假结束后…应及时销假; ZY-JD-4): the catalogue reminds on the leave's end date;
 *   that evening (17:00) says "请假今天结束，返岗后请销假", and on returnBy, the first working day
 *   after, 09:00 says that it is due today, if it is still not done.
 * - A pending approval: its holder is reminded on the next working morning after the step began to
 *   wait, then each working morning, at most `approvalDays` times (a week of reminders is enough to
 *   tell someone; after that the applicant or the office follows up by hand).
 * - A pending meeting leave (NT-3.5c 经会议主持人同意): whoever chairs is reminded the working
 *   morning after the request and `meetingLeaveLeadMinutes` before the start; never after the start.
 * - A task (JY-29..31 完成时限): the owner is reminded `taskLeadWorkingDays` working days before its
 *   due date at 09:00; the morning after the due date passes, the chair and the clerk are told.
 * - A duty's window (A13/A14): `reminderLeadDays` before it is due at 09:00 (windowCompliance's
 *   remindFrom; on a rest day, the working day before), and the next working morning after the due
 *   day the chair is told it was missed. The report after a 民主生活会 from dueDate (below).
 */
import { DEFAULT_TERM_START, reminderMs, windowCompliance } from './compliance.js';
import { dueDate } from './deadlines.js';
import { atHourMs, formatDate, formatInstant, isRestDay, localDay, nextWorkingDayAfter, parseDate, parseInstant, startOfDayMs, weekendsOnly } from './dates.js';
import type { Profile } from './profile.js';
import { deadlineReminderAt, REMINDER_MORNING_HOUR } from './reminders.js';
import type { Duty, HolidayCalendar } from './types.js';
import { dueDayOf, nextWindow, windowOf, windowOfLabel } from './windows.js';

export const REMINDER_DEFAULTS = {
  morningHour: REMINDER_MORNING_HOUR,
  eveningHour: 17,
  taskLeadWorkingDays: 1,
  approvalDays: 5,
  meetingLeaveLeadMinutes: 120,
} as const;

/** One reminder: which one of its subject (a job-id-safe label) and when, as a +08:00 instant. */
export interface Occurrence {
  occurrence: string;
  at: string;
}

const occurrence = (label: string, ms: number): { occurrence: string; ms: number } => ({ occurrence: label, ms });
const upcoming = (nowMs: number, list: { occurrence: string; ms: number }[]): Occurrence[] =>
  list.filter((o) => o.ms > nowMs).sort((a, b) => a.ms - b.ms).map((o) => ({ occurrence: o.occurrence, at: formatInstant(o.ms) }));

function workingDaysBefore(calendar: HolidayCalendar, day: number, n: number): number {
  let at = day;
  for (let left = n; left > 0;) {
    at -= 1;
    if (!isRestDay(calendar, at)) left -= 1;
  }
  return at;
}

/** A reminder meant for a rest day comes on the working day before it: earlier, never later. */
function workingMorningOnOrBefore(calendar: HolidayCalendar, ms: number): number {
  let day = localDay(ms);
  while (isRestDay(calendar, day)) day -= 1;
  return atHourMs(day, REMINDER_DEFAULTS.morningHour);
}

/** 销假: the evening of the leave's last day, and the morning of returnBy (AJ-15c, ZY-JD-4). */
export function leaveReturnReminders(leave: { end: string; returnBy: string }, now: string): Occurrence[] {
  const nowMs = parseInstant(now, 'now');
  return upcoming(nowMs, [
    occurrence('end-date', atHourMs(parseDate(leave.end, 'end'), REMINDER_DEFAULTS.eveningHour)),
    occurrence('due-day', atHourMs(parseDate(leave.returnBy, 'returnBy'), REMINDER_DEFAULTS.morningHour)),
  ]);
}

/** A step waiting since `waitingSince`: each following working morning, at most `approvalDays` times. */
export function approvalReminders(waitingSince: string, now: string, calendar: HolidayCalendar = weekendsOnly, approvalDays: number = REMINDER_DEFAULTS.approvalDays): Occurrence[] {
  const nowMs = parseInstant(now, 'now');
  const list: { occurrence: string; ms: number }[] = [];
  let day = localDay(parseInstant(waitingSince, 'waitingSince'));
  for (let i = 1; i <= approvalDays; i += 1) {
    day = nextWorkingDayAfter(calendar, day);
    list.push(occurrence(`pending-${i}`, atHourMs(day, REMINDER_DEFAULTS.morningHour)));
  }
  return upcoming(nowMs, list);
}

/**
 * A meeting leave asked for at `requestedAt` and still pending: 'morning-<date>' on the working
 * morning after the request (keyed by that day, so two requests the same day share it) and
 * 'before-start'; none at or after the start, nor a morning that comes after 'before-start'.
 */
export function meetingLeaveApprovalReminders(requestedAt: string, startsAt: string, now: string, calendar: HolidayCalendar = weekendsOnly): Occurrence[] {
  const nowMs = parseInstant(now, 'now');
  const startMs = parseInstant(startsAt, 'startsAt');
  const lastMs = startMs - REMINDER_DEFAULTS.meetingLeaveLeadMinutes * 60_000;
  const day = nextWorkingDayAfter(calendar, localDay(parseInstant(requestedAt, 'requestedAt')));
  const morningMs = atHourMs(day, REMINDER_DEFAULTS.morningHour);
  return upcoming(nowMs, [
    ...(morningMs < lastMs ? [occurrence(`morning-${formatDate(day)}`, morningMs)] : []),
    occurrence('before-start', lastMs),
  ]);
}

/** A task due on `due` (a local date): 'due-soon' to the owner, 'overdue' to the chair and the clerk. */
export function taskReminders(due: string, now: string, calendar: HolidayCalendar = weekendsOnly, leadWorkingDays: number = REMINDER_DEFAULTS.taskLeadWorkingDays): Occurrence[] {
  const nowMs = parseInstant(now, 'now');
  const dueDay = parseDate(due, 'due');
  return upcoming(nowMs, [
    occurrence('due-soon', atHourMs(workingDaysBefore(calendar, dueDay, leadWorkingDays), REMINDER_DEFAULTS.morningHour)),
    occurrence('overdue', atHourMs(nextWorkingDayAfter(calendar, dueDay), REMINDER_DEFAULTS.morningHour)),
  ]);
}

/**
 * The reminders of a periodic duty's open window (the one holding now, or once that is done the
 * next): `<window>-before` (the lead time before it is due) and `<window>-overdue` (the working
 * morning after). Windows already missed are the card's to show.
 */
export function dutyWindowReminders(profile: Profile, duty: Duty, done: string[], now: string, calendar: HolidayCalendar = weekendsOnly): Occurrence[] {
  const nowMs = parseInstant(now, 'now');
  const lead = { reminderLeadDays: profile.options.reminderLeadDays };
  let compliance = windowCompliance(duty, done, now, lead);
  if (compliance.pending === undefined) {
    // The window holding now is done (or its due has passed): the next one's reminders come next.
    const termStart = parseDate(DEFAULT_TERM_START, 'termStart');
    const next = nextWindow(duty.every, windowOf(duty.every, localDay(nowMs), termStart), termStart);
    compliance = windowCompliance(duty, done, formatInstant(startOfDayMs(next.startDay)), lead);
  }
  if (compliance.pending === undefined || compliance.nextDue === undefined || compliance.remindFrom === undefined) return [];
  const dueMs = parseInstant(compliance.nextDue, 'nextDue');
  return upcoming(nowMs, [
    occurrence(`${compliance.pending}-before`, workingMorningOnOrBefore(calendar, parseInstant(compliance.remindFrom, 'remindFrom'))),
    occurrence(`${compliance.pending}-overdue`, atHourMs(nextWorkingDayAfter(calendar, localDay(dueMs)), REMINDER_DEFAULTS.morningHour)),
  ]);
}

/**
 * The report after a recorded 民主生活会 (e.g. JY-12d: within 15 days): the lead time before it is
 * due, and the morning of the last working day it may still be sent (A10's tolerable day where the
 * due day is a rest day), keyed by the meeting's date. Nothing records the report itself, so no
 * reminder comes after. None where the profile sets no such report.
 */
export function lifeMeetingReportReminders(profile: Profile, heldOn: string, now: string, calendar: HolidayCalendar = weekendsOnly): Occurrence[] {
  if (!profile.lifeMeeting.report) return [];
  parseDate(heldOn, 'heldOn');
  const nowMs = parseInstant(now, 'now');
  const due = dueDate(profile, 'lifeMeetingReport', heldOn, calendar);
  const dueMs = parseInstant(due.due, 'due');
  // A due day on a rest day may still be met the next working day (A10).
  const lastMs = parseInstant(due.tolerableDue ?? due.due, 'tolerableDue');
  return upcoming(nowMs, [
    occurrence(`report-${heldOn}-before`, workingMorningOnOrBefore(calendar, reminderMs(dueMs, profile.options.reminderLeadDays))),
    occurrence(`report-${heldOn}-last-day`, deadlineReminderAt(lastMs, 0, calendar)),
  ].filter((o, i, all) => all.findIndex((x) => x.ms === o.ms) === i));
}

/**
 * The window a label names: its local due date (YYYY-MM-DD), and whether it was missed as of `now`
 * (due and not recorded done). Counted from that window, so a body that never recorded the duty
 * still hears that it was missed.
 */
export function dutyWindowStatus(duty: Duty, done: string[], label: string, now: string): { due: string; missed: boolean } {
  const termStart = parseDate(DEFAULT_TERM_START, 'termStart');
  const window = windowOfLabel(duty.every, label, termStart, 'label');
  const compliance = windowCompliance(duty, done, now, { from: formatDate(window.startDay) });
  return { due: formatDate(dueDayOf(duty, window)), missed: compliance.missing.includes(label) };
}
