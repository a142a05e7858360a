/**
 * What every card family's view shares: the viewer, the clock reading and zone passed in (cards
 * read no clock), and people as cards show them.
 */
import type { Committee } from '../src/domain/index.js';
import { at, esc } from './text.js';

/** `can` says which buttons this viewer is shown; the services still decide every tap. */
export interface ViewOptions<Can> {
  now: Date | string;
  timeZone: string;
  /** The member id of whoever the card is for (for a card in the group: who asked for it). */
  viewer: string;
  can: Can;
}

export interface PersonView {
  id: string;
  name: string;
  /** Feishu open_id of someone on the roster: then the card can @-mention the person. */
  openId?: string;
}

/** A roster entry as a card shows it; an id no longer on the roster still shows, as itself. */
export function personOf(committee: Pick<Committee, 'roster'>, id: string): PersonView {
  const member = committee.roster.find((m) => m.id === id);
  if (member === undefined) return { id, name: id };
  return { id, name: member.name, openId: member.openId };
}

/** A mention that notifies (markdown), or the name when no open_id is known. */
export function mention(person: PersonView): string {
  return person.openId === undefined ? esc(person.name) : at(person.openId);
}

/** Names joined for a line of text, or "无". */
export function names(people: readonly PersonView[]): string {
  return people.length === 0 ? '无' : people.map((p) => esc(p.name)).join('、');
}
