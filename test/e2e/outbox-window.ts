/** Sliding-window checks over the stand-in's request log. */
import type { RequestLogEntry } from '../../sandbox/open-api/index.js';

/** The largest number of entries inside any window [t, t + windowMs) that starts at an entry. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Max calls in any second per target (chat/user/update), over every logged call to a target. */
export function maxPerTargetPerSecond(log: readonly RequestLogEntry[]): number {
  const byTarget = new Map<string, number[]>();
  for (const entry of log) {
    if (entry.target === undefined) continue;
    byTarget.set(entry.target, [...(byTarget.get(entry.target) ?? []), entry.at]);
  }
  return Math.max(0, ...[...byTarget.values()].map((times) => maxInWindow(times, 1000)));
}
