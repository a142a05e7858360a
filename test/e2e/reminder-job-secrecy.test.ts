/**
 * What the queues keep of a secret ballot and an evaluation with 提醒未投票 used: every job's data
 * under the bot's queue prefix (outbox and reminders; waiting, delayed, completed alike), read
 * from Redis as someone with a copy of it would. No job carries a choice, and members who chose
 * differently in the same situation (voted before the reminder, or reminded and voted after) leave
 * jobs that are the same once their own ids and names are blanked out: with the voted bitmap,
 * nothing in them tells a member's choice. What they do tell, for as long as the outbox keeps a
 * sent job (an hour, its uuid window), is who had not voted at the reminder: turnout, not a choice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/domain/index.js';
import { signIn } from '../../src/services/attendance.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { allKeys } from '../support/aof.js';
import { callbackValues } from '../cards/walk.js';
import { GroupChat } from './group-chat.js';
import { cardMessage, committeeIn, noticedMeeting, openIdOf, sealed, stopWorld, titleOf } from './meeting-world.js';
import { waitFor, sleep } from './receiver-setup.js';
import { meetingAt, startReminderWorld, type ReminderWorld } from './reminder-world.js';
import { buttonValue, tapper } from './vote-taps.js';

let w: ReminderWorld;
beforeAll(async () => { w = await startReminderWorld('2026-12-09T10:00:00+08:00'); });
afterAll(async () => { await stopWorld(w); });

interface StoredJob { key: string; data: string }

/** Every job hash under the queue prefix with its data, whatever list or set it sits in. */
async function storedJobs(): Promise<StoredJob[]> {
  const jobs: StoredJob[] = [];
  for (const key of await allKeys(w.redis, `${w.queuePrefix}:*`)) {
    if ((await w.redis.type(key)) !== 'hash') continue;
    const data = await w.redis.hget(key, 'data');
    if (data !== null) jobs.push({ key, data });
  }
  return jobs;
}

async function statesOf(queue: string): Promise<Set<string>> {
  const states = new Set<string>();
  for (const state of ['completed', 'delayed', 'wait', 'active', 'failed']) {
    const key = `${w.queuePrefix}:${queue}:${state}`;
    const type = await w.redis.type(key);
    const size = type === 'zset' ? await w.redis.zcard(key) : type === 'list' ? await w.redis.llen(key) : 0;
    if (size > 0) states.add(state);
  }
  return states;
}

/** The data of the jobs naming `member` (by open_id: unique to its chat), with everything that is only his blanked out. */
function jobsOf(jobs: readonly StoredJob[], member: Member): string[] {
  const word = (s: string) => new RegExp(`(?<![A-Za-z0-9_])${s}(?![A-Za-z0-9_])`, 'g');
  return jobs.filter((j) => j.data.includes(member.openId)).map((j) => j.data
    .replaceAll(member.openId, '<open_id>').replaceAll(member.name, '<name>').replace(word(member.id), '<id>')
    // Ids derived from his: hashed job ids and uuids, his private chat's message ids.
    .replace(/[0-9a-f]{16,}/g, '<hash>').replace(/om_[A-Za-z0-9_]+/g, '<message>')).sort();
}

/** A choice a member made, as a job would carry it: a choice value or a grade named once, not a blank ballot offering all. */
function carriesChoice(data: string, values: readonly string[]): boolean {
  const offered = values.filter((v) => data.includes(`"${v}"`));
  return offered.length > 0 && offered.length < values.length;
}

describe('the queues after a secret ballot and an evaluation with 提醒未投票', () => {
  it('hold no choice, and nothing that tells apart members who chose differently', async () => {
    const chatId = 'oc_secrecy_vote';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const m = roster.find.bind(roster);
    const byId = (id: string) => m((p) => p.id === id) as Member;
    const world = { ...w, deps: w.app };
    const { meetingId, topicIds: [item] } = await noticedMeeting(world, c, ['personnel']);
    // An emergency meeting about to start: its reminder jobs run and complete meanwhile.
    await meetingAt(w, c, new Date(w.clock.now().getTime() + 30 * 60_000 + 1_000).toISOString(), { kind: 'emergency', notice: false });
    await openSignIn(w.app, { committeeId: c, meetingId, actorId: 'clerk1' });
    const present = ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4'];
    for (const who of present) await signIn(w.app, { committeeId: c, meetingId, actorId: who });
    const tap = tapper(w, chatId, roster);
    await tap('chair1', sealed({ a: 'chair.vote', c, m: meetingId, t: item ?? '' }), 'om_chairing', { method: 'secret' });
    await waitFor(() => w.standIn.messages().filter((msg) => titleOf(msg.content) === '无记名投票' && msg.chatId === undefined && present.some((p) => msg.openId === openIdOf(roster, p))).length === present.length, 'the private ballots');
    const vote = async (who: string, label: string) => {
      const own = w.standIn.messages().find((msg) => titleOf(msg.content) === '无记名投票' && msg.openId === openIdOf(roster, who));
      const r = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, who), messageId: own?.messageId ?? '', chatId: `oc_p2p_${who}`, value: buttonValue(own?.content, label) });
      expect(r.toast?.type, `${who} ${label}`).toBe('success');
    };
    // Before the reminder m3 and m4 vote differently; after it m1 and m2 do.
    await vote('m3', '反对');
    await vote('m4', '赞成');
    const progress = await cardMessage(w, chatId, '表决进度');
    expect((await tap('chair1', buttonValue(progress.content, '提醒未投票'), progress.messageId)).toast?.type).toBe('success');
    await vote('m1', '反对');
    await vote('m2', '赞成');
    await vote('vice1', '弃权');
    await vote('chair1', '赞成');
    await tap('chair1', buttonValue(progress.content, '结束表决'), progress.messageId);

    // An evaluation in another body: m2 and m3 rate differently before the reminder, m4 and vice1 after.
    const evalChat = 'oc_secrecy_eval';
    const ev = await committeeIn(w, 'ZY', evalChat);
    const chat = new GroupChat(w.standIn, w.redis, evalChat);
    const subject = ev.roster.find((p) => p.id === 'm1') as Member;
    const { messageId } = await chat.command(openIdOf(ev.roster, 'clerk1'), '/测评', [{ openId: subject.openId, name: subject.name }]);
    const evaluationId = `ev-${messageId}-0`;
    const sheetOf = (who: string) => w.standIn.messages().find((msg) => msg.openId === openIdOf(ev.roster, who) && titleOf(msg.content) === '民主测评');
    await waitFor(() => ['m2', 'm3', 'm4', 'vice1'].every((who) => sheetOf(who) !== undefined), 'the evaluation sheets');
    const grades = new Set<string>();
    const rate = async (who: string, grade: string) => {
      const own = sheetOf(who);
      for (const v of callbackValues(own?.content)) if (typeof v.g === 'string') grades.add(v.g);
      const value = callbackValues(own?.content).find((v) => v.g === grade && v.e === evaluationId) ?? {};
      const r = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(ev.roster, who), messageId: own?.messageId ?? '', chatId: `oc_p2p_${who}`, value });
      expect(r.toast?.type, `${who} ${grade}`).toBe('success');
    };
    await rate('m2', '称职');
    await rate('m3', '不称职');
    const evProgress = await cardMessage(w, evalChat, '测评进度');
    expect((await tapper(w, evalChat, ev.roster)('clerk1', buttonValue(evProgress.content, '提醒未投票'), evProgress.messageId)).toast?.type).toBe('success');
    await rate('m4', '不称职');
    await rate('vice1', '称职');

    // Let the outbox and the reminders run what they were given.
    await waitFor(async () => (await w.redis.zcard(`${w.queuePrefix}:outbox:completed`)) > 0 && (await w.redis.llen(`${w.queuePrefix}:outbox:wait`)) === 0, 'the outbox drained', 15_000);
    await sleep(1_500);
    const jobs = await storedJobs();
    expect(await statesOf('outbox')).toContain('completed');
    const reminderStates = await statesOf('reminders');
    expect(reminderStates).toContain('delayed');
    expect(reminderStates).toContain('completed');
    // The private reminders are among the jobs read.
    expect(jobs.filter((j) => j.data.includes('您尚未投票') || j.data.includes('您尚未测评')).length).toBeGreaterThanOrEqual(5);

    // No job carries a choice: neither a ballot's value nor a grade named alone.
    const choiceValues = ['yes', 'no', 'abstain'];
    expect(jobs.filter((j) => carriesChoice(j.data, choiceValues))).toEqual([]);
    expect(grades.size).toBeGreaterThan(2);
    expect(jobs.filter((j) => carriesChoice(j.data, [...grades]))).toEqual([]);

    // Same situation, different choices: the same jobs (each has some: his ballot at least).
    for (const who of ['m1', 'm3']) expect(jobsOf(jobs, byId(who)).length).toBeGreaterThan(0);
    expect(jobsOf(jobs, byId('m3'))).toEqual(jobsOf(jobs, byId('m4')));
    expect(jobsOf(jobs, byId('m1'))).toEqual(jobsOf(jobs, byId('m2')));
    // What does differ is turnout: the reminded kept a reminder the early voters did not get.
    expect(jobsOf(jobs, byId('m1')).some((d) => d.includes('您尚未投票'))).toBe(true);
    expect(jobsOf(jobs, byId('m3')).some((d) => d.includes('您尚未投票'))).toBe(false);
    const evById = (id: string) => ev.roster.find((p) => p.id === id) as Member;
    expect(jobsOf(jobs, evById('m2'))).toEqual(jobsOf(jobs, evById('m3')));
    expect(jobsOf(jobs, evById('m4'))).toEqual(jobsOf(jobs, evById('vice1')));
    expect(jobsOf(jobs, evById('m4')).some((d) => d.includes('您尚未测评'))).toBe(true);
  }, 60_000);
});
