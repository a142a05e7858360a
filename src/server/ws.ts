/**
 * Long-connection mode (LARK_MODE=ws): the SDK's WSClient receives events and hands them, through
 * an EventDispatcher, to the same path as HTTP: validate, deduplicate (the same Redis claims, so an
 * event delivered over both is handled once), queue, acknowledge. Card callbacks stay on HTTP
 * (node-sdk 1.74 drops `card` frames without acknowledging them).
 */
import * as lark from '@larksuiteoapi/node-sdk';
import type { Bot } from '../bot/bot.js';
import type { Logger } from '../log.js';
import type { QueuedEvent } from '../bot/events.js';
import { EnvelopeSchema, toMessageEvent } from './envelope.js';
import { acceptEvent, tenantAllowed, type ReceiverDeps } from './receiver.js';

const HEADER_FIELDS = ['event_id', 'event_type', 'create_time', 'token', 'app_id', 'tenant_key'] as const;

export interface WsDeps extends Pick<ReceiverDeps, 'dedup' | 'enqueue' | 'metrics' | 'log'> {
  readonly appId: string;
  readonly appSecret: string;
  /** Tenants whose events are accepted; null accepts any. */
  readonly tenantKeys: readonly string[] | null;
  /** Base URL of the Open Platform (or the stand-in). */
  readonly baseUrl: string;
  readonly bot: Bot;
}

/**
 * The SDK logs whole events at debug level (a secret vote's payload names voter and choice), so
 * only its warnings and errors pass, and only their first string argument.
 */
export function quietSdkLogger(log: Logger): lark.Logger {
  const first = (args: unknown[]): string => {
    const text = args.find((a): a is string => typeof a === 'string');
    return text === undefined ? 'sdk message' : text.slice(0, 200);
  };
  const drop = (): void => undefined;
  return {
    error: (...args: unknown[]) => log.error('lark sdk', { detail: first(args) }),
    warn: (...args: unknown[]) => log.warn('lark sdk', { detail: first(args) }),
    info: drop, debug: drop, trace: drop,
  };
}

/**
 * The SDK flattens `{schema, header, event}` into one object (`event.token` overwrites `header.token`); this puts
 * the envelope back together so that WS and HTTP share one schema.
 */
export function unflatten(data: Record<string, unknown>): unknown {
  const header: Record<string, unknown> = { token: '' };
  const event: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if ((HEADER_FIELDS as readonly string[]).includes(key)) header[key] = value;
    else if (key !== 'schema') event[key] = value;
  }
  return { schema: data.schema ?? '2.0', header, event };
}

/** One event from the long connection: authenticated at connect time, so no signature or token. */
export async function handleWsEvent(data: Record<string, unknown>, deps: WsDeps): Promise<Record<string, never>> {
  const parsed = EnvelopeSchema.safeParse(unflatten(data));
  const count = (outcome: string): void => deps.metrics.inc('yishi_ws_events_total', { outcome });
  const refusal = !parsed.success ? 'bad_envelope'
    : parsed.data.header.app_id !== deps.appId ? 'app_mismatch'
      : !tenantAllowed(parsed.data.header.tenant_key, deps.tenantKeys) ? 'tenant_mismatch' : null;
  if (!parsed.success || refusal !== null) {
    count('bad_request');
    deps.log.warn('ws push refused', { reason: refusal });
    // Acknowledged: a malformed event does not get better by being re-pushed.
    return {};
  }
  const { header } = parsed.data;
  const event: QueuedEvent | null = header.event_type === 'im.message.receive_v1'
    ? toMessageEvent(parsed.data)
    : { eventId: header.event_id, appId: header.app_id, tenantKey: header.tenant_key, type: header.event_type, body: parsed.data.event };
  if (event === null) {
    count('bad_request');
    return {};
  }
  const answer = await acceptEvent(event, deps);
  count(answer.outcome);
  // Throwing makes the SDK acknowledge with code 500, so the platform pushes the event again.
  if (answer.status !== 200) throw new Error('event not queued');
  return {};
}

export interface WsHandle {
  close(): void;
}

/** Connects the long connection; events of every type the bot consumes go to {@link handleWsEvent}. */
export function startWsClient(deps: WsDeps): WsHandle {
  const logger = quietSdkLogger(deps.log);
  const handles: Record<string, (data: Record<string, unknown>) => Promise<Record<string, never>>> = {};
  for (const type of deps.bot.eventTypes()) handles[type] = (data) => handleWsEvent(data, deps);
  const dispatcher = new lark.EventDispatcher({ logger, loggerLevel: lark.LoggerLevel.warn }).register(handles);
  const client = new lark.WSClient({
    appId: deps.appId, appSecret: deps.appSecret, domain: deps.baseUrl, logger, loggerLevel: lark.LoggerLevel.warn, autoReconnect: true,
    onError: (error) => deps.log.error('ws connection failed for good', { error: error.name }),
  });
  void client.start({ eventDispatcher: dispatcher }).catch((error: unknown) => deps.log.error('ws start failed', { error: (error as Error).name }));
  return { close: () => client.close({ force: true }) };
}
