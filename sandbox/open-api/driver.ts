/**
 * The inbound driver: pushes events and card callbacks to the bot the way Feishu does — v2
 * envelopes, encrypted and signed, HTTP 200 within 3 s or re-delivery of the identical event on
 * Feishu's schedule (+15 s, +5 min, +1 h, +6 h; divided by `timeScale`), optional spontaneous
 * duplicates; card callbacks once, with their answer validated and applied.
 */
import { randomBytes } from 'node:crypto';
import { applyUpdate } from './api-messages.js';
import { cardActionEvent, cardToken, envelope, textMessageEvent } from './envelopes.js';
import type { CardAction, EnvelopeHeader, Json, TextMessage } from './envelopes.js';
import { validateCallbackAnswer } from './callback-answer.js';
import type { StandInState } from './state.js';
import type { AttemptStatus, Forgery, PinnedRequest, Transport } from './transport.js';

export const feishuRetryDelaysMs = [15_000, 5 * 60_000, 60 * 60_000, 6 * 60 * 60_000];

export interface PushOptions {
  via?: 'http' | 'ws';
  eventId?: string;
  /** Re-deliver on failure (default true). */
  retry?: boolean;
  /** After a successful delivery, deliver the identical event again after this many ms (spontaneous duplicate). */
  duplicateAfterMs?: number;
  /** How many such duplicates, each `duplicateAfterMs` after the previous (default 1). */
  duplicates?: number;
  /**
   * HTTP: false re-sends the first attempt's exact bytes and headers (its timestamp and signature)
   * on every retry and duplicate; true (default) encrypts and signs each attempt afresh.
   */
  resign?: boolean;
  forge?: Forgery;
}

export interface Attempt {
  n: number;
  /** Wall-clock ms when the attempt started. */
  at: number;
  latencyMs: number;
  status: AttemptStatus;
  duplicate: boolean;
}

export interface Delivery {
  eventId: string;
  type: string;
  via: 'http' | 'ws';
  attempts: Attempt[];
  outcome: 'pending' | 'delivered' | 'failed' | 'cancelled';
  /** Resolves when delivered (and any duplicate sent), failed after all retries, or cancelled by close(). */
  settled: Promise<Delivery>;
}

export interface CardActionOptions {
  via?: 'http' | 'ws';
  /** WS only: the frame `type` header; node-sdk 1.74 ignores 'card' frames. */
  frameType?: 'event' | 'card';
  forge?: Forgery;
}

export interface CardActionOutcome {
  eventId: string;
  /** The `c-…` token the bot may use twice within 30 min for interactive/v1/card/update. */
  token: string;
  status: AttemptStatus;
  latencyMs: number;
  /** Client-side error code the user would see (200341 timeout, 200671 non-200, 200672 bad body, 200673 bad card, 200830 2.0→1.0). */
  clientCode?: number;
  toast?: { type: string; content: string };
  cardApplied: boolean;
  body?: unknown;
}

export interface DriverDeps extends EnvelopeHeader {
  state: StandInState;
  now: () => number;
  timeScale: number;
  retryDelaysMs: number[];
  transports: Record<'http' | 'ws', Transport>;
}

export class Driver {
  readonly deliveries: Delivery[] = [];
  readonly cardActions: CardActionOutcome[] = [];
  private readonly timers = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private closed = false;

  constructor(private readonly deps: DriverDeps) {}

  /** Pushes any v2 event. Returns at once; await `delivery.settled` for the end of the retry ladder. */
  event(type: string, event: Json, opts: PushOptions = {}): Delivery {
    const eventId = opts.eventId ?? randomBytes(16).toString('hex');
    const header = opts.forge?.wrongToken ? { ...this.deps, verificationToken: 'wrong-verification-token' } : this.deps;
    const env = envelope(header, type, event, eventId, Date.now());
    if (opts.forge?.oversizeBytes !== undefined) env.padding = 'x'.repeat(opts.forge.oversizeBytes);
    const delivery: Delivery = { eventId, type, via: opts.via ?? 'http', attempts: [], outcome: 'pending', settled: Promise.resolve(undefined as never) };
    delivery.settled = this.run(delivery, JSON.stringify(env), opts).then(() => delivery);
    this.deliveries.push(delivery);
    return delivery;
  }

  /** `im.message.receive_v1` with a text message; the message is remembered so the bot can reply to it. */
  message(m: TextMessage, opts: PushOptions = {}): Delivery & { messageId: string } {
    const at = Date.now();
    const { event, messageId } = textMessageEvent(m, this.deps.tenantKey, at);
    this.deps.state.record({
      messageId, chatId: m.chatId, msgType: 'text', content: { text: m.text }, at: this.deps.now(), sender: 'user', senderOpenId: m.senderOpenId,
      ...(m.mentions === undefined ? {} : { mentions: m.mentions.map((x) => ({ ...x })) }),
    });
    return Object.assign(this.event('im.message.receive_v1', event, opts), { messageId });
  }

  /** `card.action.trigger`: one attempt (callbacks are never retried), answer validated and applied. */
  async cardAction(a: CardAction, opts: CardActionOptions = {}): Promise<CardActionOutcome> {
    const token = cardToken();
    const entry = { token, messageId: a.messageId, issuedAt: this.deps.now(), uses: 0 } as { token: string; messageId: string; issuedAt: number; uses: number; answeredAt?: number };
    this.deps.state.cardTokens.set(token, entry);
    const eventId = randomBytes(16).toString('hex');
    const header = opts.forge?.wrongToken ? { ...this.deps, verificationToken: 'wrong-verification-token' } : this.deps;
    const env = envelope(header, 'card.action.trigger', cardActionEvent(a, this.deps.tenantKey, token), eventId, Date.now());
    const result = await this.deps.transports[opts.via ?? 'http'](JSON.stringify(env), opts.forge, opts.frameType ?? 'event');
    const outcome: CardActionOutcome = { eventId, token, status: result.status, latencyMs: result.latencyMs, cardApplied: false, body: result.body };
    if (result.status === 'timeout') outcome.clientCode = 200341;
    else if (result.status !== 200) outcome.clientCode = 200671;
    else {
      entry.answeredAt = this.deps.now();
      this.answer(outcome, result.body ?? {}, a.messageId);
    }
    this.cardActions.push(outcome);
    return outcome;
  }

  private answer(outcome: CardActionOutcome, body: unknown, messageId: string): void {
    const msg = this.deps.state.messages.get(messageId);
    const verdict = validateCallbackAnswer(body, msg?.content);
    if (!verdict.ok) {
      outcome.clientCode = verdict.clientCode;
      return;
    }
    if (verdict.toast) outcome.toast = verdict.toast;
    if (verdict.card !== undefined && msg) {
      applyUpdate(this.deps.state, msg, verdict.card, this.deps.now(), 'callback');
      outcome.cardApplied = true;
    }
  }

  /** Forgets the deliveries and callbacks recorded so far (pending re-deliveries still run). */
  clearHistory(): void {
    this.deliveries.length = 0;
    this.cardActions.length = 0;
  }

  /** Cancels pending re-deliveries (used by close()). */
  stop(): void {
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.wake();
    }
    this.timers.clear();
  }

  private async run(d: Delivery, plaintext: string, opts: PushOptions): Promise<void> {
    const transport = this.deps.transports[d.via];
    const pin: PinnedRequest | undefined = opts.resign === false ? {} : undefined;
    const maxAttempts = opts.retry === false ? 1 : 1 + this.deps.retryDelaysMs.length;
    for (let n = 0; n < maxAttempts; n += 1) {
      if (n > 0 && !(await this.sleep((this.deps.retryDelaysMs[n - 1] ?? 0) / this.deps.timeScale))) {
        d.outcome = 'cancelled';
        return;
      }
      const at = Date.now();
      const r = await transport(plaintext, opts.forge, 'event', pin);
      d.attempts.push({ n, at, latencyMs: r.latencyMs, status: r.status, duplicate: false });
      if (r.status === 200) {
        d.outcome = 'delivered';
        await this.duplicate(d, plaintext, opts, pin);
        return;
      }
    }
    d.outcome = 'failed';
  }

  private async duplicate(d: Delivery, plaintext: string, opts: PushOptions, pin: PinnedRequest | undefined): Promise<void> {
    if (opts.duplicateAfterMs === undefined) return;
    for (let i = 0; i < (opts.duplicates ?? 1); i += 1) {
      if (!(await this.sleep(opts.duplicateAfterMs))) return;
      const at = Date.now();
      const r = await this.deps.transports[d.via](plaintext, opts.forge, 'event', pin);
      d.attempts.push({ n: d.attempts.length, at, latencyMs: r.latencyMs, status: r.status, duplicate: true });
    }
  }

  /** Resolves true after `ms`, or false at once if the driver is (or gets) stopped. */
  private sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const t = {
        timer: setTimeout(() => {
          this.timers.delete(t);
          resolve(!this.closed);
        }, ms),
        wake: () => resolve(false),
      };
      this.timers.add(t);
    });
  }
}
