/**
 * The leave conversations end to end: a redis-server, the stand-in and the bot as src/app.ts builds
 * it with its workers; committees set up through the services in chats the stand-in knows; and
 * what a person does in Feishu (type a command, tap a button of a card they received) through the
 * stand-in's driver. The bot's clock is fixed so that dates and working days are the same on
 * every run.
 */
import { expect } from 'vitest';
import { noticeCard, noticeKey } from '../../handlers/notice-refresh.js';
import { cardJson } from '../../handlers/support.js';
import type { CardActionOutcome, StoredMessage } from '../../sandbox/open-api/index.js';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import type { ProfileId } from '../../src/rules/index.js';
import { createCommittee } from '../../src/services/committees.js';
import { sendNotice } from '../../src/services/meetings-notice.js';
import { getNoticedMeeting } from '../../src/services/meeting-view.js';
import { meetingWithAgenda } from '../integration/meeting-fixture.js';
import { waitFor } from './receiver-setup.js';
import { expectCardsValid, startWorld as startMeetingWorld, stopWorld, titleOf as cardTitleOf, type World as MeetingWorld } from './meeting-world.js';

/** Tuesday 1 December 2026, 10:00 in Shanghai. */
export const NOW = '2026-12-01T02:00:00.000Z';
/** The stand-in stamps requests with the wall clock; the bot's clock stays at NOW. */
const SKEW_SEC = 20 * 365 * 86_400;
const TEST_NOTICE = '/测试通知';

export type World = MeetingWorld & { stop(): Promise<void> };

export async function startWorld(): Promise<World> {
  const world = await startMeetingWorld({ clock: manualClock(NOW), maxSkewSec: SKEW_SEC });
  // The notice as the 发送通知 handler posts it, under its key (so refreshNotice finds it).
  world.bot.app.bot.command(TEST_NOTICE, async (ctx) => {
    const [committeeId = '', meetingId = ''] = ctx.event.args.split(' ');
    const detail = await getNoticedMeeting(ctx.services, { committeeId, meetingId });
    await ctx.outbox.enqueueSend({ to: { chatId: ctx.event.chatId }, key: noticeKey(committeeId, meetingId), card: cardJson(noticeCard(detail, ctx.clock.now())) });
  });
  return { ...world, stop: () => stopWorld(world) };
}

/** A committee of `profileId` in `chatId`, its members known to the stand-in by name. */
export async function committeeWith(world: World, chatId: string, profileId: ProfileId, roster: Member[], name = '测试党组'): Promise<string> {
  for (const m of roster) world.standIn.addUser(m.openId, { name: m.name, inScope: true });
  world.standIn.addChat(chatId, roster.map((m) => m.openId), { botIn: true, name });
  const clerk = roster.find((m) => m.role === 'clerk') ?? roster[0];
  return (await createCommittee(world.deps, { chatId, name, profileId, roster, actorOpenId: clerk?.openId ?? '' })).id;
}

/** A meeting in five days with `topics` general topics on its agenda, noticed and posted in the group. */
export async function noticedMeeting(world: World, chatId: string, committeeId: string, topics = 2): Promise<{ meetingId: string; topicIds: string[]; notice: StoredMessage }> {
  const { meeting, topics: agenda } = await meetingWithAgenda(world.deps, committeeId, { startsAt: '2026-12-06T01:00:00.000Z', topics: Array.from({ length: topics }, () => 'general' as const) });
  await sendNotice(world.deps, { committeeId, meetingId: meeting.id, actorId: 'clerk1' });
  await say(world, chatId, 'ou_clerk1', `${TEST_NOTICE} ${committeeId} ${meeting.id}`);
  const notice = await waitForMessage(world, (m) => m.chatId === chatId && titleOf(m).includes('会议通知'));
  return { meetingId: meeting.id, topicIds: agenda.map((t) => t.id), notice };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const titleOf = (m: StoredMessage): string => cardTitleOf(m.content);

/** Everything a message carries (text, card JSON with its values): what a reader of it could learn. */
export const textOf = (m: StoredMessage): string => JSON.stringify(m.content);

/** Messages the bot sent to one person's private chat. */
export const privateTo = (world: World, openId: string): StoredMessage[] => world.standIn.messages().filter((m) => isPrivateTo(m, openId));
const isPrivateTo = (m: StoredMessage, openId: string): boolean => m.openId === openId || m.chatId === p2p(openId);

export async function waitForMessage(world: World, match: (m: StoredMessage) => boolean, what = 'a message'): Promise<StoredMessage> {
  let found: StoredMessage | undefined;
  await waitFor(() => (found = world.standIn.messages().find(match)) !== undefined, what);
  return found as StoredMessage;
}

/** The latest card titled `title` in `openId`'s private chat, once it has come. */
export const privateCard = (world: World, openId: string, title: string): Promise<StoredMessage> =>
  waitForMessage(world, (m) => isPrivateTo(m, openId) && titleOf(m).includes(title), `${title} to ${openId}`);

/** The latest text in `openId`'s private chat that contains `part`. */
export const privateText = (world: World, openId: string, part: string): Promise<StoredMessage> =>
  waitForMessage(world, (m) => isPrivateTo(m, openId) && m.msgType === 'text' && textOf(m).includes(part), `"${part}" to ${openId}`);

/** The callback value of the button labelled exactly `label` on a card, as it was sent (sealed). */
export function buttonValue(m: StoredMessage, label: string): Json {
  const [value] = buttonValues(m, label);
  if (value === undefined) throw new Error(`no button "${label}" on ${titleOf(m)}`);
  return value;
}

/** The callback values of every button labelled exactly `label` on a card, in card order. */
export function buttonValues(m: StoredMessage, label: string): Json[] {
  const found: Json[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      const text = node.text;
      if (node.tag === 'button' && isObject(text) && text.content === label && Array.isArray(node.behaviors)) {
        const behaviour = node.behaviors[0] as unknown;
        if (isObject(behaviour) && isObject(behaviour.value)) found.push(behaviour.value);
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(m.content);
  return found;
}

export const hasButton = (m: StoredMessage, label: string): boolean => {
  try { buttonValue(m, label); return true; } catch { return false; }
};

/** `openId` taps `label` on the card `m` (in the chat it was sent to), with a form's values if any. */
export function tap(world: World, openId: string, m: StoredMessage, label: string, formValue?: Record<string, unknown>): Promise<CardActionOutcome> {
  return tapValue(world, openId, m, buttonValue(m, label), formValue);
}

/** A tap with a value kept from an earlier version of the card (a stale card still on someone's screen). */
export function tapValue(world: World, openId: string, m: StoredMessage, value: Json, formValue?: Record<string, unknown>): Promise<CardActionOutcome> {
  return world.standIn.push.cardAction({
    operatorOpenId: openId, messageId: m.messageId, chatId: m.chatId ?? p2p(m.openId ?? ''),
    value, ...(formValue === undefined ? {} : { formValue }),
  });
}

/** `openId` sends `text` in a chat (a group, or their private chat with the bot) and the bot has handled it. */
export async function say(world: World, chatId: string, openId: string, text: string, chatType: 'group' | 'p2p' = 'group'): Promise<void> {
  const delivery = world.standIn.push.message({ chatId, senderOpenId: openId, text, chatType });
  await delivery.settled;
  expect(delivery.outcome).toBe('delivered');
}

/** `openId`'s private chat with the bot, as the stand-in names it. */
export const p2p = (openId: string): string => `oc_p2p_${openId}`;

/** Every card the bot sent or updated so far passes the stand-in's card check under 30 KB; how many were sent. */
export function expectEveryCardValid(world: World): number {
  expectCardsValid(world);
  return world.standIn.messages().filter((m) => m.msgType === 'interactive').length;
}
