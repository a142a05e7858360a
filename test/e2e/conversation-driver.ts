/**
 * A committee in a stand-in group chat, driven the way people use it: typed commands, taps on the
 * buttons of the cards the bot really sent (their signed values, read back from the stand-in).
 */
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { checkCard, type StandIn } from '../../sandbox/open-api/index.js';
import { systemClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import type { ProfileId } from '../../src/rules/index.js';
import { createCommittee, memberIdFor } from '../../src/services/committees.js';
import { TEST_SEEN_KEY } from '../support/store.js';
import { titleOf } from './meeting-world.js';
import { waitFor } from './receiver-setup.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
function each(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => each(n, visit));
  else if (isObject(node)) { visit(node); Object.values(node).forEach((n) => each(n, visit)); }
}

export const ROLES = ['chair', 'viceChair', 'member', 'clerk', 'observer'] as const;
export type Person = (typeof ROLES)[number] | 'member2' | 'member3' | 'stranger';
const NAMES: Record<Exclude<Person, 'stranger'>, [string, Member['role']]> = {
  chair: ['张书记', 'chair'], viceChair: ['李副书记', 'viceChair'], member: ['王委员', 'member'], member2: ['赵委员', 'member'],
  member3: ['钱委员', 'member'], clerk: ['孙秘书', 'clerk'], observer: ['周列席', 'observer'],
};

export interface SentCard { messageId: string; card: Json }

/** A button by its exact label. */
export function buttonOf(card: Json, label: string): Json | undefined {
  let found: Json | undefined;
  each(card, (o) => { if (o.tag === 'button' && isObject(o.text) && o.text.content === label) found = o; });
  return found;
}
export function valueOf(button: Json | undefined): Json {
  const behavior = (button?.behaviors as Json[] | undefined)?.find((b) => b.type === 'callback');
  if (!behavior || !isObject(behavior.value)) throw new Error('no callback value');
  return behavior.value;
}
export function labelsOf(card: Json): string[] {
  const out: string[] = [];
  each(card, (o) => { if (o.tag === 'button' && isObject(o.text)) out.push(String(o.text.content)); });
  return out;
}

/** A card JSON 2.0 Feishu accepts, under 30 KB. */
export function expectValidCard(card: unknown): void {
  expect(checkCard(card)).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(30 * 1024);
}

export class Group {
  readonly chatId: string;
  committeeId = '';
  constructor(readonly standIn: StandIn, readonly redis: Redis, readonly profile: ProfileId) {
    this.chatId = `oc_${profile.toLowerCase()}_${Math.random().toString(36).slice(2, 8)}`;
  }

  openId(person: Person): string { return `ou_${this.chatId.slice(3)}_${person}`; }
  id(person: Person): string { return memberIdFor(this.openId(person)); }

  async setUp(): Promise<this> {
    const people = Object.keys(NAMES) as (keyof typeof NAMES)[];
    this.standIn.addChat(this.chatId, [...people, 'stranger'].map((p) => this.openId(p as Person)), { botIn: true, name: `${this.profile}党组` });
    this.standIn.addUser(this.openId('stranger'), { name: '路人', inScope: true });
    const roster: Member[] = people.map((p) => ({ id: this.id(p), openId: this.openId(p), name: NAMES[p][0], role: NAMES[p][1] }));
    const deps = { redis: this.redis, clock: systemClock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
    this.committeeId = (await createCommittee(deps, { chatId: this.chatId, name: `${this.profile}党组`, profileId: this.profile, roster, actorOpenId: this.openId('clerk') })).id;
    return this;
  }

  /** Cards the bot sent to this group (or to one person) whose title contains `title`, latest content. */
  cards(title: string, to: { openId: string } | null = null): SentCard[] {
    return this.standIn.messages()
      .filter((m) => m.msgType === 'interactive' && (to === null ? m.chatId === this.chatId : m.openId === to.openId))
      .map((m) => ({ messageId: m.messageId, card: m.content as Json }))
      .filter((m) => titleOf(m.card).includes(title));
  }

  async waitCard(title: string, count = 1, to: { openId: string } | null = null): Promise<SentCard> {
    await waitFor(() => this.cards(title, to).length >= count, `card ${title}`);
    return this.cards(title, to)[count - 1]!;
  }

  /** Types a command; resolves with the bot's text replies to it, once `replies` have come. */
  async say(person: Person, text: string, replies = 0, privately = false): Promise<{ messageId: string; texts: () => string[]; cards: () => Json[] }> {
    const chatId = privately ? `oc_p2p_${this.openId(person)}` : this.chatId;
    if (privately) this.standIn.addChat(chatId, [this.openId(person)], { botIn: true });
    const delivery = this.standIn.push.message({ chatId, senderOpenId: this.openId(person), text, ...(privately ? { chatType: 'p2p' as const } : {}) });
    await delivery.settled;
    const mine = () => this.standIn.messages().filter((m) => m.parentId === delivery.messageId);
    const texts = () => mine().filter((m) => m.msgType === 'text').map((m) => String((m.content as Json).text));
    const cards = () => mine().filter((m) => m.msgType === 'interactive').map((m) => m.content as Json);
    if (replies > 0) await waitFor(() => mine().length >= replies, `reply to ${text}`);
    return { messageId: delivery.messageId, texts, cards };
  }

  async tap(person: Person, sent: SentCard, value: Json, formValue?: Json) {
    const outcome = await this.standIn.push.cardAction({
      operatorOpenId: this.openId(person), messageId: sent.messageId, chatId: this.chatId, value, ...(formValue === undefined ? {} : { formValue }),
    });
    expect(outcome.status).toBe(200);
    const answered = (outcome.body as Json | undefined)?.card as Json | undefined;
    if (answered?.type === 'raw') expectValidCard(answered.data);
    return { toast: outcome.toast, card: answered?.data as Json | undefined };
  }
}

