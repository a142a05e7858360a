/**
 * When reminders fall: 销假, pending approvals, tasks, duty windows and the 民主生活会 report. Each
 * case is run with the process at TZ=UTC and again at TZ=America/New_York (the answers must not
 * move), around local midnight in Asia/Shanghai (16:00 UTC) and across 春节 2027 as an office
 * would enter it in the holiday file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHolidayCalendar } from '../../src/calendar/holidays.js';
import {
  approvalReminders, duties, dutyWindowReminders, getProfile, leaveReturnReminders, lifeMeetingReportReminders, meetingLeaveApprovalReminders, taskReminders, type Duty,
} from '../../src/rules/index.js';

/** 春节 2027 (6 February) as an office would enter it: nine days off, one Saturday worked. */
const SPRING_2027 = createHolidayCalendar({
  overrides: new Map([[2027, {
    holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14'],
    workdays: ['2027-02-20'],
  }]]),
});

const savedTz = process.env.TZ;
beforeAll(() => { process.env.TZ = 'UTC'; });
afterAll(() => { if (savedTz === undefined) delete process.env.TZ; else process.env.TZ = savedTz; });

/** The same answer under two process zones. */
function underZones<T>(compute: () => T): T {
  process.env.TZ = 'UTC';
  expect(new Date('2026-12-01T00:00:00Z').getTimezoneOffset()).toBe(0);
  const utc = compute();
  process.env.TZ = 'America/New_York';
  expect(new Date('2026-12-01T00:00:00Z').getTimezoneOffset()).toBe(300);
  const other = compute();
  process.env.TZ = 'UTC';
  expect(other).toEqual(utc);
  return utc;
}

const at = (list: { occurrence: string; at: string }[]) => Object.fromEntries(list.map((o) => [o.occurrence, o.at]));

describe('销假', () => {
  it('reminds on the evening of the last day and the morning of returnBy, local time', () => {
    expect(underZones(() => at(leaveReturnReminders({ end: '2026-12-11', returnBy: '2026-12-14' }, '2026-12-01T00:00:00Z')))).toEqual({
      'end-date': '2026-12-11T17:00:00+08:00', 'due-day': '2026-12-14T09:00:00+08:00',
    });
  });

  it('leaves out what has passed: at 17:00:01 local of the last day only the due day remains', () => {
    expect(at(leaveReturnReminders({ end: '2026-12-11', returnBy: '2026-12-14' }, '2026-12-11T09:00:01Z'))).toEqual({ 'due-day': '2026-12-14T09:00:00+08:00' });
    expect(leaveReturnReminders({ end: '2026-12-11', returnBy: '2026-12-14' }, '2026-12-14T01:00:00Z')).toEqual([]);
  });

  it('falls after 春节 2027 where returnBy (from the rules) says so', () => {
    expect(at(leaveReturnReminders({ end: '2027-02-05', returnBy: '2027-02-15' }, '2027-01-20T00:00:00Z'))).toEqual({
      'end-date': '2027-02-05T17:00:00+08:00', 'due-day': '2027-02-15T09:00:00+08:00',
    });
  });
});

describe('a pending approval', () => {
  it('is reminded each following working morning, five times: asked at 23:59 local on a Friday starts on Monday', () => {
    // 2026-12-04 23:59 +08:00 is 15:59 UTC on the same date; one minute later it is Saturday locally.
    const friday = underZones(() => approvalReminders('2026-12-04T15:59:00Z', '2026-12-04T15:59:00Z', SPRING_2027));
    expect(friday.map((o) => o.at)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((d) => `${d}T09:00:00+08:00`));
    expect(friday.map((o) => o.occurrence)).toEqual(['pending-1', 'pending-2', 'pending-3', 'pending-4', 'pending-5']);
    // Asked at 00:00 local on Saturday (16:00 UTC on Friday): the same Monday.
    expect(approvalReminders('2026-12-04T16:00:00Z', '2026-12-04T16:00:00Z', SPRING_2027)[0]?.at).toBe('2026-12-07T09:00:00+08:00');
    // Asked at 23:59 local on Thursday: Friday morning first.
    expect(approvalReminders('2026-12-03T15:59:00Z', '2026-12-03T15:59:00Z', SPRING_2027)[0]?.at).toBe('2026-12-04T09:00:00+08:00');
  });

  it('skips 春节 2027 and comes on the Saturday worked', () => {
    const list = approvalReminders('2027-02-05T02:00:00Z', '2027-02-05T02:00:00Z', SPRING_2027);
    expect(list.map((o) => o.at.slice(0, 10))).toEqual(['2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19']);
    expect(approvalReminders('2027-02-19T02:00:00Z', '2027-02-19T02:00:00Z', SPRING_2027)[0]?.at).toBe('2027-02-20T09:00:00+08:00');
  });

  it('sends none already passed when scheduled again later', () => {
    expect(approvalReminders('2026-12-04T15:59:00Z', '2026-12-08T01:00:00Z').map((o) => o.occurrence)).toEqual(['pending-3', 'pending-4', 'pending-5']);
  });
});

describe('a task', () => {
  it('reminds the owner one working day before and escalates the next working morning after its due date', () => {
    // Due on Monday 2026-12-14: the working day before is Friday the 11th; overdue from Tuesday.
    expect(underZones(() => at(taskReminders('2026-12-14', '2026-12-01T00:00:00Z', SPRING_2027)))).toEqual({
      'due-soon': '2026-12-11T09:00:00+08:00', overdue: '2026-12-15T09:00:00+08:00',
    });
    expect(at(taskReminders('2026-12-14', '2026-12-01T00:00:00Z', SPRING_2027, 3))['due-soon']).toBe('2026-12-09T09:00:00+08:00');
    expect(at(taskReminders('2026-12-14', '2026-12-01T00:00:00Z', SPRING_2027, 0))['due-soon']).toBe('2026-12-14T09:00:00+08:00');
  });

  it('across 春节 2027: due the first day back, reminded before the holiday; due in it, overdue the first day back', () => {
    expect(at(taskReminders('2027-02-15', '2027-01-20T00:00:00Z', SPRING_2027))).toEqual({
      'due-soon': '2027-02-05T09:00:00+08:00', overdue: '2027-02-16T09:00:00+08:00',
    });
    expect(at(taskReminders('2027-02-10', '2027-01-20T00:00:00Z', SPRING_2027))).toEqual({
      'due-soon': '2027-02-05T09:00:00+08:00', overdue: '2027-02-15T09:00:00+08:00',
    });
  });

  it('near local midnight: created at 00:30 local on the due-soon day still gets it at 09:00; at 09:00:01 it does not', () => {
    // 2026-12-11 00:30 +08:00 is 2026-12-10T16:30Z.
    expect(taskReminders('2026-12-14', '2026-12-10T16:30:00Z').map((o) => o.occurrence)).toEqual(['due-soon', 'overdue']);
    expect(taskReminders('2026-12-14', '2026-12-11T01:00:01Z').map((o) => o.occurrence)).toEqual(['overdue']);
  });
});

describe('a duty window', () => {
  const jy = getProfile('JY');
  const monthly = duties(jy).find((d) => d.id === 'partyGroupMeeting') as Duty;

  it('reminds the lead time before the month ends (10 days by default) and tells the chair the next working morning after', () => {
    expect(underZones(() => at(dutyWindowReminders(jy, monthly, [], '2026-12-01T00:00:00Z', SPRING_2027)))).toEqual({
      // December ends on Thursday the 31st: ten days before is Monday the 21st; the next working day is 2027-01-04.
      '2026-12-before': '2026-12-21T09:00:00+08:00', '2026-12-overdue': '2027-01-04T09:00:00+08:00',
    });
  });

  it('uses the profile\'s lead time, and moves a reminder meant for a rest day to the working day before', () => {
    const short = getProfile('JY', { reminderLeadDays: 3 });
    // 31 Jan 2027 is a Sunday: three days before is Thursday the 28th.
    expect(at(dutyWindowReminders(short, monthly, [], '2027-01-02T00:00:00Z', SPRING_2027))['2027-01-before']).toBe('2027-01-28T09:00:00+08:00');
    // February 2027 ends on Sunday the 28th; fifteen days before falls in 春节 (the 13th): the reminder comes on the 5th.
    const long = getProfile('JY', { reminderLeadDays: 15 });
    expect(at(dutyWindowReminders(long, monthly, [], '2027-02-01T00:00:00Z', SPRING_2027))).toEqual({
      '2027-02-before': '2027-02-05T09:00:00+08:00', '2027-02-overdue': '2027-03-01T09:00:00+08:00',
    });
  });

  it('once the window is recorded done, has the next window\'s, the same before and after local midnight', () => {
    const next = { '2027-01-before': '2027-01-21T09:00:00+08:00', '2027-01-overdue': '2027-02-01T09:00:00+08:00' };
    expect(at(dutyWindowReminders(jy, monthly, ['2026-12-03'], '2026-12-05T00:00:00Z', SPRING_2027))).toEqual(next);
    // 23:59:59 local on 31 December and 00:00 local on 1 January (15:59:59 and 16:00 UTC).
    expect(at(dutyWindowReminders(jy, monthly, ['2026-12-03'], '2026-12-31T15:59:59Z', SPRING_2027))).toEqual(next);
    expect(at(dutyWindowReminders(jy, monthly, ['2026-12-03'], '2026-12-31T16:00:00Z', SPRING_2027))).toEqual(next);
    // December missed: on 31 December its overdue notice is still ahead; on 1 January local, January's reminders.
    expect(dutyWindowReminders(jy, monthly, [], '2026-12-31T15:59:59Z', SPRING_2027).map((o) => o.occurrence)).toEqual(['2026-12-overdue']);
    expect(dutyWindowReminders(jy, monthly, [], '2026-12-31T16:00:00Z', SPRING_2027).map((o) => o.occurrence)).toEqual(['2027-01-before', '2027-01-overdue']);
  });
});

describe('the report after a 民主生活会', () => {
  it('JY-12d: due 15 days after the meeting; reminded the lead time before and on the morning of the last day', () => {
    // Held 2026-12-10: due 2026-12-25 (Friday) 24:00; ten days before is the 15th.
    expect(underZones(() => at(lifeMeetingReportReminders(getProfile('JY'), '2026-12-10', '2026-12-10T08:00:00Z', SPRING_2027)))).toEqual({
      'report-2026-12-10-before': '2026-12-15T09:00:00+08:00', 'report-2026-12-10-last-day': '2026-12-25T09:00:00+08:00',
    });
    // With no lead time the two fall together: one reminder.
    expect(lifeMeetingReportReminders(getProfile('JY', { reminderLeadDays: 0 }), '2026-12-10', '2026-12-10T08:00:00Z')).toEqual([
      { occurrence: 'report-2026-12-10-before', at: '2026-12-25T09:00:00+08:00' },
    ]);
  });

  it('across 春节 2027: due in the holiday, still met the first day back (A10): its last reminder is that morning', () => {
    // Held 2027-01-29: 15 days on is Saturday 2027-02-13, in the holiday; JY does not roll it over, so it may still be met on the 15th.
    expect(at(lifeMeetingReportReminders(getProfile('JY'), '2027-01-29', '2027-01-29T08:00:00Z', SPRING_2027))).toEqual({
      'report-2027-01-29-before': '2027-02-03T09:00:00+08:00', 'report-2027-01-29-last-day': '2027-02-15T09:00:00+08:00',
    });
  });

  it('is none where the profile sets no report, and refuses a date that is not a date', () => {
    const without = ['NATIONAL', 'NT', 'MS', 'ZY', 'AJ'].map((id) => getProfile(id as 'NT')).filter((p) => !p.lifeMeeting.report);
    for (const p of without) expect(lifeMeetingReportReminders(p, '2026-12-10', '2026-12-10T08:00:00Z')).toEqual([]);
    expect(() => lifeMeetingReportReminders(getProfile('JY'), '2026-12-10T09:00:00+08:00', '2026-12-10T08:00:00Z')).toThrow(RangeError);
  });
});

describe('a meeting leave waiting for the chair', () => {
  it('the working morning after the request (over 春节 2027) and 2 hours before the start', () => {
    // Asked on Friday 5 February 2027, the meeting on Wednesday 17th at 10:00: the morning after is the 15th.
    expect(meetingLeaveApprovalReminders('2027-02-05T02:00:00Z', '2027-02-17T10:00:00+08:00', '2027-02-05T02:00:00Z', SPRING_2027))
      .toEqual([{ occurrence: 'morning-2027-02-15', at: '2027-02-15T09:00:00+08:00' }, { occurrence: 'before-start', at: '2027-02-17T08:00:00+08:00' }]);
  });

  it('no morning that would come after the last reminder, nothing at or after the start, nothing already passed', () => {
    // Asked Monday, the meeting Tuesday at 10:00: the morning after (09:00) is later than 08:00.
    expect(meetingLeaveApprovalReminders('2026-12-07T02:00:00Z', '2026-12-08T10:00:00+08:00', '2026-12-07T02:00:00Z').map((o) => o.occurrence)).toEqual(['before-start']);
    // Asked within the last 2 hours: nothing (the chair has the 请假审批 card already).
    expect(meetingLeaveApprovalReminders('2026-12-08T01:00:00Z', '2026-12-08T10:00:00+08:00', '2026-12-08T01:00:00Z')).toEqual([]);
    // Planned again after the morning: only the last one.
    expect(meetingLeaveApprovalReminders('2026-12-03T02:00:00Z', '2026-12-08T10:00:00+08:00', '2026-12-04T02:00:00Z').map((o) => o.occurrence)).toEqual(['before-start']);
  });
});
