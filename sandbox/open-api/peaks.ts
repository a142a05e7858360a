/**
 * Peak call rates seen in the request log, for tests that must show a client never exceeded a
 * limit. Counts every call that reached the limiter — admitted or refused by a limit — so a client
 * that tried to go too fast shows a peak above the limit even though the stand-in refused the excess.
 */
import type { RequestLogEntry } from './state.js';

export interface Peaks {
  appPerSecond: number;
  appPerMinute: number;
  perChatPerSecond: number;
  perUserPerSecond: number;
  perMessageUpdatesPerSecond: number;
  /** Calls refused by a real (not injected) limit: 429/99991400 or 230020. */
  limitRefusals: number;
}

/** Largest number of timestamps in any window [t, t + windowMs). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi += 1) {
    while ((sorted[hi] ?? 0) - (sorted[lo] ?? 0) >= windowMs) lo += 1;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

function perTarget(entries: RequestLogEntry[], kind: string): number {
  const byId = new Map<string, number[]>();
  for (const e of entries) {
    if (!e.target?.startsWith(`${kind}:`)) continue;
    const list = byId.get(e.target) ?? [];
    list.push(e.at);
    byId.set(e.target, list);
  }
  return Math.max(0, ...[...byId.values()].map((t) => maxInWindow(t, 1000)));
}

export function peaksOf(log: RequestLogEntry[]): Peaks {
  const reached = log.filter((e) => e.limit !== undefined);
  const times = reached.map((e) => e.at);
  return {
    appPerSecond: maxInWindow(times, 1000),
    appPerMinute: maxInWindow(times, 60_000),
    perChatPerSecond: perTarget(reached, 'chat'),
    perUserPerSecond: perTarget(reached, 'user'),
    perMessageUpdatesPerSecond: perTarget(reached, 'update'),
    limitRefusals: reached.filter((e) => e.limit !== 'admitted').length,
  };
}
