/**
 * The one step that signs a card before it leaves: every callback value in it (buttons, form
 * submit buttons, any component with `behaviors`) is replaced by `sign(value)`. Pure over `sign`,
 * so cards emit plain values and neither cards nor handlers hold the key.
 */
import type { ActionValue } from './action-value.js';

export type SignValue = (value: ActionValue) => Record<string, unknown>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function sealBehavior(behavior: unknown, sign: SignValue): unknown {
  if (!isObject(behavior) || behavior.type !== 'callback') return behavior;
  const value = behavior.value;
  if (!isObject(value) || typeof value.a !== 'string') {
    // A callback without an action name could never be dispatched: refuse to send such a card.
    throw new TypeError('a callback value without an action name cannot be sealed');
  }
  return { ...behavior, value: sign(value as ActionValue) };
}

function walk(node: unknown, sign: SignValue): unknown {
  if (Array.isArray(node)) return node.map((child) => walk(child, sign));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, child] of Object.entries(node)) {
    out[key] = key === 'behaviors' && Array.isArray(child) ? child.map((b) => sealBehavior(b, sign)) : walk(child, sign);
  }
  return out;
}

/** A copy of `card` with every callback value signed; the card passed in is left as it was. */
export function sealCard<C extends object>(card: C, sign: SignValue): C {
  return walk(card, sign) as C;
}
