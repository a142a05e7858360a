/**
 * The outbox handlers see: the same durable outbox, with every card sealed on its way in (each
 * callback value signed, see seal.ts). Handlers and cards pass plain values and never hold the key;
 * there is no path by which an unsealed card reaches Feishu.
 */
import type { Outbox } from '../lark/outbox.js';
import { sealCard, type SignValue } from './seal.js';

export function sealingOutbox(outbox: Outbox, sign: SignValue): Outbox {
  const seal = <M extends object>(message: M): M => ('card' in message ? { ...message, card: sealCard((message as { card: object }).card, sign) } : message);
  return {
    enqueueSend: (input) => outbox.enqueueSend(seal(input)),
    enqueueReply: (input) => outbox.enqueueReply(seal(input)),
    enqueuePatch: (input) => outbox.enqueuePatch(seal(input)),
    enqueuePatchOf: (input) => outbox.enqueuePatchOf(seal(input)),
    enqueueDelayedUpdate: (input) => outbox.enqueueDelayedUpdate(seal(input)),
    enqueueUrgent: (input) => outbox.enqueueUrgent(input),
    sentMessageId: (key) => outbox.sentMessageId(key),
  };
}
