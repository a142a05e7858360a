/**
 * Button values are signed when a card is built (DESIGN.md "One tap, end to end" step 3): Feishu
 * signs the callback, but not what is inside `action.value`, which a client can edit or copy from
 * another card. The MAC binds the action name and every field; a changed value fails the check.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, safeEqual } from '../crypto-util.js';

/** The field that carries the MAC; every other field is covered by it. */
export const MAC_FIELD = 'mac';
/** The field that names the action (`bot.action(name, …)`). */
export const ACTION_FIELD = 'a';

export type ActionValue = Readonly<Record<string, unknown>> & { readonly a: string };

/** A key used only for button values, derived so that the Encrypt Key itself is never the HMAC key. */
export function deriveActionKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('yishi/action-value/v1').digest();
}

function macOf(key: Buffer, fields: Readonly<Record<string, unknown>>): string {
  // 128 bits are plenty against forgery and keep each button small (cards are capped at 30 KB).
  return createHmac('sha256', key).update(canonicalJson(fields)).digest('hex').slice(0, 32);
}

/** The value to put in a button's `behaviors[].value`: the fields plus their MAC. */
export function signActionValue(key: Buffer, value: ActionValue): Record<string, unknown> {
  const { [MAC_FIELD]: _ignored, ...fields } = value;
  return { ...fields, [MAC_FIELD]: macOf(key, fields) };
}

/** The fields of a genuine value without the MAC, or null for a missing, edited or foreign value. */
export function verifyActionValue(key: Buffer, value: Readonly<Record<string, unknown>> | undefined): ActionValue | null {
  if (value === undefined) return null;
  const { [MAC_FIELD]: mac, ...fields } = value;
  if (typeof mac !== 'string' || typeof fields[ACTION_FIELD] !== 'string') return null;
  if (!safeEqual(mac, macOf(key, fields))) return null;
  return fields as ActionValue;
}
