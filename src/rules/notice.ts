/**
 * checkNotice / checkObjection (NT-3.4 and, by analogy, the NPC 7-day notice; A9, A20).
 * "会前两天" is counted by calendar date in Asia/Shanghai by default: on time while the local date
 * is at most D−2, i.e. until 23:59:59 that day. "Before" deadlines never move later.
 */
import {
  flaggingUncoveredYears,
  endOfDayMs, formatInstant, hoursMs, isRestDay, lastWorkingDayBefore, localDay, parseInstant, weekendsOnly,
} from './dates.js';
import type { DayRule, Profile } from './profile.js';
import type { HolidayCalendar, ProfileOverrides, RuleFlag } from './types.js';
import { unique } from './validate.js';

export interface NoticeCheck {
  noticeBy: string;
  advisedBy?: string;
  objectionsBy: string;
  onTime: boolean | null;
  flags: RuleFlag[];
  basis: string[];
}

type Counting = Required<ProfileOverrides>['noticeCounting'];

/** The last on-time instant of a "N days before the meeting" rule under a counting policy. */
function deadlineMs(rule: DayRule, startMs: number, counting: Counting): number {
  return counting === 'hours' ? startMs - hoursMs(24 * rule.days) : endOfDayMs(localDay(startMs) - rule.days);
}

/** Calendar-date counting compares local dates, so the whole last second (and its milliseconds) is on time. */
function isOnTime(rule: DayRule, startMs: number, counting: Counting, atMs: number): boolean {
  return counting === 'hours' ? atMs <= deadlineMs(rule, startMs, counting) : localDay(atMs) <= localDay(startMs) - rule.days;
}

function otherCounting(counting: Counting): Counting {
  return counting === 'hours' ? 'calendarDate' : 'hours';
}

interface RuleCheck { byMs: number; onTime: boolean | null; sensitive: boolean }

function checkAgainst(rule: DayRule, startMs: number, counting: Counting, atMs: number | null, emergency: boolean): RuleCheck {
  const byMs = deadlineMs(rule, startMs, counting);
  if (atMs === null) return { byMs, onTime: null, sensitive: false };
  if (emergency) return { byMs, onTime: true, sensitive: false };
  const onTime = isOnTime(rule, startMs, counting, atMs);
  const otherOnTime = isOnTime(rule, startMs, otherCounting(counting), atMs);
  return { byMs, onTime, sensitive: onTime !== otherOnTime };
}

/** Whether a notice sent at `sentAt` is on time for a meeting starting at `meetingStart`. */
export function checkNotice(profile: Profile, meetingStart: string, sentAt?: string,
  opts: { emergency?: boolean } = {}, calendar: HolidayCalendar = weekendsOnly): NoticeCheck {
  return flaggingUncoveredYears(calendar, (noting) => noticeCheck(profile, meetingStart, sentAt, opts, noting));
}

function noticeCheck(profile: Profile, meetingStart: string, sentAt: string | undefined, opts: { emergency?: boolean }, calendar: HolidayCalendar): NoticeCheck {
  const startMs = parseInstant(meetingStart, 'meetingStart');
  const sentMs = sentAt === undefined ? null : parseInstant(sentAt, 'sentAt');
  const emergency = opts.emergency === true;
  const { notice, objection } = profile.notice;
  const counting = profile.options.noticeCounting;
  const objectionsBy = formatInstant(objection ? deadlineMs(objection, startMs, counting) : startMs);
  if (!notice) {
    return { noticeBy: formatInstant(startMs), objectionsBy, onTime: sentMs === null ? null : true, flags: ['NO_NOTICE_RULE'], basis: [] };
  }
  const check = checkAgainst(notice, startMs, counting, sentMs, emergency);
  const flags: RuleFlag[] = [];
  const basis = [...notice.basis];
  if (notice.assumed) flags.push('DEFAULT_ASSUMED');
  if (emergency) basis.push(...profile.meeting.emergency.basis);
  if (check.onTime === false) flags.push('LATE_NOTICE');
  if (check.sensitive) flags.push('NOTICE_COUNTING_SENSITIVE');
  let advisedBy: string | undefined;
  const byDay = localDay(check.byMs);
  if (!emergency && isRestDay(calendar, byDay)) {
    flags.push('DEADLINE_ON_REST_DAY');
    advisedBy = formatInstant(endOfDayMs(lastWorkingDayBefore(calendar, byDay)));
  }
  const result: NoticeCheck = { noticeBy: formatInstant(check.byMs), objectionsBy, onTime: check.onTime, flags: unique(flags), basis: unique(basis) };
  if (advisedBy !== undefined) result.advisedBy = advisedBy;
  return result;
}

/** Whether an objection raised at `raisedAt` reached the chair in time (NT-3.4c: 会前一天). */
export function checkObjection(profile: Profile, meetingStart: string, raisedAt: string, opts: { emergency?: boolean } = {}):
  { onTime: boolean; objectionsBy: string; flags: RuleFlag[]; basis: string[] } {
  const startMs = parseInstant(meetingStart, 'meetingStart');
  const raisedMs = parseInstant(raisedAt, 'raisedAt');
  const rule = profile.notice.objection;
  if (!rule) return { onTime: true, objectionsBy: formatInstant(startMs), flags: ['NO_NOTICE_RULE'], basis: [] };
  const emergency = opts.emergency === true;
  const check = checkAgainst(rule, startMs, profile.options.noticeCounting, raisedMs, emergency);
  const flags: RuleFlag[] = [];
  if (check.onTime === false) flags.push('LATE_OBJECTION');
  if (check.sensitive) flags.push('NOTICE_COUNTING_SENSITIVE');
  const basis = emergency ? [...rule.basis, ...profile.meeting.emergency.basis] : [...rule.basis];
  return { onTime: check.onTime !== false, objectionsBy: formatInstant(check.byMs), flags, basis: unique(basis) };
}
