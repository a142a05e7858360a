/** Taps and reads for the vote tests: a member's tap on a card, a button's value, a card's text now. */
import type { Member } from '../../src/domain/index.js';
import { openIdOf, textOf, titleOf, type World } from './meeting-world.js';

type Value = Record<string, unknown>;

export function tapper(w: World, chatId: string, roster: readonly Member[]) {
  return (who: string, value: Value, messageId = 'om_card', formValue?: Value) =>
    w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId, chatId, value, ...(formValue === undefined ? {} : { formValue }) });
}

/** The value of the button labelled `label` on a stored card. */
export function buttonValue(content: unknown, label: string): Value {
  const found: Value[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Value;
      const text = (o.text as { content?: unknown } | undefined)?.content;
      if (o.tag === 'button' && text === label) found.push(((o.behaviors as { value: Value }[])[0] ?? { value: {} }).value);
      Object.values(o).forEach(walk);
    }
  };
  walk(content);
  const [value] = found;
  if (value === undefined) throw new Error(`no button ${label}`);
  return value;
}

/** App messages of `chatId` titled `title`, oldest first. */
export const cardsTitled = (w: World, chatId: string, title: string) => w.standIn.messages().filter((m) => m.chatId === chatId && titleOf(m.content) === title);
/** What a message shows now (its latest version). */
export const latest = (w: World, messageId: string): string => textOf(w.standIn.message(messageId)?.content);
