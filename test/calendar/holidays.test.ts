import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHolidayCalendar, packageCoveredYears, uncoveredYearsNote } from '../../src/calendar/holidays.js';
import { loadHolidayOverrides } from '../../src/calendar/override-file.js';
import { checkNotice, decideLeave, dueDate, getProfile, RULE_FLAG_TEXT, weekendsOnly } from '../../src/rules/index.js';

const calendar = createHolidayCalendar();
const restDays = (dates: string[]) => dates.map((date) => calendar.isRestDay(date));

/** The office's own 2027 file: a made-up schedule, so nothing here can come from the package. */
const OVERRIDE_2027 = JSON.stringify({
  2027: { holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09'], workdays: ['2027-01-30', '2027-02-20'] },
}, null, 2);

describe('the package calendar (国办发明电〔2025〕7号 for 2026)', () => {
  // Fails on purpose once a release of the package adds 2027: the README's advice changes then.
  it('covers 2026 and no later year, as the installed package publishes', () => {
    expect(packageCoveredYears().at(-1)).toBe(2026);
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
  });

  it('春节 2026: 2月15日至23日 rest, 2月14日（周六）and 2月28日（周六）are working days', () => {
    const festival = ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'];
    expect(restDays(festival)).toEqual(festival.map(() => true));
    expect(restDays(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28'])).toEqual([false, false, false, false]);
    // Weekends-only would have these the other way round.
    expect(['2026-02-16', '2026-02-14', '2026-02-28'].map((d) => weekendsOnly.isRestDay(d))).toEqual([false, true, true]);
  });

  it('国庆 2026: 10月1日至7日 rest, 10月10日（周六）works, 10月8日 is a working day again', () => {
    expect(restDays(['2026-09-30', '2026-10-01', '2026-10-05', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11']))
      .toEqual([false, true, true, true, false, false, true]);
  });

  it('a 调休 Sunday is a working day: 9月20日（周日）and 1月4日（周日）', () => {
    expect(weekendsOnly.isRestDay('2026-09-20')).toBe(true);
    expect(restDays(['2026-09-20', '2026-01-04', '2026-09-13', '2026-09-27'])).toEqual([false, false, true, true]);
    expect(calendar.sourceOf('2026-09-20')).toBe('chinese-days');
  });

  it('gives the same answers in a process whose local zone is west of UTC', () => {
    const dates = ['2026-10-01', '2026-10-08', '2026-09-20', '2026-02-14', '2026-02-23', '2026-05-09'];
    const script = `import { createHolidayCalendar } from './src/calendar/holidays.ts';
      const c = createHolidayCalendar(); console.log(JSON.stringify(${JSON.stringify(dates)}.map((d) => c.isRestDay(d))));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '../..'), env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(restDays(dates));
    expect(JSON.parse(out)).toEqual([true, false, false, false, true, false]);
  });
});

describe('the override file and the weekends-only fallback', () => {
  it('takes 2027 from an override file read from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-holidays-'));
    writeFileSync(join(dir, 'holidays.json'), OVERRIDE_2027);
    const withFile = createHolidayCalendar({ overrides: await loadHolidayOverrides(join(dir, 'holidays.json')) });
    expect(withFile.covers(2027)).toBe(true);
    expect(withFile.sourceOf('2027-02-08')).toBe('override');
    // 2027-02-08 is a Monday off, 2027-01-30 a Saturday worked, 2027-02-10 an ordinary Wednesday.
    expect(['2027-02-08', '2027-01-30', '2027-02-10', '2027-02-13'].map((d) => withFile.isRestDay(d))).toEqual([true, false, false, true]);
    expect(uncoveredYearsNote(withFile, ['2027-02-08'])).toBeNull();
  });

  it('replaces the package year entirely when the file has that year', () => {
    const own = createHolidayCalendar({ overrides: new Map([[2026, { holidays: ['2026-03-02'], workdays: [] }]]) });
    expect(own.sourceOf('2026-10-01')).toBe('override');
    expect(own.isRestDay('2026-10-01')).toBe(false); // the package's 国庆 is gone
    expect(own.isRestDay('2026-09-20')).toBe(true); // so is its 调休 Sunday
    expect(own.isRestDay('2026-03-02')).toBe(true);
    expect(own.sourceOf('2025-10-01')).toBe('chinese-days');
    expect(own.isRestDay('2025-10-01')).toBe(true);
  });

  it('falls back to weekends for 2028 and says so', () => {
    expect(calendar.covers(2028)).toBe(false);
    expect(calendar.sourceOf('2028-10-02')).toBe('weekends-only');
    expect(['2028-10-02', '2028-10-07', '2028-10-08'].map((d) => calendar.isRestDay(d))).toEqual([false, true, true]);
    expect(uncoveredYearsNote(calendar, ['2028-10-02', '2026-10-01'])).toBe('2028 年的法定节假日安排尚未录入，按周末计算。');
    expect(uncoveredYearsNote(calendar, ['2028-01-03', '2027-12-30', '2028-02-01'])).toBe('2027 年、2028 年的法定节假日安排尚未录入，按周末计算。');
    expect(uncoveredYearsNote(calendar, ['2026-10-01'])).toBeNull();
  });
});

describe('the rules module with this calendar', () => {
  it('checkNotice: a 2-day notice deadline on 10月7日 is a rest day only with the statutory calendar', () => {
    const start = '2026-10-09T09:00:00+08:00';
    const statutory = checkNotice(getProfile('NT'), start, undefined, {}, calendar);
    const weekends = checkNotice(getProfile('NT'), start, undefined, {}, weekendsOnly);
    expect(statutory.noticeBy).toBe('2026-10-07T23:59:59+08:00');
    expect(statutory.flags).toContain('DEADLINE_ON_REST_DAY');
    expect(statutory.advisedBy).toBe('2026-09-30T23:59:59+08:00');
    expect(weekends.flags).not.toContain('DEADLINE_ON_REST_DAY');
    expect(weekends.advisedBy).toBeUndefined();
  });

  it('dueDate: 15 days after 9月16日 is 国庆 and rolls over to 10月8日, which weekends-only would not', () => {
    const rollover = getProfile('JY', { holidayRollover: true });
    expect(dueDate(rollover, 'lifeMeetingReport', '2026-09-16', calendar).due).toBe('2026-10-08T23:59:59+08:00');
    expect(dueDate(rollover, 'lifeMeetingReport', '2026-09-16', weekendsOnly).due).toBe('2026-10-01T23:59:59+08:00');
    const plain = dueDate(getProfile('JY'), 'lifeMeetingReport', '2026-09-16', calendar);
    expect(plain.flags).toContain('DUE_ON_REST_DAY');
    expect(plain.tolerableDue).toBe('2026-10-08T23:59:59+08:00');
    expect(dueDate(getProfile('JY'), 'lifeMeetingReport', '2026-09-16', weekendsOnly).flags).not.toContain('DUE_ON_REST_DAY');
  });

  it('flags HOLIDAYS_UNKNOWN on every answer that counted days in a year the calendar lacks, and on no other', () => {
    const nt = getProfile('NT');
    // 2028 has no schedule here: the notice deadline, the report due date and the leave days are guesses.
    expect(checkNotice(nt, '2028-10-09T09:00:00+08:00', undefined, {}, calendar).flags).toContain('HOLIDAYS_UNKNOWN');
    expect(dueDate(getProfile('JY'), 'lifeMeetingReport', '2028-09-16', calendar).flags).toContain('HOLIDAYS_UNKNOWN');
    const staff = { kind: 'leave', applicantRole: 'staff', start: '2028-03-06', end: '2028-03-08', reason: 'private' } as const;
    expect(decideLeave(getProfile('AJ'), staff, calendar).flags).toContain('HOLIDAYS_UNKNOWN');
    // A covered year, a range that never consults the calendar, and weekends chosen on purpose: no flag.
    expect(checkNotice(nt, '2026-10-09T09:00:00+08:00', undefined, {}, calendar).flags).not.toContain('HOLIDAYS_UNKNOWN');
    expect(decideLeave(getProfile('AJ'), { ...staff, start: '2026-03-09', end: '2026-03-11' }, calendar).flags).not.toContain('HOLIDAYS_UNKNOWN');
    expect(checkNotice(nt, '2028-10-09T09:00:00+08:00', undefined, {}, weekendsOnly).flags).not.toContain('HOLIDAYS_UNKNOWN');
    expect(RULE_FLAG_TEXT.HOLIDAYS_UNKNOWN).toContain('按周末计算');
  });
});
