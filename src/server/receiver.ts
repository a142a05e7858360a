/**
 * One inbound request from Feishu, from raw bytes to an answer: verify the
 * signature over the exact bytes, decrypt, answer url_verification, check token, app and tenant,
 * validate, then answer a card callback inline (once per event id) or deduplicate and queue an
 * event before acknowledging it. A refused request writes nothing to Redis: the claim is the first write.
 * An unsigned request gets one answer whatever is wrong with it, so it cannot be used to learn
 * anything about a captured ciphertext (a padding oracle).
 */
import type { Bot } from '../bot/bot.js';
import type { CardReply } from '../bot/context.js';
import type { CardActionInput, QueuedEvent } from '../bot/events.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { CardAnswers } from './card-answers.js';
import type { Dedup } from './dedup.js';
import { dedupKey } from './dedup.js';
import {
  EncryptedBodySchema, EnvelopeSchema, UrlVerificationSchema, toCardAction, toMessageEvent, type Envelope,
} from './envelope.js';
import type { Metrics } from '../metrics.js';
import { safeEqual } from '../crypto-util.js';
import { decryptField, verifySignature, verifyToken, type SignedHeaders } from './verify.js';

export interface ReceiverOptions {
  readonly appId: string;
  /** Null only when the app has no Encrypt Key (then the token is the only check). */
  readonly encryptKey: string | null;
  readonly verificationToken: string;
  readonly maxSkewSec: number;
  /** Tenants whose requests are accepted; null accepts any. */
  readonly tenantKeys: readonly string[] | null;
  /** Time a card action handler gets before "处理中" is answered (Feishu allows 3 s in all). */
  readonly cardBudgetMs: number;
}

export interface ReceiverDeps {
  readonly options: ReceiverOptions;
  readonly bot: Bot;
  readonly dedup: Dedup;
  readonly cardAnswers: CardAnswers;
  readonly enqueue: (event: QueuedEvent) => Promise<void>;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly log: Logger;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** Counted on /metrics and logged for refusals. */
  readonly outcome: string;
  readonly reason?: string;
  readonly eventType?: string;
  readonly eventId?: string;
}

/** Shown when a card handler needs longer than the budget; its work goes on. */
export const PENDING_TOAST: CardReply = { toast: { type: 'info', content: '处理中,请稍候刷新查看结果。' } };

const refuse = (status: 400 | 401, reason: string, envelope?: Envelope): Answer => ({
  status, body: { error: status === 401 ? 'unauthorized' : 'bad_request' },
  outcome: status === 401 ? 'unauthorized' : 'bad_request', reason,
  eventType: envelope?.header.event_type, eventId: envelope?.header.event_id,
});

/** The one answer to an unsigned request that is not a genuine url_verification, byte for byte. */
const UNSIGNED_REFUSAL = refuse(401, 'unsigned');
/** Decrypted in place of a body that has no `encrypt` field, so that every request does the same work. */
const STAND_IN_SEALED = Buffer.alloc(48).toString('base64');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Only url_verification comes unsigned. Every step runs for every request (on a stand-in when the
 * step before failed) and one answer covers every failure, so neither the answer nor, cheaply,
 * the time tells a bad padding from bad JSON, a wrong type or a wrong token.
 */
function answerUnsigned(raw: Buffer, encryptKey: string, verificationToken: string): Answer {
  const outer = EncryptedBodySchema.safeParse(parseJson(raw.toString('utf8')));
  const plain = decryptField(encryptKey, outer.success ? outer.data.encrypt : STAND_IN_SEALED);
  const challenge = UrlVerificationSchema.safeParse(parseJson(plain ?? '{}'));
  const tokenOk = safeEqual(challenge.success ? challenge.data.token : '', verificationToken);
  if (!outer.success || plain === null || !challenge.success || !tokenOk) return UNSIGNED_REFUSAL;
  return { status: 200, body: { challenge: challenge.data.challenge }, outcome: 'challenge' };
}

/** Signature, decryption and url_verification; returns the plaintext body or a final answer. */
function unwrap(raw: Buffer, headers: SignedHeaders, deps: ReceiverDeps): { body: unknown } | Answer {
  const { encryptKey, maxSkewSec, verificationToken } = deps.options;
  const signed = headers.timestamp !== undefined || headers.nonce !== undefined || headers.signature !== undefined;
  if (encryptKey !== null && !signed) return answerUnsigned(raw, encryptKey, verificationToken);
  if (encryptKey !== null) {
    // Nothing of the body is looked at before its signature checks.
    const verdict = verifySignature(raw, headers, encryptKey, Math.floor(deps.clock.now().getTime() / 1000), maxSkewSec);
    if (!verdict.ok) return refuse(401, verdict.reason);
  }
  const outer = parseJson(raw.toString('utf8'));
  if (outer === undefined) return refuse(400, 'bad_json');
  let body: unknown = outer;
  if (encryptKey !== null) {
    const sealed = EncryptedBodySchema.safeParse(outer);
    if (!sealed.success) return refuse(400, 'not_encrypted');
    const plain = decryptField(encryptKey, sealed.data.encrypt);
    if (plain === null) return refuse(400, 'undecryptable');
    body = parseJson(plain);
    if (body === undefined) return refuse(400, 'bad_json');
  }
  const challenge = UrlVerificationSchema.safeParse(body);
  if (challenge.success) {
    if (!verifyToken(challenge.data.token, verificationToken).ok) return refuse(401, 'token_mismatch');
    return { status: 200, body: { challenge: challenge.data.challenge }, outcome: 'challenge' };
  }
  return { body };
}

/**
 * Runs the action handler against the budget, once per event id; a late handler keeps running,
 * its answer dropped. A repeat gets the first delivery's stored answer, waiting for it within the
 * budget while the first is still running, else 处理中; it never runs the handler.
 */
async function answerCard(input: CardActionInput, deps: ReceiverDeps): Promise<Answer> {
  const ids = { eventType: input.type, eventId: input.eventId };
  if (!(await deps.cardAnswers.claim(input.eventId))) {
    deps.metrics.inc('yishi_receiver_dedup_hits_total');
    const stored = await deps.cardAnswers.answerOf(input.eventId, deps.options.cardBudgetMs);
    return { status: 200, body: stored ?? PENDING_TOAST, outcome: 'card_duplicate', ...ids };
  }
  const answer = await runCard(input, deps);
  // The handler has run: failing to store its answer must not turn into an error for this tap.
  await deps.cardAnswers.store(input.eventId, answer.body)
    .catch((error: unknown) => deps.log.warn('card answer not stored', { eventId: input.eventId, error: (error as Error).name }));
  return answer;
}

async function runCard(input: CardActionInput, deps: ReceiverDeps): Promise<Answer & { readonly body: CardReply }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), deps.options.cardBudgetMs); });
  const work = deps.bot.answer(input);
  const reply = await Promise.race([work, late]);
  clearTimeout(timer);
  const ids = { eventType: input.type, eventId: input.eventId };
  if (reply === 'late') {
    deps.metrics.inc('yishi_card_actions_total', { outcome: 'timeout' });
    deps.log.warn('card action over budget: answered 处理中', { eventId: input.eventId, budgetMs: deps.options.cardBudgetMs });
    // The bot's boundary turns handler errors into toasts; the second callback only keeps a surprise from becoming an unhandled rejection.
    void work.then(() => deps.log.info('late card action finished', { eventId: input.eventId }), () => deps.log.warn('late card action failed', { eventId: input.eventId }));
    return { status: 200, body: PENDING_TOAST, outcome: 'card_timeout', ...ids };
  }
  deps.metrics.inc('yishi_card_actions_total', { outcome: 'answered' });
  return { status: 200, body: reply, outcome: 'card_answered', ...ids };
}

/** True when no allow-list is set, or the request's tenant is on it. */
export function tenantAllowed(tenantKey: string | undefined, allowed: readonly string[] | null): boolean {
  return allowed === null || (tenantKey !== undefined && allowed.includes(tenantKey));
}

/** Claim → queue → confirm, then 200. A failure to queue releases the claim and answers 503. */
export async function acceptEvent(event: QueuedEvent, deps: Pick<ReceiverDeps, 'dedup' | 'enqueue' | 'metrics' | 'log'>): Promise<Answer> {
  const ids = { eventType: event.type, eventId: event.eventId };
  const keys = [dedupKey('evt', event.eventId)];
  if ('messageId' in event) keys.push(dedupKey('msg', event.messageId));
  const claim = await deps.dedup.claim(keys);
  if (claim === null) {
    deps.metrics.inc('yishi_receiver_dedup_hits_total');
    return { status: 200, body: {}, outcome: 'duplicate', ...ids };
  }
  try {
    await deps.enqueue(event);
  } catch (error) {
    await claim.release().catch(() => undefined);
    deps.log.error('push not queued: Feishu will re-deliver', { ...ids, error: (error as Error).name });
    return { status: 503, body: { error: 'unavailable' }, outcome: 'unavailable', ...ids };
  }
  await claim.confirm();
  return { status: 200, body: {}, outcome: 'accepted', ...ids };
}

/** The whole receiver: raw bytes and headers in, status and JSON body out. */
export async function receive(raw: Buffer, headers: SignedHeaders, deps: ReceiverDeps): Promise<Answer> {
  const unwrapped = unwrap(raw, headers, deps);
  if ('status' in unwrapped) return unwrapped;
  const parsed = EnvelopeSchema.safeParse(unwrapped.body);
  if (!parsed.success) return refuse(400, 'bad_envelope');
  const envelope = parsed.data;
  if (!verifyToken(envelope.header.token, deps.options.verificationToken).ok) return refuse(401, 'token_mismatch', envelope);
  if (!safeEqual(envelope.header.app_id, deps.options.appId)) return refuse(401, 'app_mismatch', envelope);
  if (!tenantAllowed(envelope.header.tenant_key, deps.options.tenantKeys)) return refuse(401, 'tenant_mismatch', envelope);
  const type = envelope.header.event_type;
  if (type === 'card.action.trigger') {
    const input = toCardAction(envelope);
    return input === null ? refuse(400, 'bad_event', envelope) : answerCard(input, deps);
  }
  if (type === 'im.message.receive_v1') {
    const event = toMessageEvent(envelope);
    return event === null ? refuse(400, 'bad_event', envelope) : acceptEvent(event, deps);
  }
  if (!deps.bot.handles(type)) return { status: 200, body: {}, outcome: 'ignored', eventType: type, eventId: envelope.header.event_id };
  const { header } = envelope;
  return acceptEvent({ eventId: header.event_id, appId: header.app_id, tenantKey: header.tenant_key, type, body: envelope.event }, deps);
}
