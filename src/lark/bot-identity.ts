/**
 * The app's own open_id, read from the bot info API once at start. The parser needs it to tell
 * the bot's @-mention (how a group message reaches it) apart from the people a command names.
 * Startup never waits for it: until the read succeeds the open_id is '' (a mention of the bot is
 * then taken for a person's, whom the services will not find on the roster), and a failed read
 * is retried with backoff until it succeeds or the app closes.
 */
import type { Logger } from '../log.js';
import type { LarkApi } from './api.js';
import { LarkApiError } from './errors.js';

export interface BotIdentity {
  /** The bot's open_id, or '' while it is not known yet. */
  openId(): string;
  /** Starts reading it (once; later calls do nothing). */
  start(): void;
  /** Resolves once it is known. */
  known(): Promise<string>;
  close(): Promise<void>;
}

export interface BotIdentityOptions {
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
}

export function createBotIdentity(api: Pick<LarkApi, 'botInfo'>, log: Logger, options: BotIdentityOptions = {}): BotIdentity {
  const first = options.firstDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 300_000;
  let openId = '';
  let started = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveKnown: (id: string) => void = () => undefined;
  const knownPromise = new Promise<string>((resolve) => { resolveKnown = resolve; });

  const attempt = async (delayMs: number): Promise<void> => {
    try {
      openId = (await api.botInfo()).openId;
      resolveKnown(openId);
    } catch (error) {
      if (closed) return;
      const code = error instanceof LarkApiError ? (error.larkCode ?? error.networkCode ?? error.httpStatus ?? 'unknown') : 'unknown';
      log.warn('bot info not read; mentions of the bot are not told apart until it is', { code, retryInMs: delayMs });
      timer = setTimeout(() => { void attempt(Math.min(delayMs * 2, max)); }, delayMs);
      timer.unref();
    }
  };

  return {
    openId: () => openId,
    start() {
      if (started) return;
      started = true;
      void attempt(first);
    },
    known: () => knownPromise,
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      return Promise.resolve();
    },
  };
}
