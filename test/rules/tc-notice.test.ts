// TC45–TC50: notice and objection deadlines (NT-3.4), emergency meetings, items added at the meeting.
import { describe, expect, it } from 'vitest';
import {
  checkNotice,
  checkObjection,
  evaluateItem,
  getProfile,
  type HolidayCalendar,
} from '../../src/rules/index.js';

const NT = getProfile('NT');
const NT_HOURS = getProfile('NT', { noticeCounting: 'hours' });
const JY = getProfile('JY');
const MS = getProfile('MS');

const MEETING = '2025-06-18T09:00:00+08:00'; // Wednesday

describe('NT notice and objection deadlines', () => {
  it('TC45 meeting Wed 2025-06-18 09:00: notice by 2025-06-16 23:59:59, objections by 2025-06-17 23:59:59', () => {
    const c = checkNotice(NT, MEETING);
    expect(c.noticeBy).toBe('2025-06-16T23:59:59+08:00');
    expect(c.objectionsBy).toBe('2025-06-17T23:59:59+08:00');
    expect(c.onTime).toBeNull(); // sentAt not given
    expect(c.flags).not.toContain('NO_NOTICE_RULE');
    expect(c.flags).not.toContain('DEADLINE_ON_REST_DAY'); // Monday
    expect(c.advisedBy).toBeUndefined();
    expect(c.basis).toContain('NT-3.4b');
  });

  it("TC45 under the 'hours' policy: notice by 2025-06-16 09:00, objections by 2025-06-17 09:00", () => {
    const c = checkNotice(NT_HOURS, MEETING);
    expect(c.noticeBy).toBe('2025-06-16T09:00:00+08:00');
    expect(c.objectionsBy).toBe('2025-06-17T09:00:00+08:00');
    expect(c.onTime).toBeNull();
  });

  it('TC45 a notice sent 2025-06-16 23:30 local is on time', () => {
    const c = checkNotice(NT, MEETING, '2025-06-16T23:30:00+08:00');
    expect(c.onTime).toBe(true);
    expect(c.flags).not.toContain('LATE_NOTICE');
  });

  it('TC45 a notice sent 2025-06-17 00:30 local (2025-06-16 16:30Z) is late: the local date counts, not the UTC date', () => {
    const local = checkNotice(NT, MEETING, '2025-06-17T00:30:00+08:00');
    expect(local.onTime).toBe(false);
    expect(local.flags).toContain('LATE_NOTICE');

    const utc = checkNotice(NT, MEETING, '2025-06-16T16:30:00Z');
    expect(utc.onTime).toBe(false);
    expect(utc.flags).toContain('LATE_NOTICE');
  });

  it('TC45 the same instants written in Z: 2025-06-16T15:30Z (23:30 local) is on time', () => {
    const c = checkNotice(NT, '2025-06-18T01:00:00Z', '2025-06-16T15:30:00Z');
    expect(c.noticeBy).toBe('2025-06-16T23:59:59+08:00');
    expect(c.objectionsBy).toBe('2025-06-17T23:59:59+08:00');
    expect(c.onTime).toBe(true);
    expect(c.flags).not.toContain('LATE_NOTICE');
  });

  it('TC45 instants without an offset throw RangeError', () => {
    expect(() => checkNotice(NT, '2025-06-18T09:00:00')).toThrow(RangeError);
    expect(() => checkNotice(NT, MEETING, '2025-06-16T10:00:00')).toThrow(RangeError);
    expect(() => checkObjection(NT, MEETING, '2025-06-17T10:00:00')).toThrow(RangeError);
    expect(() => checkObjection(NT, '2025-06-18T09:00:00', '2025-06-17T10:00:00+08:00')).toThrow(RangeError);
  });

  it('TC48 objection at (a) 2025-06-17 18:00 is on time; (b) 2025-06-18 08:00 is LATE_OBJECTION', () => {
    const a = checkObjection(NT, MEETING, '2025-06-17T18:00:00+08:00');
    expect(a.onTime).toBe(true);
    expect(a.objectionsBy).toBe('2025-06-17T23:59:59+08:00');
    expect(a.flags).not.toContain('LATE_OBJECTION');
    expect(a.basis).toContain('NT-3.4c');

    const b = checkObjection(NT, MEETING, '2025-06-18T08:00:00+08:00');
    expect(b.onTime).toBe(false);
    expect(b.objectionsBy).toBe('2025-06-17T23:59:59+08:00');
    expect(b.flags).toContain('LATE_OBJECTION');
  });

  it('TC48 under hours counting an objection at 2025-06-17 18:00 is late (after 09:00)', () => {
    const c = checkObjection(NT_HOURS, MEETING, '2025-06-17T18:00:00+08:00');
    expect(c.objectionsBy).toBe('2025-06-17T09:00:00+08:00');
    expect(c.onTime).toBe(false);
    expect(c.flags).toContain('LATE_OBJECTION');
  });

  it('TC49 NT emergency meeting called 08:00 for 10:00: no notice warning; quorum still checked (N=6, 4 present: quorate)', () => {
    const c = checkNotice(NT, '2025-06-18T10:00:00+08:00', '2025-06-18T08:00:00+08:00', { emergency: true });
    expect(c.onTime).toBe(true);
    expect(c.flags).not.toContain('LATE_NOTICE');

    const d = evaluateItem(NT, {
      members: 6, present: 4, topicKind: 'general', method: 'hands', emergency: true, addedAtMeeting: true,
    });
    expect(d.quorate).toBe(true); // 12 ≥ 12
    expect(d.requiredPresent).toBe(4);
    expect(d.flags).not.toContain('AD_HOC_ITEM');
    expect(d.errors).not.toContain('AD_HOC_MOTION_FORBIDDEN');
    expect(d.errors).toEqual([]);
  });

  it('TC49 (A20) an emergency does not lift the quorum: NT N=6, 3 present is not quorate', () => {
    const d = evaluateItem(NT, {
      members: 6, present: 3, topicKind: 'general', method: 'hands', emergency: true, addedAtMeeting: true,
      votes: { yes: 3, no: 0, abstain: 0 },
    });
    expect(d.quorate).toBe(false);
    expect(d.requiredPresent).toBe(4);
    expect(d.passed).toBeNull();
  });

  it('TC50 item added at the meeting: (a) JY general → AD_HOC_ITEM warning; (b) NT 干部任免 → AD_HOC_MOTION_FORBIDDEN; (c) NT emergency → allowed', () => {
    const a = evaluateItem(JY, {
      members: 5, present: 5, topicKind: 'general', method: 'hands', addedAtMeeting: true,
      votes: { yes: 4, no: 1, abstain: 0 },
    });
    expect(a.flags).toContain('AD_HOC_ITEM');
    expect(a.errors).not.toContain('AD_HOC_MOTION_FORBIDDEN');
    expect(a.errors).toEqual([]);
    expect(a.passed).toBe(true); // soft: the warning does not block
    expect(a.basis).toContain('JY-22');

    const b = evaluateItem(NT, {
      members: 5, present: 5, topicKind: 'personnel', method: 'secret', addedAtMeeting: true,
      votes: { yes: 5, no: 0, abstain: 0 },
    });
    expect(b.errors).toContain('AD_HOC_MOTION_FORBIDDEN');
    expect(b.passed).toBeNull();

    const c = evaluateItem(NT, {
      members: 5, present: 5, topicKind: 'personnel', method: 'secret', addedAtMeeting: true, emergency: true,
      votes: { yes: 5, no: 0, abstain: 0 },
    });
    expect(c.errors).not.toContain('AD_HOC_MOTION_FORBIDDEN');
    expect(c.errors).toEqual([]);
    expect(c.flags).not.toContain('AD_HOC_ITEM');
    expect(c.passed).toBe(true);
  });

  it('TC50 (a) JY general item on the notified agenda: no AD_HOC_ITEM', () => {
    const d = evaluateItem(JY, { members: 5, present: 5, topicKind: 'general', method: 'hands' });
    expect(d.flags).not.toContain('AD_HOC_ITEM');
  });
});

describe('edge cases the rules imply', () => {
  it('NT-3.4a NT forbids any item added at the meeting, general items too', () => {
    const d = evaluateItem(NT, {
      members: 5, present: 5, topicKind: 'general', method: 'hands', addedAtMeeting: true,
      votes: { yes: 5, no: 0, abstain: 0 },
    });
    expect(d.errors).toContain('AD_HOC_MOTION_FORBIDDEN');
    expect(d.passed).toBeNull();
  });

  it('A9 a notice sent 2025-06-16 12:00 is on time by calendar date but late by hours: NOTICE_COUNTING_SENSITIVE', () => {
    const c = checkNotice(NT, MEETING, '2025-06-16T12:00:00+08:00');
    expect(c.onTime).toBe(true);
    expect(c.flags).toContain('NOTICE_COUNTING_SENSITIVE');
    expect(c.flags).not.toContain('LATE_NOTICE');

    const h = checkNotice(NT_HOURS, MEETING, '2025-06-16T12:00:00+08:00');
    expect(h.onTime).toBe(false);
    expect(h.flags).toContain('LATE_NOTICE');
    expect(h.flags).toContain('NOTICE_COUNTING_SENSITIVE');
  });

  it('A9 a notice sent 2025-06-15 is on time under both policies: no NOTICE_COUNTING_SENSITIVE', () => {
    const c = checkNotice(NT, MEETING, '2025-06-15T10:00:00+08:00');
    expect(c.onTime).toBe(true);
    expect(c.flags).not.toContain('NOTICE_COUNTING_SENSITIVE');
  });

  it('A9 meeting Mon 2025-06-23: notice by Sat 2025-06-21 does not move; advised by Fri 2025-06-20, DEADLINE_ON_REST_DAY', () => {
    const c = checkNotice(NT, '2025-06-23T09:00:00+08:00');
    expect(c.noticeBy).toBe('2025-06-21T23:59:59+08:00');
    expect(c.advisedBy).toBe('2025-06-20T23:59:59+08:00');
    expect(c.objectionsBy).toBe('2025-06-22T23:59:59+08:00');
    expect(c.flags).toContain('DEADLINE_ON_REST_DAY');

    // a notice sent on the Saturday is still on time: holidays never move a "before" deadline later or earlier
    const sat = checkNotice(NT, '2025-06-23T09:00:00+08:00', '2025-06-21T10:00:00+08:00');
    expect(sat.onTime).toBe(true);
  });

  it('A9 an injected calendar decides rest days: meeting 2025-10-10, notice by 2025-10-08 (国庆) advised by 2025-09-30', () => {
    const guoqing = new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']);
    const cal: HolidayCalendar = {
      isRestDay(date: string): boolean {
        const day = new Date(`${date}T00:00:00Z`).getUTCDay();
        return guoqing.has(date) || day === 0 || day === 6;
      },
    };
    const c = checkNotice(NT, '2025-10-10T09:00:00+08:00', undefined, undefined, cal);
    expect(c.noticeBy).toBe('2025-10-08T23:59:59+08:00');
    expect(c.advisedBy).toBe('2025-09-30T23:59:59+08:00');
    expect(c.flags).toContain('DEADLINE_ON_REST_DAY');
  });

  it('JY-22 JY has no notice rule: NO_NOTICE_RULE, noticeBy = objectionsBy = meetingStart, onTime true when sent', () => {
    const c = checkNotice(JY, MEETING, '2025-06-18T08:59:00+08:00');
    expect(c.flags).toContain('NO_NOTICE_RULE');
    expect(c.noticeBy).toBe(MEETING);
    expect(c.objectionsBy).toBe(MEETING);
    expect(c.onTime).toBe(true);
    expect(checkNotice(JY, MEETING).onTime).toBeNull();
  });

  it('JY-22 meetingStart written in Z is returned as +08:00', () => {
    const c = checkNotice(JY, '2025-06-18T01:00:00Z');
    expect(c.noticeBy).toBe('2025-06-18T09:00:00+08:00');
    expect(c.objectionsBy).toBe('2025-06-18T09:00:00+08:00');
  });

  it('JY-22 checkObjection without an objection rule: onTime true with NO_NOTICE_RULE', () => {
    const c = checkObjection(JY, MEETING, '2025-06-18T08:59:00+08:00');
    expect(c.onTime).toBe(true);
    expect(c.flags).toContain('NO_NOTICE_RULE');
  });

  it('NAT-NPCSC MS: 7-day notice by analogy (DEFAULT_ASSUMED), no objection rule', () => {
    const c = checkNotice(MS, MEETING, '2025-06-10T10:00:00+08:00');
    expect(c.flags).toContain('DEFAULT_ASSUMED');
    expect(c.flags).not.toContain('NO_NOTICE_RULE');
    expect(c.onTime).toBe(true);
    const late = checkNotice(MS, MEETING, '2025-06-16T10:00:00+08:00');
    expect(late.onTime).toBe(false);
    expect(late.flags).toContain('LATE_NOTICE');

    const o = checkObjection(MS, MEETING, '2025-06-18T08:00:00+08:00');
    expect(o.onTime).toBe(true);
    expect(o.flags).toContain('NO_NOTICE_RULE');
  });
});
