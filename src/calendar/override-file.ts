/**
 * The holiday override file: a year's schedule an office enters itself when the State Council
 * publishes it, before any package has it. JSON keyed by year:
 * `{ "2027": { "holidays": ["2027-01-01", …], "workdays": ["2027-02-06", …] } }`.
 * A bad file stops the bot at start with one line per problem, naming the file's line.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { dateParts, parseDate, weekendsOnly } from '../rules/dates.js';
import type { HolidayOverrides, YearSchedule } from './holidays.js';
import { lineAt, lineOfPath, syntaxErrorOffset } from './json-lines.js';

/** The environment variable that names the file; its problems are reported under this name. */
const VARIABLE = 'HOLIDAY_FILE';
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const daysSchema = (field: string) => z.array(z.string({ error: '日期须写成字符串，如 "2027-01-01" (each date is a string such as "2027-01-01")' }), {
  error: (issue) => issue.input === undefined
    ? `缺少 "${field}"，没有就写 "${field}": [] (missing "${field}"; write "${field}": [] when there is none)`
    : `"${field}" 须是日期列表，如 ["2027-01-01"] (must be a list of dates such as ["2027-01-01"])`,
});

const YearSchema = z.strictObject({ holidays: daysSchema('holidays'), workdays: daysSchema('workdays') }, {
  error: (issue) => issue.code === 'unrecognized_keys'
    ? `未知字段 ${issue.keys.map((k) => `"${k}"`).join('、')}，每年只能有 holidays 和 workdays (unknown field; a year has only holidays and workdays)`
    : '每年须写成 { "holidays": [...], "workdays": [...] } (a year is { "holidays": [...], "workdays": [...] })',
});

const FileSchema = z.record(z.string().regex(/^20\d\d$/), YearSchema, {
  error: (issue) => issue.code === 'invalid_key'
    ? '年份须写成四位数字，如 "2027" (a year is written as four digits, such as "2027")'
    : '文件内容须是以年份为键的对象，如 { "2027": { … } } (the file must be one object keyed by year)',
});

type Problem = { path: PropertyKey[]; message: string };

/** Checks zod cannot express: real dates, in their year, a worked day on a weekend, no day in both lists. */
function dateProblems(year: string, schedule: YearSchedule): Problem[] {
  const problems: Problem[] = [];
  const check = (list: 'holidays' | 'workdays', date: string, index: number) => {
    const path = [year, list, index];
    let day: number;
    try {
      if (!DATE_SHAPE.test(date)) throw new RangeError(date);
      day = parseDate(date, 'date');
    } catch {
      problems.push({ path, message: `日期"${date}"无法识别，请写成 YYYY-MM-DD，如 "${year}-01-01" (not a real date; write YYYY-MM-DD)` });
      return;
    }
    if (String(dateParts(day).year) !== year) {
      problems.push({ path, message: `日期"${date}"不在 ${year} 年，请移到该年之下 (the date is not in ${year}; put it under its own year)` });
    } else if (list === 'workdays' && !weekendsOnly.isRestDay(date)) {
      problems.push({ path, message: `"${date}"是周一至周五，本来就是工作日；workdays 只列调休上班的周六、周日 (workdays lists only weekend days that are worked)` });
    } else if (list === 'workdays' && schedule.holidays.includes(date)) {
      problems.push({ path, message: `"${date}"同时列在 holidays 和 workdays 中，请删去其一 (listed both as a holiday and as a workday)` });
    }
  };
  schedule.holidays.forEach((date, index) => check('holidays', date, index));
  schedule.workdays.forEach((date, index) => check('workdays', date, index));
  return problems;
}

function issuesOf(file: string, text: string, problems: readonly Problem[]): ConfigIssue[] {
  return problems.map(({ path, message }) => {
    const line = lineOfPath(text, path);
    return { variable: VARIABLE, fix: `${file} 第 ${line} 行 (line ${line}): ${message}` };
  });
}

/**
 * Parses the text of an override file; `file` names it in messages.
 * @throws ConfigError with one `HOLIDAY_FILE: <file> 第 N 行 (line N): …` issue per problem.
 */
export function parseHolidayOverrides(text: string, file: string): HolidayOverrides {
  const badAt = syntaxErrorOffset(text);
  if (badAt !== null) {
    const line = lineAt(text, badAt);
    throw new ConfigError([{ variable: VARIABLE, fix: `${file} 第 ${line} 行 (line ${line}): 不是有效的 JSON，请检查逗号、引号和括号 (not valid JSON; check commas, quotes and brackets)` }]);
  }
  const parsed = FileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new ConfigError(issuesOf(file, text, parsed.error.issues.map((issue) => ({
      path: issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path,
      message: issue.message,
    }))));
  }
  const problems = Object.entries(parsed.data).flatMap(([year, schedule]) => dateProblems(year, schedule));
  if (problems.length > 0) throw new ConfigError(issuesOf(file, text, problems));
  return new Map(Object.entries(parsed.data).map(([year, schedule]) => [Number(year), schedule]));
}

/**
 * Reads and parses the override file at `path`.
 * @throws ConfigError when the file cannot be read or is malformed.
 */
export async function loadHolidayOverrides(path: string): Promise<HolidayOverrides> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code;
    throw new ConfigError([{ variable: VARIABLE, fix: `无法读取 ${path} (cannot read the file${typeof reason === 'string' ? `: ${reason}` : ''})` }]);
  }
  return parseHolidayOverrides(text.replace(/^\uFEFF/, ''), basename(path));
}
