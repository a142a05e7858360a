/**
 * The demo committee, seeded through the bot's own path: the stand-in tells the bot it was added
 * to the demo chat (as Feishu would), the clerk taps 保存设置 on the setup card the bot posted, and
 * two people submit a topic each with /议题. Nothing is written to Redis here but by the bot; a
 * reset removes the demo committee's own keys and queued jobs, wipes the chat, and seeds again.
 */
import type { Redis } from 'ioredis';
import { BUTTON, TITLE } from '../cards/copy.js';
import { FORM_FIELDS } from '../cards/actions.js';
import { CommitteeSchema } from '../src/domain/index.js';
import type { Role } from '../src/domain/committee.js';
import type { Logger } from '../src/log.js';
import { isProfileId, type ProfileId } from '../src/rules/index.js';
import type { Closable } from '../src/scheduler/queues.js';
import { committeeIdOfChat } from '../src/services/committees.js';
import { readDoc } from '../src/store/doc-store.js';
import { committeeKeys } from '../src/store/keys.js';
import { purgeCommittee } from '../src/store/purge.js';
import type { StandIn } from './open-api/index.js';
import { DEMO_CHAT_ID, DEMO_DEFAULT_PROFILE, DEMO_TOPICS, demoChatName, demoPeople, openIdOfRole, type DemoChoice, type DemoPerson } from './demo-roster.js';
import { dropDemoJobs, type DemoQueues } from './demo-jobs.js';

export type { DemoChoice, DemoPerson } from './demo-roster.js';

export interface Demo {
  readonly chatId: string;
  /** { openId, name, role in Chinese } in roster order, observer last. */
  people(): readonly DemoPerson[];
  /** 重置演示 / the profile switcher; 'blank' = the bot just added, nothing set up. */
  reset(choice: ProfileId | 'blank'): Promise<void>;
  profile(): ProfileId | 'blank';
}

export interface DemoDeps {
  readonly standIn: StandIn;
  readonly redis: Redis;
  readonly queues: DemoQueues;
  readonly log: Logger;
  /** The bot's own planning at start, which would otherwise put the old demo's reminders back after a reset. */
  readonly settled: () => Promise<void>;
}

/** The page asked for the demo while the first seed is still running (a second or two after start). */
export class DemoNotReadyError extends Error {
  constructor() {
    super('the demo is not ready yet');
    this.name = 'DemoNotReadyError';
  }
}

/** The bot as a mention in a group message: how a member addresses it in Feishu. */
export const BOT_MENTION = { openId: 'ou_yishi_bot', name: '议事' } as const;
const SEED_TIMEOUT_MS = 20_000;
const FOLLOW_EVERY_MS = 1_000;

type Json = Record<string, unknown>;

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + SEED_TIMEOUT_MS;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`演示数据准备超时 / timed out seeding the demo: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The callback value of the button labelled `label` in a card, or undefined. */
export function buttonValue(card: unknown, label: string): Json | undefined {
  let found: Json | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Json;
    const text = o.text as { content?: unknown } | undefined;
    if (o.tag === 'button' && text?.content === label && Array.isArray(o.behaviors)) {
      const callback = (o.behaviors as Json[]).find((b) => b.type === 'callback');
      if (callback !== undefined && typeof callback.value === 'object') found = callback.value as Json;
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

const titleOf = (content: unknown): string => {
  const title = (content as { header?: { title?: { content?: unknown } } } | null)?.header?.title?.content;
  return typeof title === 'string' ? title : '';
};

export async function createDemo(deps: DemoDeps): Promise<Demo & Closable> {
  const { standIn, redis, log } = deps;
  const committeeId = committeeIdOfChat(DEMO_CHAT_ID);
  const keys = committeeKeys(committeeId);
  let choice: DemoChoice = 'blank';

  const cardIn = (title: string, after: number) => until(() => standIn.messages().slice(after)
    .find((m) => m.chatId === DEMO_CHAT_ID && m.parentId === undefined && titleOf(m.content).includes(title)), title);

  /** The chat and its people as Feishu knows them; the stand-in forgets them on a restart. */
  function introduce(next: DemoChoice): void {
    const people = demoPeople(next);
    for (const person of people) standIn.addUser(person.openId, { name: person.name });
    standIn.addChat(DEMO_CHAT_ID, people.map((p) => p.openId), { botIn: true, name: demoChatName(next) });
  }

  async function seed(next: DemoChoice): Promise<void> {
    introduce(next);
    const [clerk = ''] = openIdOfRole('clerk');
    const before = standIn.messages().length;
    standIn.push.event('im.chat.member.bot.added_v1', { chat_id: DEMO_CHAT_ID, operator_id: { open_id: clerk }, name: demoChatName(next) });
    const setup = await cardIn(TITLE.setup, before);
    if (next === 'blank') return;
    const value = buttonValue(setup.content, BUTTON.saveSetup);
    if (value === undefined) throw new Error('the setup card has no 保存设置 button');
    const S = FORM_FIELDS.setup;
    const formValue = { [S.profile]: next, [S.chair]: openIdOfRole('chair')[0], [S.viceChair]: openIdOfRole('viceChair'), [S.clerk]: openIdOfRole('clerk'), [S.observers]: openIdOfRole('observer') };
    const saved = await standIn.push.cardAction({ operatorOpenId: clerk, messageId: setup.messageId, chatId: DEMO_CHAT_ID, value, formValue });
    if (saved.status !== 200 || saved.toast?.type !== 'success') throw new Error(`the demo setup was not saved: ${saved.toast?.content ?? String(saved.status)}`);
    for (const topic of DEMO_TOPICS) {
      const at = standIn.messages().length;
      standIn.push.message({ chatId: DEMO_CHAT_ID, senderOpenId: topic.by, text: `@_user_1 /议题 ${topic.text}`, mentions: [BOT_MENTION] });
      await cardIn(TITLE.topicPending, at);
    }
  }

  async function stored(): Promise<DemoChoice | null> {
    const committee = await readDoc(redis, keys.committee, CommitteeSchema);
    if (committee !== null) return committee.profileId;
    return (await redis.exists(keys.pendingSetup)) === 1 ? 'blank' : null;
  }

  /** The saved roster's roles by open_id: what people() shows once the chat is set up. */
  let roles = new Map<string, Role>();
  const follow = async (): Promise<void> => {
    const committee = await readDoc(redis, keys.committee, CommitteeSchema);
    if (busy > 0) return;
    roles = new Map(committee?.roster.map((m) => [m.openId, m.role]) ?? []);
    // The page may set up a blank demo, or /设置 may change its profile: follow what is saved.
    if (committee !== null) choice = committee.profileId;
  };
  let busy = 0;

  const found = await stored();
  if (found === null) {
    log.info('seeding the demo committee', { profile: DEMO_DEFAULT_PROFILE });
    // A history saved for a Redis that is gone would show cards of a committee that is not there.
    standIn.clearHistory();
    await seed(DEMO_DEFAULT_PROFILE);
    choice = DEMO_DEFAULT_PROFILE;
  } else {
    choice = found;
    introduce(found);
  }

  await follow();
  const timer = setInterval(() => { if (busy === 0) follow().catch(() => undefined); }, FOLLOW_EVERY_MS).unref();

  let resetting: Promise<void> = Promise.resolve();
  return {
    chatId: DEMO_CHAT_ID,
    people: () => demoPeople(choice, roles),
    profile: () => choice,
    close: () => {
      clearInterval(timer);
      return Promise.resolve();
    },
    reset(next) {
      // Checked before anything is removed: a bad choice leaves the demo as it is.
      if (next !== 'blank' && !isProfileId(next)) return Promise.reject(new RangeError(`no rule profile ${JSON.stringify(next)}`));
      busy += 1;
      // One reset at a time: a second waits for the first, then runs on a clean slate.
      const run = resetting.then(async () => {
        // The demo's people and anyone else its roster came to hold.
        const openIds = [...new Set([...demoPeople(choice).map((p) => p.openId), ...roles.keys()])];
        const messages = standIn.messages();
        const messageIds = messages.map((m) => m.messageId);
        await deps.settled();
        await dropDemoJobs(deps.queues, { committeeId, chatIds: [DEMO_CHAT_ID, ...messages.flatMap((m) => (m.chatId === undefined ? [] : [m.chatId]))], openIds, messageIds });
        await purgeCommittee(redis, { committeeId, openIds, messageIds });
        standIn.clearHistory();
        choice = next;
        roles = new Map();
        await seed(next);
        log.info('demo reset', { profile: next });
      }).finally(() => { busy -= 1; });
      resetting = run.then(follow).catch(() => undefined);
      return run.then(follow);
    },
  };
}
