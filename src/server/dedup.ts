/**
 * Drops re-deliveries (feishu-platform.md §7): Feishu is at-least-once, and for messages the same
 * `message_id` can come back under a new `event_id`. A claim is first written with a short TTL,
 * then confirmed for 8 h once the event is safely queued. If the process dies in between, the
 * pending claim lapses before Feishu's first retry (+15 s), so that retry is not dropped.
 */
import type { Redis } from 'ioredis';
import { inboundDedupKey } from '../store/keys.js';

/** At least Feishu's retry ladder (15 s, 5 min, 1 h, 6 h ≈ 7 h 05 min). */
export const DEDUP_TTL_SEC = 28_800;
/** Shorter than Feishu's first retry, so a claim left by a crash never swallows that retry. */
export const PENDING_TTL_SEC = 10;

/** A key for an id; every id is hashed so no id can shape another key. */
export function dedupKey(kind: 'evt' | 'msg', id: string): string {
  return inboundDedupKey(kind, id);
}

export interface Claim {
  /** Keeps the claim for {@link DEDUP_TTL_SEC}: call once the event is queued. */
  confirm(): Promise<void>;
  /** Drops the claim (queueing failed), so that Feishu's retry is processed. */
  release(): Promise<void>;
}

export class Dedup {
  constructor(private readonly redis: Redis) {}

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
        for (const key of taken) pipeline.set(key, 'done', 'EX', DEDUP_TTL_SEC);
        await pipeline.exec();
      },
      release: async () => {
        if (taken.length > 0) await this.redis.del(...taken);
      },
    };
  }
}
