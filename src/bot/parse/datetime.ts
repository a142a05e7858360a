/**
 * Dates and times as people type them: `2026-12-10 09:00`, `12-10 09:00`,
 * `12月10日 9:00`, `12月10日上午9点`, `下午3点半`, `明天`, `下周三`, `周五`, full-width digits too.
 * Pure: "now" comes in as epoch milliseconds, and dates are local to the rules' zone (+08:00).
 */
import { dateParts, dayOf, formatDate, formatInstant, localDay, parseDate, startOfDayMs } from '../../rules/dates.js';
import { clip, refuse, type InputText } from './input-text.js';

const MINUTE_MS = 60_000;
const WEEKDAYS = '一二三四五六日';

export const DATE_TIME_EXAMPLE = '请写成"12月10日 9:00"或"2026-12-10 09:00"。';
export const DATE_EXAMPLE = '请写成"12月10日"或"2026-12-10"。';

const DATE_RE = new RegExp([
  '(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?:\\s*[日号])?',
  '(\\d{1,2})\\s*(?:[-/]|月)\\s*(\\d{1,2})(?:\\s*[日号])?',
  '(今天|今日|明天|明日|后天)',
  '(下下个?|下个?|本|这个?)?(?:周|星期|礼拜)([一二三四五六日天])',
].join('|'), 'y');

const TIME_RE = /(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(?:(\d{1,2}):(\d{2})|(\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*[点时](?:(整|半|一刻|三刻)|(\d{1,2})分?)?)/y;

const RELATIVE_DAYS: Readonly<Record<string, number>> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2 };
const WEEK_OFFSETS: Readonly<Record<string, number>> = { 本: 0, 这: 0, 这个: 0, 下: 7, 下个: 7, 下下: 14, 下下个: 14 };
const QUARTERS: Readonly<Record<string, number>> = { 整: 0, 半: 30, 一刻: 15, 三刻: 45 };

/** Years a typed date may name; Date.UTC would also read "0026" as 1926. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const parts = dateParts(dayOf(year, month, day));
  return parts.month === month && parts.dayOfMonth === day;
}

/** Reads 一 … 二十三 (and 两) as a number; NaN for anything else. */
function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (char: string | undefined) => (char === '两' ? 2 : char === '零' ? 0 : char === undefined ? Number.NaN : '一二三四五六七八九'.indexOf(char) + 1 || Number.NaN);
  const [tens, ones, extra] = text.split('十');
  if (extra !== undefined) return Number.NaN;
  if (ones === undefined) return tens?.length === 1 ? digit(tens) : Number.NaN;
  const high = tens === '' ? 1 : tens?.length === 1 ? digit(tens) : Number.NaN;
  return high * 10 + (ones === '' ? 0 : ones.length === 1 ? digit(ones) : Number.NaN);
}

/** The day a matched date means. A date without a year is the next such date on or after `fromDay`. */
function dayOfMatch(found: RegExpExecArray, todayDay: number, fromDay: number): number | null {
  const [, year, month, dayOfMonth, shortMonth, shortDay, relative, week, weekday] = found;
  if (year !== undefined) {
    return isRealDate(Number(year), Number(month), Number(dayOfMonth)) ? dayOf(Number(year), Number(month), Number(dayOfMonth)) : null;
  }
  if (relative !== undefined) return todayDay + (RELATIVE_DAYS[relative] ?? 0);
  if (weekday !== undefined) {
    const target = Math.max(0, WEEKDAYS.indexOf(weekday === '天' ? '日' : weekday));
    const today = (todayDay + 3) % 7; // Monday is 0; 1970-01-01 was a Thursday
    if (week === undefined) return todayDay + ((target - today + 7) % 7);
    return todayDay - today + (WEEK_OFFSETS[week] ?? 0) + target;
  }
  const [m, d] = [Number(shortMonth), Number(shortDay)];
  const firstYear = dateParts(fromDay).year;
  // Eight years always reach the next 29 February.
  for (let y = firstYear; y <= firstYear + 8; y += 1) {
    if (isRealDate(y, m, d) && dayOf(y, m, d) >= fromDay) return dayOf(y, m, d);
  }
  return null;
}

/**
 * Reads a date at the cursor as a day number, or null (cursor unmoved) when nothing there looks like one.
 * A date that looks like one but does not exist ("12月40日") is refused with `example`.
 */
function readDate(text: InputText, nowMs: number, example: string, onOrAfterDay?: number): number | null {
  const before = text.offset;
  text.skipSpace();
  const start = text.offset;
  const found = text.match(DATE_RE);
  if (found === null) {
    text.offset = before;
    return null;
  }
  const todayDay = localDay(nowMs);
  const day = dayOfMatch(found, todayDay, onOrAfterDay ?? todayDay);
  if (day === null) refuse('unreadable', `日期"${clip(text.raw.slice(start, text.offset))}"无法识别。${example}`);
  return day;
}

/** Reads a time of day at the cursor as minutes after midnight, or null when there is none. */
function readTime(text: InputText): number | null {
  const before = text.offset;
  text.skipSpace();
  const start = text.offset;
  const found = text.match(TIME_RE);
  if (found === null) {
    text.offset = before;
    return null;
  }
  const [, period, colonHour, colonMinute, hourWord, quarter, minuteDigits] = found;
  const hour = hourOfDay(period, chineseNumber(colonHour ?? hourWord ?? ''));
  const minute = colonMinute !== undefined ? Number(colonMinute) : quarter !== undefined ? (QUARTERS[quarter] ?? 0) : Number(minuteDigits ?? 0);
  if (hour === null || minute > 59) refuse('unreadable', `时间"${clip(text.raw.slice(start, text.offset))}"无法识别。请写成"9:00"、"下午3点"或"15:30"。`);
  return hour * 60 + minute;
}

/** The 24-hour hour of "下午3点" and the like; null when the hour does not fit the part of the day. */
function hourOfDay(period: string | undefined, hour: number): number | null {
  switch (period) {
    case undefined: return hour >= 0 && hour <= 23 ? hour : null;
    case '凌晨': case '早上': case '早晨': case '上午': return hour >= 0 && hour <= 12 ? hour : null;
    case '中午': return hour === 11 || hour === 12 ? hour : hour === 1 || hour === 2 ? hour + 12 : null;
    case '下午': return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 12 && hour <= 23 ? hour : null;
    default: return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 13 && hour <= 23 ? hour : null; // 傍晚, 晚上
  }
}

/** The word at the cursor, for a message about what could not be read. */
function wordAt(text: InputText, start: number): string {
  text.offset = start;
  return text.peekWord();
}

/**
 * Reads a date and time (either may be left out, not both: a time alone is today, a date alone is
 * refused as missing its time) and returns the instant as `YYYY-MM-DDTHH:mm:ss+08:00`. The instant
 * must be after `nowMs`. `what` names the thing in messages, e.g. "会议".
 */
export function readDateTime(text: InputText, nowMs: number, what: string, example: string): string {
  text.skipSpace();
  const start = text.offset;
  const date = readDate(text, nowMs, DATE_TIME_EXAMPLE);
  const minutes = readTime(text);
  if ((date === null && minutes === null) || !text.atBoundary) {
    const word = wordAt(text, start);
    if (word === '') refuse('missing', `请写明${what}的日期和时间，如"${example}"。`);
    refuse('unreadable', `日期"${clip(word)}"无法识别。${DATE_TIME_EXAMPLE}`);
  }
  if (minutes === null) refuse('missing', `请写明${what}的时间，如"${example}"。`);
  const atMs = startOfDayMs(date ?? localDay(nowMs)) + minutes * MINUTE_MS;
  if (atMs <= nowMs) refuse('past', `时间"${clip(text.raw.slice(start, text.offset).trim())}"已经过去。请写一个以后的时间，如"明天 9:00"。`);
  return formatInstant(atMs);
}

/**
 * Reads a date without a time (leave days, due dates) as `YYYY-MM-DD`, or null when nothing there
 * looks like a date. `onOrAfter` is where a date without a year starts counting (default today).
 */
export function readDay(text: InputText, nowMs: number, onOrAfter?: string): string | null {
  const date = readDate(text, nowMs, DATE_EXAMPLE, onOrAfter === undefined ? undefined : parseDate(onOrAfter, 'onOrAfter'));
  return date === null ? null : formatDate(date);
}

/**
 * Reads the end of a range that starts on `start` (YYYY-MM-DD), or null. A date without a year is
 * the such date nearest the start, in its year or the next: "12月30日 至 1月3日" crosses the new
 * year, while "12月9日 至 12月7日" reads as two days before the start (for the caller to refuse)
 * rather than as a leave of almost a year.
 */
export function readRangeEnd(text: InputText, nowMs: number, start: string): string | null {
  const startDay = parseDate(start, 'start');
  const at = text.offset;
  const sameYear = readDate(text, nowMs, DATE_EXAMPLE, dayOf(dateParts(startDay).year, 1, 1));
  if (sameYear === null || sameYear >= startDay) return sameYear === null ? null : formatDate(sameYear);
  const after = text.offset;
  text.offset = at;
  const nextYear = readDate(text, nowMs, DATE_EXAMPLE, startDay) ?? sameYear;
  text.offset = after;
  return formatDate(nextYear - startDay < startDay - sameYear ? nextYear : sameYear);
}

/** Refuses the word at `start` as a date unless the cursor is at the end of a word. */
export function requireWordEnd(text: InputText, start: number): void {
  if (!text.atBoundary) refuse('unreadable', `日期"${clip(wordAt(text, start))}"无法识别。${DATE_EXAMPLE}`);
}
