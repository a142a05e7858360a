/**
 * Sliding-window counters on the stand-in's own clock. Only admitted requests are counted, so the
 * request log of admitted calls can never show more than `limit` calls in any window: tests can
 * then check the client's pacing against the log.
 */
export class SlidingWindows {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs: number, private readonly limit: number) {}

  /** Milliseconds until `key` may be admitted again at `now` (0 = admissible now). */
  waitMs(key: string, now: number): number {
    const live = this.live(key, now);
    if (live.length < this.limit) return 0;
    const oldest = live[live.length - this.limit] ?? now;
    return Math.max(1, oldest + this.windowMs - now);
  }

  admit(key: string, now: number): void {
    this.live(key, now).push(now);
  }

  private live(key: string, now: number): number[] {
    const all = this.hits.get(key) ?? [];
    const cut = now - this.windowMs;
    let drop = 0;
    while (drop < all.length && (all[drop] ?? 0) <= cut) drop += 1;
    const kept = drop > 0 ? all.slice(drop) : all;
    this.hits.set(key, kept);
    return kept;
  }
}

export interface Limits {
  appPerSecond: number;
  appPerMinute: number;
  perChatPerSecond: number;
  perUserPerSecond: number;
  perMessageUpdatesPerSecond: number;
}

export const feishuLimits: Limits = {
  appPerSecond: 50,
  appPerMinute: 1000,
  perChatPerSecond: 5,
  perUserPerSecond: 5,
  perMessageUpdatesPerSecond: 5,
};

export type TargetKind = 'chat' | 'user' | 'update';
export interface RateTarget { kind: TargetKind; id: string }

export type Verdict = { ok: true } | { ok: false; kind: 'gateway'; limit: number; resetSec: number } | { ok: false; kind: 'business' };

/** The app-wide gateway limit (429 / 99991400) and the per-target business limits (230020). */
export class RateLimiter {
  private readonly appSecond: SlidingWindows;
  private readonly appMinute: SlidingWindows;
  private readonly perTarget: Record<TargetKind, SlidingWindows>;

  constructor(private readonly limits: Limits) {
    this.appSecond = new SlidingWindows(1000, limits.appPerSecond);
    this.appMinute = new SlidingWindows(60_000, limits.appPerMinute);
    this.perTarget = {
      chat: new SlidingWindows(1000, limits.perChatPerSecond),
      user: new SlidingWindows(1000, limits.perUserPerSecond),
      update: new SlidingWindows(1000, limits.perMessageUpdatesPerSecond),
    };
  }

  /** Checks the gateway first (as Feishu's gateway answers before the IM service), then the target. */
  check(now: number, target?: RateTarget): Verdict {
    const sec = this.appSecond.waitMs('app', now);
    const min = this.appMinute.waitMs('app', now);
    if (sec > 0 || min > 0) {
      const limit = min > 0 ? this.limits.appPerMinute : this.limits.appPerSecond;
      return { ok: false, kind: 'gateway', limit, resetSec: Math.ceil(Math.max(sec, min) / 1000) };
    }
    if (target !== undefined && this.windowFor(target.kind).waitMs(`${target.kind}:${target.id}`, now) > 0) {
      return { ok: false, kind: 'business' };
    }
    return { ok: true };
  }

  admit(now: number, target?: RateTarget): void {
    this.appSecond.admit('app', now);
    this.appMinute.admit('app', now);
    if (target !== undefined) this.windowFor(target.kind).admit(`${target.kind}:${target.id}`, now);
  }

  private windowFor(kind: TargetKind): SlidingWindows {
    return this.perTarget[kind];
  }
}
