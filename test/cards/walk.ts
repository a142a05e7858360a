/** Walks a built card for what tests look at: buttons, callback values, field labels. */
import type { Button, Card } from '../../cards/types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function each(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => each(n, visit));
  else if (isObject(node)) {
    visit(node);
    Object.values(node).forEach((n) => each(n, visit));
  }
}

export function buttonsOf(card: Card): Button[] {
  const out: Button[] = [];
  each(card, (o) => { if (o.tag === 'button') out.push(o as unknown as Button); });
  return out;
}

export function callbackValues(card: unknown): Json[] {
  const out: Json[] = [];
  each(card, (o) => { if (o.type === 'callback' && isObject(o.value)) out.push(o.value); });
  return out;
}

/** Labels, placeholders and the bold line above a select or picker: what names a field. */
export function fieldLabels(card: Card): string[] {
  const out: string[] = [];
  each(card, (o) => {
    for (const k of ['label', 'placeholder']) {
      const t = o[k];
      if (isObject(t) && typeof t.content === 'string') out.push(t.content);
    }
    if (o.tag === 'markdown' && typeof o.content === 'string') out.push(o.content);
  });
  return out;
}
