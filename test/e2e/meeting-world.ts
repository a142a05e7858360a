/**
 * A running bot (built as src/app.ts builds it, workers on) against the stand-in, with committees
 * set up through the real services: what the conversation tests drive with pushed events and taps.
 */
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { systemClock, type Clock } from '../../src/clock.js';
import type { Member, Topic } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import type { ProfileId } from '../../src/rules/index.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { sendNotice } from '../../src/services/meetings-notice.js';
import { scheduleMeeting, setAgenda } from '../../src/services/meetings.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { TEST_SEEN_KEY } from '../support/store.js';
import { expectValidCard, titleOf } from './group-chat.js';
import { ACTION_SECRET, APP, startBot, waitFor, type BotOptions, type RunningBot } from './receiver-setup.js';

export interface World { redisServer: RedisServer; redis: Redis; standIn: StandIn; bot: RunningBot; deps: ServiceDeps }

/**
 * `clock` is the bot's and the services' (the replay window is measured on it: give `maxSkewSec`
 * with a fixed clock); `queuePrefix` is BullMQ's (a fresh one per world unless given).
 */
export async function startWorld(options: { clock?: Clock; maxSkewSec?: number } & Pick<BotOptions, 'queuePrefix' | 'holidays'> = {}): Promise<World> {
  const redisServer = await startRedisServer();
  const redis = createRedis(redisServer.socket);
  await whenReady(redis);
  const standIn = await startStandIn({ ...APP, timeScale: 1000, responseTimeoutMs: 3000 });
  const clock = options.clock ?? systemClock;
  const bot = await startBot({ baseUrl: standIn.url, redis, redisUrl: redisServer.socket, clock, ...(options.maxSkewSec === undefined ? {} : { maxSkewSec: options.maxSkewSec }),
    ...(options.queuePrefix === undefined ? {} : { queuePrefix: options.queuePrefix }), ...(options.holidays === undefined ? {} : { holidays: options.holidays }) });
  standIn.setBotUrl(`${bot.url}/lark/event`);
  bot.app.startBackground();
  // Mentions of the bot are told apart from people's once its open_id is read.
  await bot.app.identity.known();
  const deps: ServiceDeps = { redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  return { redisServer, redis, standIn, bot, deps };
}

export async function stopWorld(w: World): Promise<void> {
  await w.bot.app.close();
  await w.standIn.close();
  await w.redis.quit();
  await w.redisServer.stop();
}

/** The people of every test committee; `prefix` keeps open_ids apart between committees. */
export function people(prefix: string): Member[] {
  const p = (id: string, name: string, role: Member['role']): Member => ({ id, openId: `ou_${prefix}_${id}`, name, role });
  return [
    p('chair1', '张书记', 'chair'), p('vice1', '李副书记', 'viceChair'),
    p('m1', '王委员', 'member'), p('m2', '陈委员', 'member'), p('m3', '刘委员', 'member'), p('m4', '孙委员', 'member'),
    p('clerk1', '赵秘书', 'clerk'), p('obs1', '钱列席', 'observer'),
  ];
}

export const openIdOf = (roster: readonly Member[], id: string): string => roster.find((m) => m.id === id)?.openId ?? `ou_unknown_${id}`;

/** A committee of `profileId` for the chat `chatId`, the chat known to the stand-in with the bot in it. */
export async function committeeIn(w: World, profileId: ProfileId, chatId: string, extra: readonly Member[] = []): Promise<{ id: string; roster: Member[] }> {
  const roster = [...people(chatId), ...extra];
  w.standIn.addChat(chatId, roster.map((m) => m.openId), { botIn: true, name: `${profileId}党组` });
  const committee = await createCommittee(w.deps, { chatId, name: `${profileId}党组`, profileId, roster, actorOpenId: openIdOf(roster, 'clerk1') });
  return { id: committee.id, roster };
}

/**
 * A meeting ten days ahead (or at `startsAt`) with one confirmed topic per kind given, its notice
 * sent (observer obs1 invited) unless `notice` is false.
 */
export async function noticedMeeting(w: World, committeeId: string, kinds: readonly Topic['kind'][], notice = true, startsAt?: string): Promise<{ meetingId: string; topicIds: string[] }> {
  const topicIds: string[] = [];
  for (const [i, kind] of kinds.entries()) {
    const topic = await submitTopic(w.deps, { committeeId, actorId: 'clerk1', title: `议题${i + 1}`, kind });
    topicIds.push((await confirmTopic(w.deps, { committeeId, topicId: topic.id, actorId: 'chair1' })).id);
  }
  const at = startsAt ?? new Date(systemClock.now().getTime() + 10 * 86_400_000).toISOString();
  const meeting = await scheduleMeeting(w.deps, { committeeId, actorId: 'clerk1', title: '党组会议', startsAt: at, observers: ['obs1'] });
  await setAgenda(w.deps, { committeeId, meetingId: meeting.id, actorId: 'clerk1', topicIds });
  if (notice) await sendNotice(w.deps, { committeeId, meetingId: meeting.id, actorId: 'clerk1' });
  return { meetingId: meeting.id, topicIds };
}

/** A button value signed with the app's key, as a card the bot sealed would carry it. */
export const sealed = (value: Readonly<Record<string, unknown>> & { readonly a: string; readonly c: string }): Record<string, unknown> => signActionValue(deriveActionKeys(ACTION_SECRET), value);

type Json = Record<string, unknown>;
export { titleOf };

/** Every markdown text of a card, joined: what a member reads on it. */
export function textOf(content: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Json;
      if (o.tag === 'markdown' && typeof o.content === 'string') out.push(o.content);
      Object.values(o).forEach(walk);
    }
  };
  walk(content);
  return out.join('\n');
}

/** The first app message in `chatId` whose card title contains `title`. */
export async function cardMessage(w: World, chatId: string, title: string): Promise<{ messageId: string; content: unknown }> {
  await waitFor(() => w.standIn.messages().some((m) => m.chatId === chatId && titleOf(m.content).includes(title)), `card ${title}`);
  const found = w.standIn.messages().find((m) => m.chatId === chatId && titleOf(m.content).includes(title));
  if (!found) throw new Error(`no ${title}`);
  return { messageId: found.messageId, content: w.standIn.message(found.messageId)?.content };
}

/** Every card the app sent or updated passes the stand-in's card JSON 2.0 check and stays under 30 KB. */
export function expectCardsValid(w: World): void {
  const cards = [...w.standIn.messages().filter((m) => m.msgType === 'interactive').map((m) => m.content), ...w.standIn.updates().map((u) => u.content)];
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) expectValidCard(card);
}
