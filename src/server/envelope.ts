/**
 * zod schemas of what Feishu pushes (v2 envelopes, after decryption) and their conversion to the bot's
 * events. Parsed at the edge; everything inside trusts these types. Unknown fields are dropped.
 */
import { z } from 'zod';
import type { CardActionInput, MessageEvent } from '../bot/events.js';

const id = z.string().min(1).max(256);

/** `{"encrypt": "<base64>"}`: the only shape accepted when an Encrypt Key is set. */
export const EncryptedBodySchema = z.object({ encrypt: z.string().min(1).max(200_000) });

/** Sent when the request URL is saved; unsigned, answered with the challenge within 1 s. */
export const UrlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(512),
  token: z.string(),
});

/** The v2 envelope shared by events and `card.action.trigger` callbacks. */
export const EnvelopeSchema = z.object({
  schema: z.literal('2.0'),
  header: z.object({
    event_id: id,
    event_type: z.string().regex(/^[a-z0-9_.]{1,100}$/),
    create_time: z.string().max(32).optional(),
    token: z.string(),
    app_id: id,
    tenant_key: z.string().max(256).optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

const userIds = z.object({ open_id: id, union_id: z.string().nullish(), user_id: z.string().nullish() });

/** `im.message.receive_v1`'s `event`. */
export const MessageReceiveSchema = z.object({
  sender: z.object({ sender_id: userIds, sender_type: z.string().max(32) }),
  message: z.object({
    message_id: id,
    root_id: z.string().nullish(),
    parent_id: z.string().nullish(),
    chat_id: id,
    chat_type: z.string().max(32),
    message_type: z.string().max(32),
    content: z.string().max(200_000),
    mentions: z.array(z.object({ key: z.string().max(64), id: userIds.partial(), name: z.string().max(256) })).max(100).nullish(),
  }),
});

/** `card.action.trigger`'s `event` (the new, schema 2.0 callback). */
export const CardActionSchema = z.object({
  operator: z.object({ open_id: id }),
  token: z.string().max(256).optional(),
  action: z.object({
    value: z.record(z.string(), z.unknown()).optional(),
    tag: z.string().max(64).optional(),
    name: z.string().max(256).optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    input_value: z.string().max(10_000).optional(),
    option: z.string().max(1_000).optional(),
  }),
  context: z.object({ open_message_id: z.string().max(256).optional(), open_chat_id: z.string().max(256).optional() }).optional(),
});

/** The text of a text message with `@_user_N` placeholders removed, or null for other types. */
function messageText(messageType: string, content: string): string | null {
  if (messageType !== 'text') return null;
  try {
    const parsed = z.object({ text: z.string() }).safeParse(JSON.parse(content));
    return parsed.success ? parsed.data.text.replace(/@_user_\d+/g, ' ').replace(/\s+/g, ' ').trim() : null;
  } catch {
    return null;
  }
}

/** An envelope of `im.message.receive_v1` → {@link MessageEvent}; null when the event body is malformed. */
export function toMessageEvent(envelope: Envelope): MessageEvent | null {
  const parsed = MessageReceiveSchema.safeParse(envelope.event);
  if (!parsed.success) return null;
  const { sender, message } = parsed.data;
  return {
    eventId: envelope.header.event_id,
    appId: envelope.header.app_id,
    tenantKey: envelope.header.tenant_key,
    type: 'im.message.receive_v1',
    messageId: message.message_id,
    chatId: message.chat_id,
    chatType: message.chat_type,
    messageType: message.message_type,
    senderOpenId: sender.sender_id.open_id,
    text: messageText(message.message_type, message.content),
    mentionOpenIds: (message.mentions ?? []).flatMap((m) => (m.id.open_id ? [m.id.open_id] : [])),
  };
}

/** The card callback's fields the bot uses; `value` is returned raw for the signature check. */
export function toCardAction(envelope: Envelope): CardActionInput | null {
  const parsed = CardActionSchema.safeParse(envelope.event);
  if (!parsed.success) return null;
  const { operator, token, action, context } = parsed.data;
  return {
    type: 'card.action.trigger',
    eventId: envelope.header.event_id,
    appId: envelope.header.app_id,
    tenantKey: envelope.header.tenant_key,
    operatorOpenId: operator.open_id,
    updateToken: token,
    rawValue: action.value,
    formValue: action.form_value,
    inputValue: action.input_value,
    option: action.option,
    messageId: context?.open_message_id,
    chatId: context?.open_chat_id,
  };
}
