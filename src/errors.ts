/**
 * The bot's one error hierarchy (house style §3.8): a base class with a stable `code`, and small
 * subclasses that add fields. Boundaries (boot, koa, bot) switch on `code`, never on message text,
 * so messages can be reworded freely while codes stay stable.
 */

/**
 * Stable, snake_case error codes. Add a member here together with its subclass below; the
 * `switch-exhaustiveness-check` lint rule then points at every boundary that must handle it.
 */
export type ErrorCode = 'config_invalid';

/** Options every {@link BotError} accepts; `cause` is the native `Error` cause. */
export interface BotErrorOptions {
  readonly cause?: unknown;
}

/** Base class of every error the bot throws on purpose. */
export class BotError extends Error {
  /** Stable machine-readable code; boundaries map it to a status, a log line or a toast. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: BotErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // Subclasses get their own name in stack traces and logs without repeating this line.
    this.name = new.target.name;
  }
}

/** One problem with one environment variable: its name and what the operator should do. */
export interface ConfigIssue {
  readonly variable: string;
  readonly fix: string;
}

/**
 * The environment is unusable. Thrown once at boot by `loadConfig`; `main.ts` prints the message
 * and exits with code 1. The message lists every problem as a `NAME: what to fix` line and never
 * contains a value, because values include secrets and the message goes to logs.
 */
export class ConfigError extends BotError {
  /** Every problem found, in the order of `.env.example`. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `${issue.variable}: ${issue.fix}`);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      'config_invalid',
      `Configuration is invalid (${count}); fix the environment (see .env.example):\n${lines.join('\n')}`,
    );
    this.issues = Object.freeze([...issues]);
  }
}
