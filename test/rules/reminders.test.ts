/**
 * When reminders come: quiet hours and the plan of a meeting's reminders, in the committee's zone
 * (+08:00) while this process runs with whatever TZ it has (TZ=UTC in CI), by the holiday calendar.
 */
import { describe, expect, it } from 'vitest';
import { createHolidayCalendar } from '../../src/calendar/holidays.js';
import { SPRING_2027 } from '../support/spring-2027.js';
import { afterQuietHours, DEFAULT_REMINDER_POLICY, getProfile, planMeetingReminders, reminderPolicy, weekendsOnly } from '../../src/rules/index.js';

const at = (local: string): number => Date.parse(local);
const local = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const QUIET = { from: '22:00', to: '07:30' };

const SPRING = createHolidayCalendar({ overrides: SPRING_2027 });

describe('quiet hours', () => {
  it('a reminder due inside the window waits for its end, across local midnight; outside, it goes at once', () => {
    const cases: [string, string][] = [
      ['2026-12-10T21:59:59+08:00', '2026-12-10 21:59'],
      ['2026-12-10T22:00:00+08:00', '2026-12-11 07:30'],
      ['2026-12-10T23:59:59+08:00', '2026-12-11 07:30'],
      // 00:10 local is still the previous day in UTC (16:10Z): the window is local, not the server's.
      ['2026-12-11T00:10:00+08:00', '2026-12-11 07:30'],
      ['2026-12-11T07:29:59+08:00', '2026-12-11 07:30'],
      ['2026-12-11T07:30:00+08:00', '2026-12-11 07:30'],
      ['2026-12-11T12:00:00+08:00', '2026-12-11 12:00'],
    ];
    expect(cases.map(([due]) => local(afterQuietHours(QUIET, at(due))))).toEqual(cases.map(([, sent]) => sent));
  });

  it('a window inside one day (12:00–14:00) and none at all', () => {
    const noon = { from: '12:00', to: '14:00' };
    expect(local(afterQuietHours(noon, at('2026-12-10T13:00:00+08:00')))).toBe('2026-12-10 14:00');
    expect(local(afterQuietHours(noon, at('2026-12-10T23:00:00+08:00')))).toBe('2026-12-10 23:00');
    expect(afterQuietHours(null, at('2026-12-10T23:00:00+08:00'))).toBe(at('2026-12-10T23:00:00+08:00'));
  });

  it('the defaults, and a body\'s settings over them (null: no quiet hours)', () => {
    expect(reminderPolicy(undefined)).toEqual({ signInLeadMinutes: 30, startLeadMinutes: [1440, 30], deadlineLeadWorkingDays: 0, quietHours: QUIET });
    expect(reminderPolicy({ quietHours: null, signInLeadMinutes: 15 })).toMatchObject({ quietHours: null, signInLeadMinutes: 15, startLeadMinutes: [1440, 30] });
    expect(DEFAULT_REMINDER_POLICY.quietHours).toEqual(QUIET);
  });
});

const plan = (profile: 'NT' | 'JY', startsAt: string, calendar = weekendsOnly, emergency = false) =>
  planMeetingReminders(getProfile(profile), { startsAt, emergency }, reminderPolicy(undefined), calendar)
    .map((r) => `${r.occurrence} ${local(r.atMs)}`);

describe('a meeting\'s reminders', () => {
  it('NT, a Friday 10:00 meeting: notice deadline Wednesday (会前两天), objections Thursday, the two working mornings before, the day before, half an hour before, sign-in', () => {
    expect(plan('NT', '2026-12-11T10:00:00+08:00')).toEqual([
      'notice-deadline 2026-12-09 09:00',
      'rsvp 2026-12-09 09:00',
      'objections-deadline 2026-12-10 09:00',
      'rsvp-last 2026-12-10 09:00',
      'start-1440m 2026-12-10 10:00',
      'sign-in 2026-12-11 09:30',
      'start-30m 2026-12-11 09:30',
    ]);
  });

  it('a 07:00 Tuesday meeting (Monday 23:00 in UTC): the last working morning before is Monday\'s, by the local date', () => {
    expect(plan('JY', '2026-12-15T07:00:00+08:00').filter((l) => l.startsWith('rsvp'))).toEqual(['rsvp 2026-12-11 09:00', 'rsvp-last 2026-12-14 09:00']);
  });

  it('across 春节 2027: a deadline on a holiday is reminded on the last working day before it, and a Monday after the holiday counts only working days', () => {
    // Tuesday 16 February: 会前两天 is Sunday the 14th (a holiday), so the notice should go by Friday the 5th.
    expect(plan('NT', '2027-02-16T10:00:00+08:00', SPRING)).toEqual([
      'notice-deadline 2027-02-05 09:00',
      'rsvp 2027-02-05 09:00',
      'objections-deadline 2027-02-15 09:00',
      'rsvp-last 2027-02-15 09:00',
      'start-1440m 2027-02-15 10:00',
      'sign-in 2027-02-16 09:30',
      'start-30m 2027-02-16 09:30',
    ]);
    // By weekends only the same meeting's notice reminder would come on Friday the 12th, inside the holiday.
    expect(plan('NT', '2027-02-16T10:00:00+08:00')[0]).toBe('notice-deadline 2027-02-12 09:00');
  });

  it('a 调休 Saturday is a working morning: a Monday 22 February meeting has its last reminder on Saturday the 20th', () => {
    expect(plan('JY', '2027-02-22T10:00:00+08:00', SPRING).filter((l) => l.startsWith('rsvp'))).toEqual(['rsvp 2027-02-19 09:00', 'rsvp-last 2027-02-20 09:00']);
  });

  it('an emergency meeting has no notice or objections deadline to remind of', () => {
    expect(plan('NT', '2026-12-11T10:00:00+08:00', weekendsOnly, true)).toEqual(['start-1440m 2026-12-10 10:00', 'sign-in 2026-12-11 09:30', 'start-30m 2026-12-11 09:30']);
  });

  it('the body\'s lead times: sign-in 45 minutes before, reminders 2 hours and 10 minutes before, deadline reminders a working day earlier', () => {
    const policy = reminderPolicy({ signInLeadMinutes: 45, startLeadMinutes: [120, 10], deadlineLeadWorkingDays: 1 });
    const lines = planMeetingReminders(getProfile('NT'), { startsAt: '2026-12-14T10:00:00+08:00', emergency: false }, policy, weekendsOnly).map((r) => `${r.occurrence} ${local(r.atMs)}`);
    // Monday's meeting: 会前两天 is Saturday (a rest day, so Friday), one working day earlier is Thursday.
    expect(lines).toContain('notice-deadline 2026-12-10 09:00');
    expect(lines).toContain('sign-in 2026-12-14 09:15');
    expect(lines.filter((l) => l.startsWith('start-'))).toEqual(['start-120m 2026-12-14 08:00', 'start-10m 2026-12-14 09:50']);
  });
});
