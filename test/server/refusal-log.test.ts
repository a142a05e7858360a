/** A flood of refused requests writes one log line per reason per minute, with the count. */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { memoryLogger } from '../../src/log.js';
import { RefusalLog } from '../../src/server/refusal-log.js';
import { useRedis } from '../support/store.js';
import { harness, sealed, serve } from './receiver-harness.js';

const ctx = useRedis();

interface Line { msg: string; reason: string; status: number; count: number; minute: string }
const refusalLines = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line).filter((l) => l.msg === 'lark requests refused');

describe('RefusalLog', () => {
  it('aggregates a flood of refused HTTP requests into one line per reason per minute', async () => {
    const clock = manualClock('2026-12-01T10:00:05Z');
    const h = harness(ctx.redis, clock);
    const server = await serve(h);
    try {
      const stale = sealed({ any: 1 }, new Date('2026-11-30T10:00:00Z'));
      const send = (unsigned: boolean) => fetch(server.url, { method: 'POST', body: unsigned ? 'junk' : stale.raw, headers: unsigned ? {} : stale.http });
      await Promise.all([...Array.from({ length: 120 }, () => send(true)), ...Array.from({ length: 30 }, () => send(false))]);
      // The minute is not over yet: nothing written, however many came.
      h.refusals.flush();
      expect(refusalLines(h.log.lines)).toEqual([]);
      clock.set('2026-12-01T10:01:00Z');
      h.refusals.flush();
      const lines = refusalLines(h.log.lines);
      expect(lines.map(({ reason, status, count, minute }) => ({ reason, status, count, minute })).sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
        { reason: 'stale', status: 401, count: 30, minute: '2026-12-01T10:00:00.000Z' },
        { reason: 'unsigned', status: 401, count: 120, minute: '2026-12-01T10:00:00.000Z' },
      ]);
      // Nothing about any request but its reason: no payload, id or header value.
      expect(h.log.lines.join('\n')).not.toContain(stale.headers.signature);
    } finally {
      await server.close();
    }
  });

  it('writes a minute when the next refusal of that reason comes later, and everything at shutdown', () => {
    const clock = manualClock('2026-12-01T10:00:00Z');
    const log = memoryLogger();
    const refusals = new RefusalLog(log, clock);
    for (let i = 0; i < 500; i += 1) refusals.note('unsigned', 401);
    refusals.note('body_limit', 413);
    clock.advance(59_999);
    refusals.note('unsigned', 401);
    expect(refusalLines(log.lines)).toEqual([]);
    clock.advance(1);
    refusals.note('unsigned', 401);
    expect(refusalLines(log.lines).map((l) => [l.reason, l.count])).toEqual([['unsigned', 501]]);
    clock.advance(3 * 60_000);
    refusals.flush(true);
    const written = refusalLines(log.lines).map((l) => `${l.minute} ${l.reason} ${l.count}`);
    expect(written[0]).toBe('2026-12-01T10:00:00.000Z unsigned 501');
    expect([...written].sort()).toEqual([
      '2026-12-01T10:00:00.000Z body_limit 1',
      '2026-12-01T10:00:00.000Z unsigned 501',
      '2026-12-01T10:01:00.000Z unsigned 1',
    ]);
    refusals.flush(true);
    expect(refusalLines(log.lines)).toHaveLength(3);
  });
});
