/** The one time-zone model: committees live at UTC+8, and nothing depends on the process's TZ. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isRulesZone } from '../../src/rules/zone.js';

const run = promisify(execFile);

describe('zones the rules accept', () => {
  it.each(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'PRC'])('accepts %s', (zone) => {
    expect(isRulesZone(zone)).toBe(true);
  });

  it.each([
    ['Europe/Berlin', 'another offset, with daylight saving'],
    ['UTC', 'another offset'],
    ['Asia/Urumqi', 'a zone of China at +06:00'],
    ['Australia/Perth', '+08:00 with daylight saving in 2006–2009'],
    ['Asia/Irkutsk', '+09:00 in 2011–2014'],
    ['Asia/Ulaanbaatar', '+08:00 with daylight saving in 2015–2016'],
    ['+08:00', 'an offset, not a zone'],
    ['Mars/Olympus_Mons', 'no such zone'],
    ['', 'empty'],
  ])('refuses %s (%s)', (zone) => {
    expect(isRulesZone(zone)).toBe(false);
  });
});

describe('a process in another TZ', () => {
  async function childOutput(tz: string): Promise<Record<string, unknown>> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/zone-child.ts'], { env: { ...process.env, TZ: tz } });
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it('computes the same local dates, deadlines and texts in +08:00 under TZ=UTC as under TZ=Asia/Shanghai', async () => {
    const [utc, shanghai, pacific] = await Promise.all([childOutput('UTC'), childOutput('Asia/Shanghai'), childOutput('America/Los_Angeles')]);
    // The children really ran in different zones.
    expect([utc.offsetMinutes, shanghai.offsetMinutes, pacific.offsetMinutes]).toEqual([0, -480, 420]);
    expect(utc.rules).toEqual(['2025-06-17', '2025-06-18', '2026-01-01']);
    expect(utc.services).toEqual(utc.rules);
    expect(utc.formatted).toBe('2025-06-18T00:00:00+08:00');
    expect(utc.people).toBe('2025年6月18日 00:00');
    const { tz: _a, offsetMinutes: _b, ...same } = utc;
    for (const other of [shanghai, pacific]) {
      const { tz: _c, offsetMinutes: _d, ...rest } = other;
      expect(rest).toEqual(same);
    }
  }, 30_000);
});
