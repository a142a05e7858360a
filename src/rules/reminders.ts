/**
 * When reminders come, in the rules' zone (+08:00) and by the holiday calendar: the defaults a body
 * may change on its setup card, quiet hours, and the plan of one meeting's reminders. Deadlines
 * themselves are checkNotice's; this module only places reminders before them. Pure: `now` and
 * every instant come in as arguments (epoch milliseconds).
 */
import { checkNotice } from './notice.js';
import { atHourMs, isRestDay, localDay, startOfDayMs } from './dates.js';
import type { Profile } from './profile.js';
import type { HolidayCalendar } from './types.js';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

export interface QuietWindow { from: string; to: string }

export interface ReminderPolicy {
  signInLeadMinutes: number;
  startLeadMinutes: number[];
  deadlineLeadWorkingDays: number;
  quietHours: QuietWindow | null;
}

/**
 * Defaults (no seed text sets these; a body changes them on its setup card): sign-in opens 30 minutes before the start; those
 * attending are reminded the day before and 30 minutes before; deadline reminders come on the
 * morning of the deadline's last working day; no reminder between 22:00 and 07:30.
 */
export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  signInLeadMinutes: 30,
  startLeadMinutes: [1440, 30],
  deadlineLeadWorkingDays: 0,
  quietHours: { from: '22:00', to: '07:30' },
});

/** The hour of a working morning at which deadline reminders come. */
export const REMINDER_MORNING_HOUR = 9;

/** A body's settings over the defaults; an absent field is the default, a null quietHours is none. */
export function reminderPolicy(settings: Partial<{ [K in keyof ReminderPolicy]: ReminderPolicy[K] | undefined }> | undefined): ReminderPolicy {
  const s = settings ?? {};
  return {
    signInLeadMinutes: s.signInLeadMinutes ?? DEFAULT_REMINDER_POLICY.signInLeadMinutes,
    startLeadMinutes: [...(s.startLeadMinutes ?? DEFAULT_REMINDER_POLICY.startLeadMinutes)],
    deadlineLeadWorkingDays: s.deadlineLeadWorkingDays ?? DEFAULT_REMINDER_POLICY.deadlineLeadWorkingDays,
    quietHours: s.quietHours === undefined ? DEFAULT_REMINDER_POLICY.quietHours : s.quietHours,
  };
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * When a reminder due at `atMs` may go out: `atMs` itself outside quiet hours, else the end of the
 * quiet window it falls in (local time; a window may run across midnight).
 */
export function afterQuietHours(quiet: QuietWindow | null, atMs: number): number {
  if (quiet === null) return atMs;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const day = localDay(atMs);
  const minute = Math.floor((atMs - startOfDayMs(day)) / MINUTE_MS);
  const endToday = startOfDayMs(day) + to * MINUTE_MS;
  if (from < to) return minute >= from && minute < to ? endToday : atMs;
  // Across midnight: quiet from `from` to the day's end, and from midnight to `to`.
  if (minute >= from) return endToday + DAY_MINUTES * MINUTE_MS;
  if (minute < to) return endToday;
  return atMs;
}

/** The morning of the last working day on or before `deadlineMs` (and `lead` working days earlier), before the deadline itself. */
export function deadlineReminderAt(deadlineMs: number, lead: number, calendar: HolidayCalendar): number {
  let day = localDay(deadlineMs);
  const working = (d: number) => !isRestDay(calendar, d);
  while (!working(day)) day -= 1;
  if (atHourMs(day, REMINDER_MORNING_HOUR) > deadlineMs) {
    day -= 1;
    while (!working(day)) day -= 1;
  }
  for (let left = lead; left > 0; left -= 1) {
    day -= 1;
    while (!working(day)) day -= 1;
  }
  return atHourMs(day, REMINDER_MORNING_HOUR);
}

/** The morning of the `nth` (1 = last) working day before the day of `startMs`. */
function workingMorningBefore(startMs: number, nth: number, calendar: HolidayCalendar): number {
  let day = localDay(startMs);
  for (let left = nth; left > 0; left -= 1) {
    day -= 1;
    while (isRestDay(calendar, day)) day -= 1;
  }
  return atHourMs(day, REMINDER_MORNING_HOUR);
}

export type MeetingReminderKind = 'meeting.notice' | 'meeting.rsvp' | 'meeting.start' | 'meeting.objections' | 'meeting.signIn';
export interface PlannedReminder { kind: MeetingReminderKind; occurrence: string; atMs: number }

/**
 * Every reminder of one meeting, in time order: the notice deadline (to the office), the two
 * working mornings before the meeting for those who have not answered (the last with urgent-app),
 * the objections deadline where the profile has one, each lead time before the start, and the
 * opening of sign-in. An emergency meeting has no notice or objection deadline to remind of.
 */
export function planMeetingReminders(profile: Profile, meeting: { startsAt: string; emergency: boolean }, policy: ReminderPolicy,
  calendar: HolidayCalendar): PlannedReminder[] {
  const startMs = Date.parse(meeting.startsAt);
  const plan: PlannedReminder[] = [];
  if (!meeting.emergency) {
    const check = checkNotice(profile, meeting.startsAt, undefined, {}, calendar);
    if (profile.notice.notice) {
      plan.push({ kind: 'meeting.notice', occurrence: 'notice-deadline', atMs: deadlineReminderAt(Date.parse(check.advisedBy ?? check.noticeBy), policy.deadlineLeadWorkingDays, calendar) });
    }
    if (profile.notice.objection) {
      plan.push({ kind: 'meeting.objections', occurrence: 'objections-deadline', atMs: deadlineReminderAt(Date.parse(check.objectionsBy), policy.deadlineLeadWorkingDays, calendar) });
    }
    plan.push({ kind: 'meeting.rsvp', occurrence: 'rsvp', atMs: workingMorningBefore(startMs, 2, calendar) });
    plan.push({ kind: 'meeting.rsvp', occurrence: 'rsvp-last', atMs: workingMorningBefore(startMs, 1, calendar) });
  }
  for (const minutes of new Set(policy.startLeadMinutes)) plan.push({ kind: 'meeting.start', occurrence: `start-${minutes}m`, atMs: startMs - minutes * MINUTE_MS });
  plan.push({ kind: 'meeting.signIn', occurrence: 'sign-in', atMs: startMs - policy.signInLeadMinutes * MINUTE_MS });
  return plan.sort((a, b) => a.atMs - b.atMs || a.occurrence.localeCompare(b.occurrence));
}
