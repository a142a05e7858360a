// Report and periodic deadlines (TC52–TC61), TC44's reminder part and TC73.
import { describe, expect, it } from 'vitest';
import {
  dueDate,
  duties,
  getProfile,
  windowCompliance,
  type Duty,
  type HolidayCalendar,
  type Profile,
} from '../../src/rules/index.js';

const JY = getProfile('JY');
const NT = getProfile('NT');
const MS = getProfile('MS');
const ZY = getProfile('ZY');
const AJ = getProfile('AJ');

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/** 2025 国庆 break 10-01..10-08 plus every weekend (injected, never hard-coded in src). */
const GUOQING_2025: HolidayCalendar = {
  isRestDay(date: string): boolean {
    if (date >= '2025-10-01' && date <= '2025-10-08') return true;
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day === 0 || day === 6;
  },
};

function dutyWithBasis(profile: Profile, ruleId: string): Duty {
  const duty = duties(profile).find((d) => d.basis.includes(ruleId));
  expect(duty, `duties(${profile.id}) has a duty citing ${ruleId}`).toBeDefined();
  return duty!;
}

describe('report deadlines (dueDate)', () => {
  it('TC52 JY 民主生活会 ended 2025-12-25: report due 2026-01-09 24:00 (crosses the year end)', () => {
    const r = dueDate(JY, 'lifeMeetingReport', '2025-12-25');
    expect(r.due).toBe('2026-01-09T23:59:59+08:00');
    expect(r.remindFrom).toBe('2025-12-30T09:00:00+08:00');
    expect(r.tolerableDue).toBeUndefined();
    expect(r.flags).not.toContain('DUE_ON_REST_DAY'); // a Friday
    expect(r.basis).toContain('JY-12d');
  });

  it('TC52 the anchor may be an instant: a meeting ending 2025-12-25 17:30 local gives the same due', () => {
    expect(dueDate(JY, 'lifeMeetingReport', '2025-12-25T17:30:00+08:00').due).toBe('2026-01-09T23:59:59+08:00');
    // 2025-12-25 16:30Z is already 2025-12-26 00:30 local: the local date counts
    expect(dueDate(JY, 'lifeMeetingReport', '2025-12-25T16:30:00Z').due).toBe('2026-01-10T23:59:59+08:00');
  });

  it('TC54 JY 民主生活会 ended 2025-09-20: due 2025-10-05 (Sunday in 国庆) flagged, tolerable 2025-10-09; with rollover due 2025-10-09', () => {
    const strict = dueDate(JY, 'lifeMeetingReport', '2025-09-20', GUOQING_2025);
    expect(strict.due).toBe('2025-10-05T23:59:59+08:00');
    expect(strict.flags).toContain('DUE_ON_REST_DAY');
    expect(strict.tolerableDue).toBe('2025-10-09T23:59:59+08:00');
    expect(strict.remindFrom).toBe('2025-09-25T09:00:00+08:00');

    const rolled = dueDate(getProfile('JY', { holidayRollover: true }), 'lifeMeetingReport', '2025-09-20', GUOQING_2025);
    expect(rolled.due).toBe('2025-10-09T23:59:59+08:00');
    expect(rolled.flags).toContain('DUE_ROLLED_OVER');
    expect(rolled.flags).not.toContain('DUE_ON_REST_DAY');
    expect(rolled.remindFrom).toBe('2025-09-29T09:00:00+08:00');
  });

  it('TC54 (A10) without a calendar only weekends rest: tolerable due is Monday 2025-10-06', () => {
    const r = dueDate(JY, 'lifeMeetingReport', '2025-09-20');
    expect(r.due).toBe('2025-10-05T23:59:59+08:00');
    expect(r.flags).toContain('DUE_ON_REST_DAY');
    expect(r.tolerableDue).toBe('2025-10-06T23:59:59+08:00');
  });

  it('TC58 ZY public emergency known 2025-07-01 23:10: report due 2025-07-02 01:10 (counted in hours)', () => {
    const r = dueDate(ZY, 'emergencyReport', '2025-07-01T23:10:00+08:00');
    expect(r.due).toBe('2025-07-02T01:10:00+08:00');
    expect(r.remindFrom).toBe('2025-07-01T23:10:00+08:00'); // hours: the anchor itself
    expect(r.basis).toContain('ZY-BG-2');

    expect(dueDate(ZY, 'emergencyReport', '2025-07-01T15:10:00Z').due).toBe('2025-07-02T01:10:00+08:00');
    expect(() => dueDate(ZY, 'emergencyReport', '2025-07-01T23:10:00')).toThrow(RangeError);
  });

  it('TC59 AJ 2025 documents: archive transfer due 2026-03-31 inclusive, whatever date of 2025 anchors it', () => {
    for (const anchor of ['2025-01-01', '2025-07-01', '2025-12-31']) {
      const r = dueDate(AJ, 'archiveTransfer', anchor);
      expect(r.due).toBe('2026-03-31T23:59:59+08:00');
      expect(r.remindFrom).toBe('2026-03-21T09:00:00+08:00');
      expect(r.basis).toContain('AJ-20');
    }
  });

  it('TC60 AJ quarterly review: due 2025-03-31, 06-30, 09-30, 12-31, reminders from 10 days before at 09:00', () => {
    const duty = dutyWithBasis(AJ, 'AJ-35');
    expect(duty.every).toBe('quarter');
    const expected: [string, string, string][] = [
      ['2025-02-10', '2025-03-31T23:59:59+08:00', '2025-03-21T09:00:00+08:00'],
      ['2025-05-10', '2025-06-30T23:59:59+08:00', '2025-06-20T09:00:00+08:00'],
      ['2025-08-10', '2025-09-30T23:59:59+08:00', '2025-09-20T09:00:00+08:00'],
      ['2025-11-10', '2025-12-31T23:59:59+08:00', '2025-12-21T09:00:00+08:00'],
    ];
    for (const [anchor, due, remindFrom] of expected) {
      const r = dueDate(AJ, duty.id, anchor);
      expect(r.due).toBe(due);
      expect(r.remindFrom).toBe(remindFrom);
    }
  });

  it('TC60 (A14) reminderLeadDays moves the reminder, not the due', () => {
    const duty = dutyWithBasis(AJ, 'AJ-35');
    const r = dueDate(getProfile('AJ', { reminderLeadDays: 5 }), duty.id, '2025-02-10');
    expect(r.due).toBe('2025-03-31T23:59:59+08:00');
    expect(r.remindFrom).toBe('2025-03-26T09:00:00+08:00');
  });

  it('TC61 NT 民主生活会 on 2025-12-20: pre-report by 2025-12-05, summary due 2026-01-04, both DEFAULT_ASSUMED', () => {
    const pre = dueDate(NT, 'lifeMeetingPreReport', '2025-12-20T09:00:00+08:00');
    expect(pre.due).toMatch(INSTANT);
    expect(pre.due.slice(0, 10)).toBe('2025-12-05');
    expect(pre.flags).toContain('DEFAULT_ASSUMED');
    expect(pre.basis).toContain('NT-4.1');

    const post = dueDate(NT, 'lifeMeetingReport', '2025-12-20');
    expect(post.due).toBe('2026-01-04T23:59:59+08:00');
    expect(post.flags).toContain('DEFAULT_ASSUMED');
    // 2026-01-04 is a Sunday: strict due stays, the rolled-over day is tolerable (A10 default)
    expect(post.flags).toContain('DUE_ON_REST_DAY');
    expect(post.tolerableDue).toBe('2026-01-05T23:59:59+08:00');
  });
});

describe('periodic duties (windowCompliance)', () => {
  it('TC55 MS 党组 half-yearly reports: (a) 03-10 and 11-20 satisfy H1 and H2; (b) 01-05 and 05-30 leave H2 2025 missing', () => {
    const duty = dutyWithBasis(MS, 'MS-3b');
    expect(duty.every).toBe('halfYear');

    const a = windowCompliance(duty, ['2025-03-10', '2025-11-20'], '2026-01-01');
    expect(a.satisfied).toEqual(['2025-H1', '2025-H2']);
    expect(a.missing).toEqual([]);
    expect(a.overdueSince).toBeUndefined();
    expect(a.pending).toBe('2026-H1');
    expect(a.nextDue).toBe('2026-06-30T23:59:59+08:00');
    expect(a.remindFrom).toBe('2026-06-20T09:00:00+08:00');

    const b = windowCompliance(duty, ['2025-01-05', '2025-05-30'], '2026-01-01');
    expect(b.satisfied).toEqual(['2025-H1']);
    expect(b.missing).toEqual(['2025-H2']);
    expect(b.overdueSince).toBe('2025-12-31T23:59:59+08:00');
  });

  it('TC55 (A14) a late report labelled 2025-H2 counts for the window it names', () => {
    const duty = dutyWithBasis(MS, 'MS-3b');
    const r = windowCompliance(duty, ['2025-03-10', '2025-H2'], '2026-01-01');
    expect(r.satisfied).toEqual(['2025-H1', '2025-H2']);
    expect(r.missing).toEqual([]);
  });

  it('TC56 MS 街道 studies 2025-01-15 and 2025-04-02, evaluated 2025-07-01: Jan–Feb ✓, Mar–Apr ✓, May–Jun missing; GAP_TOO_LONG (77 > 62)', () => {
    const duty = dutyWithBasis(MS, 'MS-1c');
    expect(duty.every).toBe('twoMonths');
    expect(duty.maxGapDays).toBe(62);

    const r = windowCompliance(duty, ['2025-01-15', '2025-04-02'], '2025-07-01');
    expect(r.satisfied).toEqual(['2025-01/02', '2025-03/04']);
    expect(r.missing).toEqual(['2025-05/06']);
    expect(r.overdueSince).toBe('2025-06-30T23:59:59+08:00');
    expect(r.flags).toContain('GAP_TOO_LONG');
    expect(r.pending).toBe('2025-07/08');
    expect(r.nextDue).toBe('2025-08-31T23:59:59+08:00');
  });

  it('TC56 (A13) consecutive entries within 62 days raise no GAP_TOO_LONG', () => {
    const duty = dutyWithBasis(MS, 'MS-1c');
    const r = windowCompliance(duty, ['2025-01-15', '2025-03-10', '2025-05-02'], '2025-06-15');
    expect(r.satisfied).toEqual(['2025-01/02', '2025-03/04', '2025-05/06']);
    expect(r.missing).toEqual([]);
    expect(r.flags).not.toContain('GAP_TOO_LONG');
  });

  it('TC44 ZY county committee H1 2025 leave summary not filed by 2025-06-20: pending, due 2025-06-30, reminded from 06-20', () => {
    const duty = dutyWithBasis(ZY, 'ZY-JD-4.3b');
    expect(duty.every).toBe('halfYear');

    const r = windowCompliance(duty, [], '2025-06-20');
    expect(r.satisfied).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.pending).toBe('2025-H1');
    expect(r.nextDue).toBe('2025-06-30T23:59:59+08:00');
    expect(r.remindFrom).toBe('2025-06-20T09:00:00+08:00');
    expect(r.overdueSince).toBeUndefined();

    expect(dueDate(ZY, duty.id, '2025-06-20').due).toBe('2025-06-30T23:59:59+08:00');
  });

  it('TC44 once the summary is filed the H1 window is satisfied and nothing is pending', () => {
    const duty = dutyWithBasis(ZY, 'ZY-JD-4.3b');
    const r = windowCompliance(duty, ['2025-06-25'], '2025-06-28');
    expect(r.satisfied).toEqual(['2025-H1']);
    expect(r.missing).toEqual([]);
    expect(r.pending).toBeUndefined();
  });
});

describe('TC73 (JY-13a): the yearly window only', () => {
  // JY-13a is per person (each member at least once a year). Per-person duties are out of
  // windowCompliance's scope, so the "1 missing member" list is a service check. What the module
  // owns is the yearly window of the JY-13a duty and its due 2025-12-31.
  it('TC73 JY 书记 talks with members (JY-13a): yearly window due 2025-12-31, reminded from 12-21', () => {
    const duty = dutyWithBasis(JY, 'JY-13a');
    expect(duty.every).toBe('year');

    const r = dueDate(JY, duty.id, '2025-12-01');
    expect(r.due).toBe('2025-12-31T23:59:59+08:00');
    expect(r.remindFrom).toBe('2025-12-21T09:00:00+08:00');

    const w = windowCompliance(duty, [], '2025-12-01');
    expect(w.missing).toEqual([]);
    expect(w.pending).toBe('2025');
    expect(w.nextDue).toBe('2025-12-31T23:59:59+08:00');
    expect(w.remindFrom).toBe('2025-12-21T09:00:00+08:00');
  });
});

describe('edge cases the rules imply', () => {
  it('A11 NT lifeMeetingPreReportDays 20: 2025-11-30 (Sunday) stays, DEADLINE_ON_REST_DAY (never moves later)', () => {
    const r = dueDate(getProfile('NT', { lifeMeetingPreReportDays: 20 }), 'lifeMeetingPreReport', '2025-12-20');
    expect(r.due.slice(0, 10)).toBe('2025-11-30');
    expect(r.flags).toContain('DEADLINE_ON_REST_DAY');
    expect(r.flags).toContain('DEFAULT_ASSUMED');
  });

  it('A11 lifeMeetingReportDays override: JY 10 days after 2025-12-25 is 2026-01-04', () => {
    const r = dueDate(getProfile('JY', { lifeMeetingReportDays: 10 }), 'lifeMeetingReport', '2025-12-25');
    expect(r.due).toBe('2026-01-04T23:59:59+08:00');
  });

  it('ZY-BG-2 a duty that does not apply to the profile throws RangeError', () => {
    expect(() => dueDate(JY, 'emergencyReport', '2025-07-01T23:10:00+08:00')).toThrow(RangeError);
    expect(() => dueDate(MS, 'lifeMeetingReport', '2025-12-25')).toThrow(RangeError);
    expect(() => dueDate(JY, 'lifeMeetingPreReport', '2025-12-20')).toThrow(RangeError);
    expect(() => dueDate(NT, 'archiveTransfer', '2025-07-01')).toThrow(RangeError);
    expect(() => dueDate(AJ, 'noSuchDuty', '2025-07-01')).toThrow(RangeError);
  });

  it('A14 every duty cites its rule and returns well-formed instants', () => {
    for (const profile of [JY, NT, MS, ZY, AJ]) {
      for (const duty of duties(profile)) {
        expect(duty.basis.length).toBeGreaterThan(0);
        const r = dueDate(profile, duty.id, '2025-06-10');
        expect(r.due).toMatch(INSTANT);
        expect(r.remindFrom).toMatch(INSTANT);
      }
    }
  });

  it('A13 ZY-TB-3 half-month 碰头会: 2025-06-03 satisfies 2025-06a; 2025-06b pending, due 2025-06-30', () => {
    const duty = dutyWithBasis(ZY, 'ZY-TB-3');
    expect(duty.every).toBe('halfMonth');
    const r = windowCompliance(duty, ['2025-06-03'], '2025-06-20');
    expect(r.satisfied).toEqual(['2025-06a']);
    expect(r.missing).toEqual([]);
    expect(r.pending).toBe('2025-06b');
    expect(r.nextDue).toBe('2025-06-30T23:59:59+08:00');
  });

  it('A14 ZY-BG-5 quarterly reports: nothing since Q1 leaves Q2 missing on 2025-07-10', () => {
    const duty = dutyWithBasis(ZY, 'ZY-BG-5');
    expect(duty.every).toBe('quarter');
    const r = windowCompliance(duty, ['2025-02-15'], '2025-07-10');
    expect(r.satisfied).toEqual(['2025-Q1']);
    expect(r.missing).toEqual(['2025-Q2']);
    expect(r.overdueSince).toBe('2025-06-30T23:59:59+08:00');
    expect(r.pending).toBe('2025-Q3');
    expect(r.nextDue).toBe('2025-09-30T23:59:59+08:00');
  });

  it('A14 windowCompliance from: windows before `from` are not listed', () => {
    const duty = dutyWithBasis(ZY, 'ZY-BG-5');
    const r = windowCompliance(duty, [], '2025-07-10', { from: '2025-01-01' });
    expect(r.missing).toEqual(['2025-Q1', '2025-Q2']);
    expect(r.overdueSince).toBe('2025-03-31T23:59:59+08:00');
    expect(r.pending).toBe('2025-Q3');
  });
});
