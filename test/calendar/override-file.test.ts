import { join } from 'node:path';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineOfPath, syntaxErrorOffset } from '../../src/calendar/json-lines.js';
import { loadHolidayOverrides, parseHolidayOverrides } from '../../src/calendar/override-file.js';
import { ConfigError } from '../../src/errors.js';

/** The issues a malformed file gives, as the operator reads them. */
function problems(text: string): string[] {
  try {
    parseHolidayOverrides(text, 'holidays.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.variable}: ${issue.fix}`);
  }
  throw new Error('expected the file to be refused');
}

describe('parseHolidayOverrides', () => {
  it('reads years with their holidays and worked weekend days', () => {
    const overrides = parseHolidayOverrides('{ "2027": { "holidays": ["2027-01-01"], "workdays": ["2027-02-06"] } }', 'x.json');
    expect([...overrides]).toEqual([[2027, { holidays: ['2027-01-01'], workdays: ['2027-02-06'] }]]);
  });

  it('names the line of a JSON syntax error', () => {
    expect(problems('{\n  "2027": {\n    "holidays": ["2027-01-01",]\n  }\n}')).toEqual([
      'HOLIDAY_FILE: holidays.json 第 3 行 (line 3): 不是有效的 JSON，请检查逗号、引号和括号 (not valid JSON; check commas, quotes and brackets)',
    ]);
    expect(problems('{\n  "2027": {\n')[0]).toContain('第 3 行');
    expect(problems(`${'['.repeat(100_000)}`)[0]).toContain('第 1 行 (line 1): 不是有效的 JSON');
  });

  it('names the line of a date that does not exist, and of a date under the wrong year', () => {
    const text = ['{', '  "2027": {', '    "holidays": [', '      "2027-01-01",', '      "2027-02-30",', '      "2028-01-01"', '    ],', '    "workdays": []', '  }', '}'].join('\n');
    expect(problems(text)).toEqual([
      'HOLIDAY_FILE: holidays.json 第 5 行 (line 5): 日期"2027-02-30"无法识别，请写成 YYYY-MM-DD，如 "2027-01-01" (not a real date; write YYYY-MM-DD)',
      'HOLIDAY_FILE: holidays.json 第 6 行 (line 6): 日期"2028-01-01"不在 2027 年，请移到该年之下 (the date is not in 2027; put it under its own year)',
    ]);
  });

  it('refuses a weekday listed as a worked day and a day in both lists', () => {
    const text = '{\n"2027": {\n"holidays": ["2027-02-06"],\n"workdays": ["2027-02-09",\n"2027-02-06"]\n}\n}';
    expect(problems(text)).toEqual([
      'HOLIDAY_FILE: holidays.json 第 4 行 (line 4): "2027-02-09"是周一至周五，本来就是工作日；workdays 只列调休上班的周六、周日 (workdays lists only weekend days that are worked)',
      'HOLIDAY_FILE: holidays.json 第 5 行 (line 5): "2027-02-06"同时列在 holidays 和 workdays 中，请删去其一 (listed both as a holiday and as a workday)',
    ]);
  });

  it('refuses a misspelt field, a missing list, a bad year and a non-object, each with its line', () => {
    expect(problems('{\n "2027": {\n  "holidays": [],\n  "workday": []\n }\n}')).toEqual([
      'HOLIDAY_FILE: holidays.json 第 2 行 (line 2): 缺少 "workdays"，没有就写 "workdays": [] (missing "workdays"; write "workdays": [] when there is none)',
      'HOLIDAY_FILE: holidays.json 第 4 行 (line 4): 未知字段 "workday"，每年只能有 holidays 和 workdays (unknown field; a year has only holidays and workdays)',
    ]);
    expect(problems('{\n "2027": {\n  "holidays": "2027-01-01",\n  "workdays": []\n }\n}')).toEqual([
      'HOLIDAY_FILE: holidays.json 第 3 行 (line 3): "holidays" 须是日期列表，如 ["2027-01-01"] (must be a list of dates such as ["2027-01-01"])',
    ]);
    expect(problems('{\n "27": { "holidays": [], "workdays": [] }\n}')[0]).toMatch(/^HOLIDAY_FILE: holidays.json 第 2 行 \(line 2\): 年份须写成四位数字/);
    expect(problems('["2027-01-01"]')[0]).toContain('文件内容须是以年份为键的对象');
    expect(problems('{ "2027": { "holidays": [20270101], "workdays": [] } }')[0]).toContain('日期须写成字符串');
  });

  it('reports an unreadable file by its path', async () => {
    const missing = join(tmpdir(), 'yishi-no-such-holidays.json');
    await expect(loadHolidayOverrides(missing)).rejects.toThrow(`HOLIDAY_FILE: 无法读取 ${missing} (cannot read the file: ENOENT)`);
  });
});

describe('json-lines', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };

  it('finds a syntax error exactly when JSON.parse refuses, for valid JSON and for mangled JSON', () => {
    const valid = fc.json().map((text) => text);
    const mangled = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', '\\', '1', ' ', '\u0001'))
      .map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)));
    fc.assert(fc.property(fc.oneof(valid, mangled, fc.string()), (text) => {
      expect(syntaxErrorOffset(text) === null).toBe(parses(text));
    }), { numRuns: 2000 });
  });

  it('finds the line of a value by its path, or of the deepest part that exists', () => {
    const text = '{\n "a": [\n  1,\n  {"b": "x\\"y"},\n  3\n ],\n "c": {}\n}';
    expect([lineOfPath(text, []), lineOfPath(text, ['a']), lineOfPath(text, ['a', 1, 'b']), lineOfPath(text, ['a', 2]), lineOfPath(text, ['c', 'd'])])
      .toEqual([1, 2, 4, 5, 7]);
  });
});
