/**
 * Drops re-deliveries: Feishu is at-least-once, and for messages the same
 * `message_id` can come back under a new `event_id`. A claim is first written with a short TTL,
 * then confirmed for {@link dedupTtlSec} once the event is safely queued. If the process dies in
 * between, the pending claim lapses before Feishu's first retry (+15 s), so that retry is not dropped.
 */
import type { Redis } from 'ioredis';
import { FEISHU_RETRY_LADDER_SEC } from '../config.js';
import { inboundDedupKey } from '../store/keys.js';

/** Kept on top of what is strictly needed (clocks of instances drift; a day of small keys is cheap). */
export const DEDUP_MARGIN_SEC = 86_400;

/**
 * A claim outlives every replay the window admits, so such a replay always finds its claim and is
 * a duplicate. The window is two-sided: a request stamped W seconds ahead, accepted now, is still
 * admitted 2·W from now. Re-signed retries come for as long as Feishu's ladder, whatever the window.
 */
export const dedupTtlSec = (maxSkewSec: number): number => Math.max(2 * maxSkewSec, FEISHU_RETRY_LADDER_SEC) + DEDUP_MARGIN_SEC;
/** Shorter than Feishu's first retry, so a claim left by a crash never swallows that retry. */
export const PENDING_TTL_SEC = 10;

/** A key for an id; every id is hashed so no id can shape another key. */
export function dedupKey(kind: 'evt' | 'msg' | 'card', id: string): string {
  return inboundDedupKey(kind, id);
}

export interface Claim {
  /** Keeps the claim for the dedup TTL: call once the event is queued. */
  confirm(): Promise<void>;
  /** Drops the claim (queueing failed), so that Feishu's retry is processed. */
  release(): Promise<void>;
}

export class Dedup {
  constructor(private readonly redis: Redis, private readonly ttlSec: number) {}

  /**
   * Claims every key, one `SET NX` each (keys of different ids may sit in different Cluster
   * slots, so no multi-key script). Null when any key was already claimed: a duplicate.
   */
  async claim(keys: readonly string[]): Promise<Claim | null> {
    const taken: string[] = [];
    for (const key of keys) {
      const reply = await this.redis.set(key, 'pending', 'EX', PENDING_TTL_SEC, 'NX');
      // Keys claimed before are kept: this event is a duplicate either way.
      if (reply !== 'OK') return null;
      taken.push(key);
    }
    return {
      confirm: async () => {
        const pipeline = this.redis.pipeline();
        for (const key of taken) pipeline.set(key, 'done', 'EX', this.ttlSec);
        await pipeline.exec();
      },
      release: async () => {
        if (taken.length > 0) await this.redis.del(...taken);
      },
    };
  }
}
