/** Sliding-window checks over the stand-in's request log. */
import type { RequestLogEntry } from '../../sandbox/open-api/index.js';
import { maxInWindow } from '../../sandbox/open-api/peaks.js';

export { maxInWindow };

/** Max calls in any second per target (chat/user/update), over every logged call to a target. */
export function maxPerTargetPerSecond(log: readonly RequestLogEntry[]): number {
  const byTarget = new Map<string, number[]>();
  for (const entry of log) {
    if (entry.target === undefined) continue;
    byTarget.set(entry.target, [...(byTarget.get(entry.target) ?? []), entry.at]);
  }
  return Math.max(0, ...[...byTarget.values()].map((times) => maxInWindow(times, 1000)));
}
