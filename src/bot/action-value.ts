/**
 * Button values are signed when a card is built: Feishu
 * signs the callback, but not what is inside `action.value`, which a client can edit or copy from
 * another card. The MAC binds the action name, the committee and every field; a changed value
 * fails the check. The key is its own secret; after a rotation the previous key is still accepted,
 * so cards already in chats keep working.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson, safeEqual } from '../crypto-util.js';

/** The field that carries the MAC; every other field is covered by it. */
export const MAC_FIELD = 'mac';
/** The field that names the action (`bot.action(name, …)`). */
export const ACTION_FIELD = 'a';
/** The field that names the committee, so that a tap in a private chat knows which one it is for. */
export const COMMITTEE_FIELD = 'c';

export type ActionValue = Readonly<Record<string, unknown>> & { readonly a: string; readonly c: string };

/** The keys a value may be signed with: `current` signs, both verify. */
export interface ActionKeys {
  readonly current: Buffer;
  readonly previous: Buffer | null;
}

/** A key used only for button values, derived from the secret with a label of its own. */
export function deriveActionKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('yishi/action-value/v1').digest();
}

/** Both keys of an action secret and, after a rotation, the one before it. */
export function deriveActionKeys(secret: { readonly current: string; readonly previous: string | null }): ActionKeys {
  return { current: deriveActionKey(secret.current), previous: secret.previous === null ? null : deriveActionKey(secret.previous) };
}

function macOf(key: Buffer, fields: Readonly<Record<string, unknown>>): string {
  // 128 bits are plenty against forgery and keep each button small (cards are capped at 30 KB).
  return createHmac('sha256', key).update(canonicalJson(fields)).digest('hex').slice(0, 32);
}

/** The value to put in a button's `behaviors[].value`: the fields plus their MAC. */
export function signActionValue(keys: ActionKeys, value: ActionValue): Record<string, unknown> {
  const { [MAC_FIELD]: _ignored, ...fields } = value;
  return { ...fields, [MAC_FIELD]: macOf(keys.current, fields) };
}

/** The fields of a genuine value without the MAC, or null for a missing, edited or foreign value. */
export function verifyActionValue(keys: ActionKeys, value: Readonly<Record<string, unknown>> | undefined): ActionValue | null {
  if (value === undefined) return null;
  const { [MAC_FIELD]: mac, ...fields } = value;
  const committee = fields[COMMITTEE_FIELD];
  if (typeof mac !== 'string' || typeof fields[ACTION_FIELD] !== 'string' || typeof committee !== 'string' || committee === '') return null;
  // Both compares always run, so the answer takes as long whichever key signed the value.
  const current = safeEqual(mac, macOf(keys.current, fields));
  const previous = keys.previous !== null && safeEqual(mac, macOf(keys.previous, fields));
  return current || previous ? (fields as ActionValue) : null;
}
