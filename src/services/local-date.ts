/**
 * Instants are stored in UTC; people and rules speak in the committee's local dates (Asia/Shanghai
 * by default). These helpers read no clock: the instant comes in as an argument.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: Date | string, timeZone: string): string {
  return dayjs(at).tz(timeZone).format('YYYY-MM-DD');
}

/** An instant written for people in a zone: 2025年6月18日 09:00. */
export function localDateTime(at: Date | string, timeZone: string): string {
  return dayjs(at).tz(timeZone).format('YYYY年M月D日 HH:mm');
}
