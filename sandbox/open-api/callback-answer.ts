/** Validation of a bot's answer to a card callback: `{}`, or a toast and/or a raw or template card. */
import { checkCard, isV2 } from './card-check.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const toastTypes = ['info', 'success', 'error', 'warning'];

export type AnswerVerdict =
  | { ok: true; toast?: { type: string; content: string }; card?: unknown }
  | { ok: false; clientCode: 200672 | 200673 | 200830 };

function toastOf(v: unknown): { type: string; content: string } | undefined | false {
  if (v === undefined) return undefined;
  if (!isObject(v) || typeof v.type !== 'string' || !toastTypes.includes(v.type) || typeof v.content !== 'string') return false;
  return { type: v.type, content: v.content };
}

/** `original` is the stored card the callback came from: a 2.0 card must stay 2.0 (200830). */
export function validateCallbackAnswer(body: unknown, original: unknown): AnswerVerdict {
  // Anything but toast/card (e.g. a bare card, the legacy 1.0 answer) is a malformed body.
  if (!isObject(body) || Object.keys(body).some((k) => k !== 'toast' && k !== 'card')) return { ok: false, clientCode: 200672 };
  const toast = toastOf(body.toast);
  if (toast === false) return { ok: false, clientCode: 200672 };
  if (body.card === undefined) return toast ? { ok: true, toast } : { ok: true };
  const card = body.card;
  if (!isObject(card) || !isObject(card.data) || (card.type !== 'raw' && card.type !== 'template')) return { ok: false, clientCode: 200672 };
  if (card.type === 'template') {
    if (typeof card.data.template_id !== 'string') return { ok: false, clientCode: 200673 };
    return { ok: true, ...(toast ? { toast } : {}), card: { type: 'template', data: card.data } };
  }
  if (checkCard(card.data) !== undefined) return { ok: false, clientCode: 200673 };
  if (isV2(original) && !isV2(card.data)) return { ok: false, clientCode: 200830 };
  return { ok: true, ...(toast ? { toast } : {}), card: card.data };
}
