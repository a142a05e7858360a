/**
 * Sandbox mode as a whole, against its own redis-server child on a temporary data folder: the
 * page answers, the demo committee is there as the bot sees it (asked through the stand-in, as a
 * member would ask), a restart keeps it, a reset (blank or any profile) rebuilds it, and a dead
 * redis-server is reported. No mocks: the real redis-server, SDK and bot.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON, TITLE } from '../../cards/copy.js';
import { buttonValue } from '../../sandbox/demo.js';
import { DEMO_CHAT_ID, DEMO_TOPICS } from '../../sandbox/demo-roster.js';
import { DATA_DIR_IN_USE } from '../../sandbox/redis-child.js';
import { PORT_IN_USE, SANDBOX_UP_TEXT, startSandbox, type Sandbox } from '../../sandbox/start.js';
import { CommitteeSchema } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { getProfile, listProfiles } from '../../src/rules/index.js';
import { committeeIdOfChat } from '../../src/services/committees.js';
import { readDoc } from '../../src/store/doc-store.js';
import type { ReminderJob } from '../../src/domain/index.js';
import { createQueue } from '../../src/scheduler/queues.js';
import { REMINDER_QUEUE } from '../../src/scheduler/reminders.js';
import { committeeKeys, SANDBOX_QUEUE_PREFIX } from '../../src/store/keys.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { GroupChat, textOf, titleOf } from '../e2e/group-chat.js';
import { waitFor } from '../e2e/receiver-setup.js';
import { alive, processesMentioning } from '../support/process-alive.js';

const keys = committeeKeys(committeeIdOfChat(DEMO_CHAT_ID));
const CLERK = 'ou_demo_clerk';
const CHAIR = 'ou_demo_chair';
const topicTitles = DEMO_TOPICS.map((t) => t.text.split(' ')[0] ?? '');

let dataDir: string;
let sandbox: Sandbox;
let redis: Redis;

async function open(): Promise<void> {
  sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger('warn') });
  redis = createRedis(sandbox.redisUrl);
  // The test kills the redis-server once: this connection's reconnect errors are expected then.
  redis.on('error', () => undefined);
  await whenReady(redis);
}

async function shut(): Promise<void> {
  await redis.quit();
  await sandbox.close();
}

const committee = () => readDoc(redis, keys.committee, CommitteeSchema);
const chatTitles = () => sandbox.standIn.messages().filter((m) => m.chatId === DEMO_CHAT_ID).map((m) => titleOf(m.content));
/** Every collection the committee has documents in, and how many. */
async function collections(): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const key of await redis.keys(`${keys.tag}:idx:*`)) found[key.slice(`${keys.tag}:idx:`.length)] = await redis.scard(key).catch(() => redis.zcard(key));
  return found;
}

/** The demo as it must be after a seed under `profileId`: the bot's setup card, two topics awaiting the chair. */
async function expectSeeded(profileId: ReturnType<typeof listProfiles>[number]['id']): Promise<void> {
  const stored = await committee();
  expect(stored?.profileId).toBe(profileId);
  const byRole = (role: string) => stored?.roster.filter((m) => m.role === role).map((m) => m.openId);
  expect(byRole('chair')).toEqual([CHAIR]);
  expect(byRole('viceChair')).toEqual(['ou_demo_vice']);
  expect(byRole('member')).toEqual(['ou_demo_m1', 'ou_demo_m2', 'ou_demo_m3', 'ou_demo_m4']);
  expect(byRole('clerk')).toEqual([CLERK]);
  expect(byRole('observer')).toEqual(['ou_demo_observer']);
  for (const member of stored?.roster ?? []) expect(member.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
  expect(chatTitles()).toEqual([TITLE.setup, TITLE.topicPending, TITLE.topicPending]);
  expect(await collections()).toEqual({ topic: 2 });
  expect(sandbox.demo.profile()).toBe(profileId);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'yishi-sandbox-'));
  await open();
}, 60_000);

afterAll(async () => {
  await shut();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('startSandbox on a fresh data folder', () => {
  it('serves the page and /healthz on the bot port, with its own redis-server on the data folder, AOF on', async () => {
    const page = await fetch(`${sandbox.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/plain');
    expect(await page.text()).toContain(SANDBOX_UP_TEXT);
    expect((await fetch(`${sandbox.url}/healthz`)).status).toBe(200);
    expect(sandbox.redisChild).not.toBeNull();
    expect(alive(sandbox.redisChild?.pid ?? 0)).toBe(true);
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
  });

  it('seeds a JY 党组 of seven and a 列席 through the bot: its setup card, then two topics awaiting confirmation, nothing else', async () => {
    await expectSeeded('JY');
    expect(sandbox.demo.people().map((p) => p.role)).toEqual(['书记', '副书记', '成员', '成员', '成员', '成员', '秘书', '列席']);
    const roster = (await committee())?.roster ?? [];
    expect(sandbox.demo.people().map((p) => p.name)).toEqual(['ou_demo_chair', 'ou_demo_vice', 'ou_demo_m1', 'ou_demo_m2', 'ou_demo_m3', 'ou_demo_m4', CLERK, 'ou_demo_observer'].map((id) => roster.find((m) => m.openId === id)?.name));
  });

  it('answers the clerk\'s /议题列表 with the two submitted topics and /规则 with the JY profile', async () => {
    const chat = new GroupChat(sandbox.standIn, redis, DEMO_CHAT_ID);
    const { reply: list } = await chat.command(CLERK, '/议题列表');
    for (const title of topicTitles) expect(textOf(list)).toContain(title);
    const { reply: rules } = await chat.command(CLERK, '/规则');
    expect(titleOf(rules)).toContain(TITLE.rules);
    expect(textOf(rules)).toContain(getProfile('JY').name);
  });
});

describe('a restart on the same data folder', () => {
  it('keeps the committee and the chat as they were (no second seed), on a new redis-server process', async () => {
    const before = { committee: await committee(), messages: sandbox.standIn.messages().map((m) => [m.messageId, m.content]), pid: sandbox.redisChild?.pid ?? 0 };
    await shut();
    expect(alive(before.pid)).toBe(false);
    await open();
    expect(sandbox.redisChild?.pid).not.toBe(before.pid);
    expect(await committee()).toEqual(before.committee);
    expect(sandbox.standIn.messages().map((m) => [m.messageId, m.content])).toEqual(before.messages);
    expect(sandbox.demo.profile()).toBe('JY');
  }, 60_000);

  it('lets the chair confirm a topic on a card posted before the restart', async () => {
    const card = sandbox.standIn.messages().find((m) => m.chatId === DEMO_CHAT_ID && titleOf(m.content) === TITLE.topicPending);
    const value = buttonValue(card?.content, BUTTON.confirm);
    expect(value).toBeDefined();
    const answer = await sandbox.standIn.push.cardAction({ operatorOpenId: CHAIR, messageId: card?.messageId ?? '', chatId: DEMO_CHAT_ID, ...(value === undefined ? {} : { value }) });
    expect(answer.status).toBe(200);
    expect(answer.toast?.type).not.toBe('error');
    expect(titleOf(sandbox.standIn.message(card?.messageId ?? '')?.content)).toBe(TITLE.topicConfirmed);
  }, 30_000);
});

describe('reset', () => {
  it('blank: the bot just added to the chat, its setup card waiting, no committee', async () => {
    await sandbox.demo.reset('blank');
    expect(await committee()).toBeNull();
    expect(JSON.parse(await redis.get(keys.pendingSetup) ?? '{}')).toMatchObject({ chatId: DEMO_CHAT_ID, addedBy: CLERK });
    expect(chatTitles()).toEqual([TITLE.setup]);
    expect(await redis.keys(`${keys.tag}:*`)).toEqual([keys.pendingSetup]);
    // The seeded demo had duty reminders queued; none of them outlives the reset.
    const reminders = createQueue<ReminderJob>(REMINDER_QUEUE, { redisUrl: sandbox.redisUrl, prefix: SANDBOX_QUEUE_PREFIX });
    const left = (await reminders.queue.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed'])).filter((job) => job.data.committeeId === committeeIdOfChat(DEMO_CHAT_ID));
    await reminders.close();
    expect(left).toEqual([]);
    expect(sandbox.demo.profile()).toBe('blank');
    expect(sandbox.demo.people()).toHaveLength(8);
  }, 30_000);

  it('blank, then set up in the chat by the clerk: profile() and people() follow what was saved', async () => {
    const chat = new GroupChat(sandbox.standIn, redis, DEMO_CHAT_ID);
    const setup = sandbox.standIn.messages().find((m) => titleOf(m.content) === TITLE.setup);
    // 张明 (a 成员 in the seeded demo) is made 主任 of a 人大常委会; 周涛 stays the 列席.
    const { toast } = await chat.tap(CLERK, setup?.messageId ?? '', { profile: 'MS', chair: 'ou_demo_m1', vice_chair: ['ou_demo_vice'], clerk: [CLERK], observers: ['ou_demo_observer'] });
    expect(toast?.type).toBe('success');
    await waitFor(() => sandbox.demo.profile() === 'MS', 'the demo to follow the saved profile');
    const roleOf = (openId: string) => sandbox.demo.people().find((p) => p.openId === openId)?.role;
    expect(roleOf('ou_demo_m1')).toBe('主任');
    expect(roleOf(CHAIR)).toBe('委员');
    expect(sandbox.demo.people().at(-1)).toMatchObject({ openId: 'ou_demo_observer', role: '列席' });
  }, 30_000);

  it.each(listProfiles().map((p) => [p.id, p.meeting.body] as const))('%s: the demo seeded again under that profile, its roles in the body\'s words', async (profileId, body) => {
    await sandbox.demo.reset(profileId);
    await expectSeeded(profileId);
    const words = sandbox.demo.people().map((p) => p.role);
    const expected = { partyGroup: ['书记', '副书记', '成员'], partyCommittee: ['书记', '副书记', '常委'], npcStandingCommittee: ['主任', '副主任', '委员'] }[body];
    expect(words.slice(0, 3)).toEqual(expected);
    expect(words.slice(-2)).toEqual(['秘书', '列席']);
  }, 30_000);

  it('refuses a profile that does not exist, and leaves the demo as it was', async () => {
    const before = await committee();
    const messages = sandbox.standIn.messages().map((m) => m.messageId);
    await expect(sandbox.demo.reset('XX' as never)).rejects.toThrow(RangeError);
    expect(await committee()).toEqual(before);
    expect(sandbox.standIn.messages().map((m) => m.messageId)).toEqual(messages);
  });

  it('run twice at once: the second waits for the first, and one demo results', async () => {
    await Promise.all([sandbox.demo.reset('NT'), sandbox.demo.reset('MS')]);
    await expectSeeded('MS');
  }, 60_000);
});

describe('a start that cannot go ahead', () => {
  it('refuses a second sandbox on the same data folder, and the first runs on', async () => {
    const pid = sandbox.redisChild?.pid ?? 0;
    await expect(startSandbox({ port: 0, dataDir, log: memoryLogger('warn') })).rejects.toThrow(DATA_DIR_IN_USE(join(dataDir, 'redis'), pid));
    expect(alive(pid)).toBe(true);
    expect(await redis.ping()).toBe('PONG');
    expect((await fetch(`${sandbox.url}/healthz`)).status).toBe(200);
  }, 30_000);

  it('says which port is taken, and stops the redis-server it had started', async () => {
    const other = mkdtempSync(join(tmpdir(), 'yishi-sandbox-port-'));
    try {
      const port = Number(new URL(sandbox.url).port);
      const log = memoryLogger('warn');
      await expect(startSandbox({ port, dataDir: other, log })).rejects.toThrow(PORT_IN_USE(port));
      // It did start one (its AOF is there); no process runs on that folder any more.
      expect(existsSync(join(other, 'redis', 'appendonlydir'))).toBe(true);
      expect(processesMentioning(other)).toEqual([]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('a redis-server that dies', () => {
  it('is reported: the sandbox says so instead of running on without its store', async () => {
    const pid = sandbox.redisChild?.pid ?? 0;
    process.kill(pid, 'SIGKILL');
    const error = await sandbox.failed;
    expect(error.message).toContain('redis-server');
    expect(error.message).toMatch(/意外退出/);
    await redis.quit().catch(() => undefined);
    await sandbox.close();
    // The data folder is fine: the next start finds the demo in the AOF.
    await open();
    await expectSeeded('MS');
  }, 60_000);
});
