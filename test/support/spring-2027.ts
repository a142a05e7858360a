import type { HolidayOverrides } from '../../src/calendar/holidays.js';

/** A 2027 schedule as an office would enter it (the package ends with 2026): 春节 2月6日至14日, 2月20日（周六）worked. */
export const SPRING_2027: HolidayOverrides = new Map([[2027, {
  holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14'],
  workdays: ['2027-02-20'],
}]]);
