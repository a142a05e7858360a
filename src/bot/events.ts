/**
 * The normalised events the bot routes, owned by the router: the server converts Feishu's wire
 * format into these, the inbound queue stores them, handlers receive them.
 */
import { z } from 'zod';

const id = z.string().min(1).max(256);

const base = { eventId: id, appId: id, tenantKey: z.string().optional() };

/** A text message to the bot, normalised; `text` has the @-placeholders of mentions removed. */
export const MessageEventSchema = z.object({
  ...base,
  type: z.literal('im.message.receive_v1'),
  messageId: id,
  chatId: id,
  chatType: z.string(),
  messageType: z.string(),
  senderOpenId: id,
  text: z.string().nullable(),
  mentionOpenIds: z.array(z.string()),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

/** Any other event the bot subscribes to, with its `event` body kept as received. */
export const OtherEventSchema = z.object({
  ...base,
  type: z.string().refine((t) => t !== 'im.message.receive_v1' && t !== 'card.action.trigger'),
  body: z.record(z.string(), z.unknown()),
});
export type OtherEvent = z.infer<typeof OtherEventSchema>;

/** What goes through the durable inbound queue (card callbacks never do: they are answered inline). */
export const QueuedEventSchema = z.union([MessageEventSchema, OtherEventSchema]);
export type QueuedEvent = z.infer<typeof QueuedEventSchema>;

export interface CardActionEvent {
  readonly type: 'card.action.trigger';
  readonly eventId: string;
  readonly appId: string;
  readonly tenantKey: string | undefined;
  readonly operatorOpenId: string;
  /** The `c-…` token for a delayed card update (30 min, 2 uses); never the verification token. */
  readonly updateToken: string | undefined;
  /** The button's value after its signature was checked, without the signature. */
  readonly value: Readonly<Record<string, unknown>>;
  readonly formValue: Readonly<Record<string, unknown>> | undefined;
  readonly inputValue: string | undefined;
  readonly option: string | undefined;
  readonly messageId: string | undefined;
  readonly chatId: string | undefined;
}

/** A card callback before its button value was checked: `rawValue` is as received. */
export type CardActionInput = Omit<CardActionEvent, 'value'> & { readonly rawValue: Readonly<Record<string, unknown>> | undefined };

