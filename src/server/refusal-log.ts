/**
 * Refused requests are logged as a count per reason per minute, never one line each: anyone can
 * send refused requests, and a flood must not fill the disk. A minute's line is written once the
 * minute is over (by the next refusal, or by `flush`, which the app calls on a timer and at close).
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';

const MINUTE_MS = 60_000;

interface Bucket {
  readonly minute: number;
  readonly status: number;
  count: number;
}

export class RefusalLog {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly log: Logger, private readonly clock: Clock) {}

  /** Counts one refusal; writes the reason's previous minute if that minute is over. */
  note(reason: string, status: number): void {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    const bucket = this.buckets.get(reason);
    if (bucket?.minute === minute) {
      bucket.count += 1;
      return;
    }
    if (bucket !== undefined) this.write(reason, bucket);
    this.buckets.set(reason, { minute, status, count: 1 });
  }

  /** Writes every minute that is over; with `all`, the current one too (at shutdown). */
  flush(all = false): void {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    for (const [reason, bucket] of this.buckets) {
      if (!all && bucket.minute >= minute) continue;
      this.write(reason, bucket);
      this.buckets.delete(reason);
    }
  }

  private write(reason: string, bucket: Bucket): void {
    // Reason, status and count only: a refused request's payload is never read into a log.
    this.log.warn('lark requests refused', { reason, status: bucket.status, count: bucket.count, minute: new Date(bucket.minute * MINUTE_MS).toISOString() });
  }
}
