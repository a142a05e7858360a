import { describe, expect, it } from 'vitest';
import { dueDate, duties, getProfile, windowCompliance, type Duty } from '../../src/rules/index.js';

const duty = (every: Duty['every'], extra: Partial<Duty> = {}): Duty => ({ id: 'probe', title: '测试', every, basis: ['A14'], ...extra });

describe('A13 window labels, one per cadence', () => {
  it.each([
    ['halfMonth', '2025-06-15', '2025-06a', '2025-06-15T23:59:59+08:00'],
    ['halfMonth', '2025-02-16', '2025-02b', '2025-02-28T23:59:59+08:00'],
    ['halfMonth', '2024-02-20', '2024-02b', '2024-02-29T23:59:59+08:00'],
    ['month', '2025-04-30', '2025-04', '2025-04-30T23:59:59+08:00'],
    ['twoMonths', '2025-06-01', '2025-05/06', '2025-06-30T23:59:59+08:00'],
    ['twoMonths', '2025-12-31', '2025-11/12', '2025-12-31T23:59:59+08:00'],
    ['quarter', '2025-08-15', '2025-Q3', '2025-09-30T23:59:59+08:00'],
    ['halfYear', '2025-07-01', '2025-H2', '2025-12-31T23:59:59+08:00'],
    ['year', '2025-02-01', '2025', '2025-12-31T23:59:59+08:00'],
    ['term', '2024-05-05', '2022-2026', '2026-12-31T23:59:59+08:00'],
  ] as const)('%s holding %s is %s, due %s', (every, day, label, due) => {
    const result = windowCompliance(duty(every), [], day);
    expect(result.pending).toBe(label);
    expect(result.nextDue).toBe(due);
    expect(result.missing).toEqual([]);
  });

  it('a term follows termStart: five years from the day a body took office', () => {
    const result = windowCompliance(duty('term'), [], '2026-03-01', { termStart: '2021-06-15' });
    expect(result.pending).toBe('2021-2026');
    expect(result.nextDue).toBe('2026-06-14T23:59:59+08:00');
    const next = windowCompliance(duty('term'), [], '2026-06-15', { termStart: '2021-06-15' });
    expect(next.pending).toBe('2026-2031');
  });

  it('a window label of the wrong cadence, or a label that names no window, is refused', () => {
    expect(() => windowCompliance(duty('quarter'), ['2025-H1'], '2025-07-01')).toThrow(RangeError);
    expect(() => windowCompliance(duty('twoMonths'), ['2025-02/03'], '2025-07-01')).toThrow(RangeError);
    expect(() => windowCompliance(duty('halfYear'), ['2025-H3'], '2025-07-01')).toThrow(RangeError);
    expect(() => windowCompliance(duty('month'), ['2025-02-30'], '2025-07-01')).toThrow(RangeError);
  });

  it('an instant in done counts for the local date it falls on (2025-06-30 16:30Z is 07-01 in Shanghai)', () => {
    const result = windowCompliance(duty('halfYear'), ['2025-06-30T16:30:00Z'], '2025-12-01');
    expect(result.satisfied).toEqual(['2025-H2']);
    expect(result.missing).toEqual([]);
  });
});

describe('A14 windows: missing, pending and overdue', () => {
  it('lists every missed window from the first entry up to asOf, overdue since the first of them', () => {
    const result = windowCompliance(duty('quarter'), ['2025-02-10'], '2025-11-02');
    expect(result.satisfied).toEqual(['2025-Q1']);
    expect(result.missing).toEqual(['2025-Q2', '2025-Q3']);
    expect(result.pending).toBe('2025-Q4');
    expect(result.overdueSince).toBe('2025-06-30T23:59:59+08:00');
    expect(result.remindFrom).toBe('2025-12-21T09:00:00+08:00');
  });

  it('a window is not missing until its last second has passed', () => {
    expect(windowCompliance(duty('month'), ['2025-05-02'], '2025-06-30T23:59:59+08:00').missing).toEqual([]);
    expect(windowCompliance(duty('month'), ['2025-05-02'], '2025-07-01T00:00:00+08:00').missing).toEqual(['2025-06']);
  });

  it('with nothing done, only the window holding asOf is looked at', () => {
    const result = windowCompliance(duty('month'), [], '2025-09-10');
    expect(result).toMatchObject({ satisfied: [], missing: [], pending: '2025-09' });
    expect(result.overdueSince).toBeUndefined();
  });

  it('a satisfied current window has nothing pending', () => {
    const result = windowCompliance(duty('year'), ['2025-03-01'], '2025-09-10');
    expect(result.satisfied).toEqual(['2025']);
    expect(result.pending).toBeUndefined();
    expect(result.nextDue).toBeUndefined();
  });
});

describe('fixed due days (MS-4b, AJ-20)', () => {
  it('MS-4b Constitution Day is due on 4 December of its year, not on 31 December', () => {
    const day = duties(getProfile('MS')).find((d) => d.basis.includes('MS-4b'))!;
    const result = windowCompliance(day, [], '2025-12-05');
    expect(result.missing).toEqual(['2025']);
    expect(result.overdueSince).toBe('2025-12-04T23:59:59+08:00');
    expect(dueDate(getProfile('MS'), day.id, '2025-03-01').due).toBe('2025-12-04T23:59:59+08:00');
  });

  it('AJ-20 archives of 2025 are still pending in February 2026 and due on 31 March 2026', () => {
    const archive = duties(getProfile('AJ')).find((d) => d.basis.includes('AJ-20'))!;
    const early = windowCompliance(archive, [], '2026-02-01');
    expect(early.pending).toBe('2025');
    expect(early.nextDue).toBe('2026-03-31T23:59:59+08:00');
    expect(early.missing).toEqual([]);
    const late = windowCompliance(archive, [], '2026-04-01', { from: '2025-01-01' });
    expect(late.missing).toEqual(['2025']);
    expect(late.pending).toBe('2026');
    expect(late.overdueSince).toBe('2026-03-31T23:59:59+08:00');
  });

  it('a fixed-date deadline on a rest day never moves later (DEADLINE_ON_REST_DAY)', () => {
    // 2029-03-31 is a Saturday: the 2028 archives stay due that day.
    const result = dueDate(getProfile('AJ', { holidayRollover: true }), 'archiveTransfer', '2028-06-01');
    expect(result.due).toBe('2029-03-31T23:59:59+08:00');
    expect(result.flags).toContain('DEADLINE_ON_REST_DAY');
    expect(result.tolerableDue).toBeUndefined();
  });
});

describe('A14 defaults are said out loud', () => {
  it('a report with no due day in its text is flagged DEFAULT_ASSUMED; a text that names the day is not', () => {
    expect(dueDate(getProfile('MS'), 'partyGroupReport', '2025-03-01').flags).toContain('DEFAULT_ASSUMED');
    expect(dueDate(getProfile('AJ'), 'quarterlyReview', '2025-03-01').flags).not.toContain('DEFAULT_ASSUMED');
  });
});
