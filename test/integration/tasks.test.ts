// 督查督办 (JY-29..31, ZY-DC-2): tasks from a passed decision, progress, completion, overdue by local date.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { draftMinutes, signOffMinutes } from '../../src/services/minutes.js';
import {
  completeTask, createTask, createTasksFromDecision, decisionTaskId, decisionToCarryOut, getTask, listOpenTasks, meetingDecisions, overdueTasks, reportProgress,
} from '../../src/services/tasks.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { getDoc, indexKey, TASKS } from '../../src/store/repos.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { closedBallot, commitMeeting } from './recorded-meeting.js';
import { refusal } from '../support/refusal.js';
import { snapshot } from './meeting-fixture.js';

const ctx = useRedis();
const roster: Member[] = [
  { id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' },
  { id: 'vice1', openId: 'ou_vice1', name: '李副书记', role: 'viceChair' },
  { id: 'm1', openId: 'ou_m1', name: '王委员', role: 'member' },
  { id: 'm2', openId: 'ou_m2', name: '孙委员', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
];

const passed = (id: string) => closedBallot(id, { counts: { yes: 3, no: 1, abstain: 0 }, voters: 4, eligible: 4, passed: true, basis: ['JY-24b'] });
const failed = (id: string) => closedBallot(id, { counts: { yes: 2, no: 2, abstain: 0 }, voters: 4, eligible: 4, passed: false, basis: ['JY-24b'] });

async function setup() {
  const clock = manualClock('2025-06-18T03:00:00Z');
  const deps: ServiceDeps = { redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  const c = (await createCommittee(deps, { chatId: freshId('tk'), name: '市人大常委会党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' })).id;
  await commitMeeting(ctx.redis, {
    committeeId: c, meeting: { id: 'mt1' },
    items: [
      { topic: { id: 'tp-pass', title: '关于开展执法检查的方案' }, ballots: [passed('b-pass')] },
      { topic: { id: 'tp-fail', title: '关于调整预算的建议' }, ballots: [failed('b-fail')] },
      { topic: { id: 'tp-open', title: '关于代表联络站建设' }, ballots: [{ id: 'b-open', method: 'hands', state: 'open' }] },
      { topic: { id: 'tp-none', title: '关于学习安排', status: 'deferred' } },
      { topic: { id: 'tp-again', title: '关于复议事项' }, ballots: [failed('b-again-1'), passed('b-again-2')] },
      { topic: { id: 'tp-undone', title: '关于被复议否决的事项' }, ballots: [passed('b-undone-1'), failed('b-undone-2')] },
      { topic: { id: 'tp-deferred', title: '关于暂缓决定的事项', status: 'deferred' }, ballots: [{ ...passed('b-deferred'), deferredAt: '2025-06-18T02:10:00.000Z' }] },
    ],
  });
  return { clock, deps, c };
}


const twoTasks = [
  { title: '制定执法检查实施方案', ownerId: 'm1', unit: '法制委', due: '2025-07-15' },
  { title: '开展实地检查', ownerId: 'vice1', unit: '办公室', due: '2025-06-30' },
];

describe('tasks from a decision', () => {
  it('creates the tasks of a passed topic in one commit, with owner, unit and deadline, audited once', async () => {
    const { deps, c } = await setup();
    const tasks = await createTasksFromDecision(deps, { committeeId: c, meetingId: 'mt1', topicId: 'tp-pass', actorId: 'clerk1', tasks: twoTasks });
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ version: 1, meetingId: 'mt1', topicId: 'tp-pass', ownerId: 'm1', unit: '法制委', due: '2025-07-15', status: 'open', progress: [] });
    expect(await getDoc(ctx.redis, c, TASKS, tasks[1]!.id)).toMatchObject({ title: '开展实地检查', ownerId: 'vice1' });
    expect((await listOpenTasks(deps, { viewerId: 'clerk1', committeeId: c })).map((t) => t.due)).toEqual(['2025-06-30', '2025-07-15']);
    const audit = await readAuditLog(ctx.redis, c);
    expect(audit.map((e) => e.action)).toEqual(['committee.create', 'task.create']);
    expect(audit[1]?.data).toMatchObject({ meetingId: 'mt1', ballotId: 'b-pass' });
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 2 });
  });

  it('after a 复议 the latest ballot decides: failed-then-passed may get tasks, passed-then-failed may not', async () => {
    const { deps, c } = await setup();
    const again = await createTasksFromDecision(deps, { committeeId: c, meetingId: 'mt1', topicId: 'tp-again', actorId: 'chair1', tasks: [twoTasks[0]!] });
    expect(again).toHaveLength(1);
    expect((await refusal(createTasksFromDecision(deps, { committeeId: c, meetingId: 'mt1', topicId: 'tp-undone', actorId: 'chair1', tasks: [twoTasks[0]!] }))).refusal).toBe('INVALID_STATE');
  });

  it('refuses a failed, open, deferred or unvoted topic, a plain member, an owner off the roster, a past deadline and bad input, changing nothing', async () => {
    const { deps, c } = await setup();
    const base = { committeeId: c, meetingId: 'mt1', topicId: 'tp-pass', actorId: 'clerk1', tasks: twoTasks };
    const cases: [() => Promise<unknown>, string][] = [
      [() => createTasksFromDecision(deps, { ...base, topicId: 'tp-fail' }), 'INVALID_STATE'],
      [() => createTasksFromDecision(deps, { ...base, topicId: 'tp-open' }), 'INVALID_STATE'],
      [() => createTasksFromDecision(deps, { ...base, topicId: 'tp-none' }), 'INVALID_STATE'],
      [() => createTasksFromDecision(deps, { ...base, topicId: 'tp-deferred' }), 'INVALID_STATE'],
      [() => createTasksFromDecision(deps, { ...base, topicId: 'tp-unknown' }), 'NOT_FOUND'],
      [() => createTasksFromDecision(deps, { ...base, meetingId: 'mt-unknown' }), 'NOT_FOUND'],
      [() => createTasksFromDecision(deps, { ...base, actorId: 'm1' }), 'NOT_CLERK'],
      [() => createTasksFromDecision(deps, { ...base, tasks: [{ ...twoTasks[0]!, ownerId: 'outsider' }] }), 'INVALID_INPUT'],
      [() => createTasksFromDecision(deps, { ...base, tasks: [{ ...twoTasks[0]!, due: '2025-06-17' }] }), 'INVALID_INPUT'],
      [() => createTasksFromDecision(deps, { ...base, tasks: [{ ...twoTasks[0]!, due: '2025-06-31' }] }), 'INVALID_INPUT'],
      [() => createTasksFromDecision(deps, { ...base, tasks: [] }), 'INVALID_INPUT'],
      [() => createTasksFromDecision(deps, { ...base, tasks: [{ ...twoTasks[0]!, title: '  ' }] }), 'INVALID_INPUT'],
    ];
    for (const [call, code] of cases) expect((await refusal(call())).refusal).toBe(code);
    expect(await ctx.redis.scard(indexKey(c, TASKS))).toBe(0);
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(1);
  });
});

describe('following a task up', () => {
  it('the owner and a clerk report progress, another member may not; completion closes the task for good', async () => {
    const { clock, deps, c } = await setup();
    const [task] = await createTasksFromDecision(deps, { committeeId: c, meetingId: 'mt1', topicId: 'tp-pass', actorId: 'clerk1', tasks: [twoTasks[0]!] });
    const id = task!.id;
    clock.advance(86_400_000);
    await reportProgress(deps, { committeeId: c, taskId: id, actorId: 'm1', note: '已起草方案初稿' });
    const twice = await reportProgress(deps, { committeeId: c, taskId: id, actorId: 'clerk1', note: '办公室已催办' });
    expect(twice.progress.map((p) => [p.by, p.note])).toEqual([['m1', '已起草方案初稿'], ['clerk1', '办公室已催办']]);
    expect(twice.version).toBe(3);

    const before = await readAuditLog(ctx.redis, c);
    expect((await refusal(reportProgress(deps, { committeeId: c, taskId: id, actorId: 'm2', note: '代为报告' }))).refusal).toBe('NOT_OWNER_OR_CLERK');
    expect((await refusal(reportProgress(deps, { committeeId: c, taskId: id, actorId: 'm1', note: '' }))).refusal).toBe('INVALID_INPUT');
    expect((await refusal(reportProgress(deps, { committeeId: c, taskId: 'task-none', actorId: 'm1', note: '进展' }))).refusal).toBe('NOT_FOUND');
    expect(await getDoc(ctx.redis, c, TASKS, id)).toMatchObject({ version: 3 });
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(before.length);

    const done = await completeTask(deps, { committeeId: c, taskId: id, actorId: 'm1', note: '方案已印发' });
    expect(done).toMatchObject({ status: 'done', doneAt: '2025-06-19T03:00:00.000Z', version: 4 });
    expect((await refusal(reportProgress(deps, { committeeId: c, taskId: id, actorId: 'm1', note: '补充' }))).refusal).toBe('INVALID_STATE');
    expect((await refusal(completeTask(deps, { committeeId: c, taskId: id, actorId: 'clerk1' }))).refusal).toBe('INVALID_STATE');
    expect(await listOpenTasks(deps, { viewerId: 'clerk1', committeeId: c })).toEqual([]);
    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action).slice(1)).toEqual(['task.create', 'task.progress', 'task.progress', 'task.complete']);
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('overdue counts the whole due day in Asia/Shanghai: 23:59:59 local is on time, 00:00 the next local day is overdue', async () => {
    const { deps, c } = await setup();
    const [task] = await createTasksFromDecision(deps, { committeeId: c, meetingId: 'mt1', topicId: 'tp-pass', actorId: 'clerk1', tasks: [{ ...twoTasks[0]!, due: '2025-06-20' }] });
    // Both instants fall on 2025-06-20 in UTC; only the local date tells them apart.
    expect(await overdueTasks(deps, { viewerId: 'clerk1', committeeId: c, asOf: '2025-06-20T15:59:59Z' })).toEqual([]);
    expect((await overdueTasks(deps, { viewerId: 'clerk1', committeeId: c, asOf: '2025-06-20T16:00:00Z' })).map((t) => t.id)).toEqual([task!.id]);
    expect((await overdueTasks(deps, { viewerId: 'clerk1', committeeId: c, asOf: new Date('2025-06-25T00:00:00Z') })).map((t) => t.id)).toEqual([task!.id]);
    expect((await refusal(overdueTasks(deps, { viewerId: 'clerk1', committeeId: c, asOf: 'tomorrow' }))).refusal).toBe('INVALID_INPUT');
  });
});

describe('a task assigned outside a decision (/督办)', () => {
  it('the office assigns one with the body as its unit; a re-run of the same id makes none twice; the owner must be on the roster', async () => {
    const { deps, c } = await setup();
    const made = await createTask(deps, { committeeId: c, actorId: 'chair1', id: 'task-msg1', title: '完成年度预算报告', ownerId: 'm1', due: '2025-06-30' });
    expect(made).toMatchObject({ version: 1, id: 'task-msg1', unit: '市人大常委会党组', ownerId: 'm1', status: 'open', progress: [] });
    expect(made.meetingId).toBeUndefined();
    const again = await createTask(deps, { committeeId: c, actorId: 'clerk1', id: 'task-msg1', title: '另一件事', ownerId: 'm2', due: '2025-07-30' });
    expect(again).toEqual(made);
    expect(await getTask(deps, { committeeId: c, taskId: 'task-msg1', viewerId: 'm2' })).toEqual(made);
    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action)).toEqual(['committee.create', 'task.create']);

    const before = await readAuditLog(ctx.redis, c);
    const base = { committeeId: c, actorId: 'clerk1', title: '落实', ownerId: 'm1', due: '2025-06-30' };
    const cases: [() => Promise<unknown>, string][] = [
      [() => createTask(deps, { ...base, actorId: 'm1' }), 'NOT_CLERK'],
      [() => createTask(deps, { ...base, actorId: 'outsider' }), 'NOT_A_MEMBER'],
      [() => createTask(deps, { ...base, ownerId: 'outsider' }), 'OWNER_NOT_ON_ROSTER'],
      [() => createTask(deps, { ...base, due: '2025-06-17' }), 'INVALID_INPUT'],
      [() => createTask(deps, { ...base, title: ' ' }), 'INVALID_INPUT'],
      [() => getTask(deps, { committeeId: c, taskId: 'task-none', viewerId: 'm1' }), 'NOT_FOUND'],
      [() => getTask(deps, { committeeId: c, taskId: 'task-msg1', viewerId: 'outsider' }), 'NOT_A_MEMBER'],
    ];
    for (const [call, code] of cases) expect((await refusal(call())).refusal).toBe(code);
    expect(await readAuditLog(ctx.redis, c)).toEqual(before);
    expect(await listOpenTasks(deps, { viewerId: 'm1', committeeId: c })).toEqual([made]);
  });
});

describe('a task from a decision of the signed minutes (转为督办)', () => {
  const ref = (c: string) => ({ committeeId: c, meetingId: 'mt1', topicId: 'tp-pass', actorId: 'clerk1' });
  const oneTask = (ownerId: string, due: string) => [{ id: decisionTaskId('mt1', 'tp-pass'), ownerId, due }];

  it('is offered once the minutes are signed, for the office only, on a decision to carry out only, changing nothing', async () => {
    const { deps, c } = await setup();
    const before = await snapshot(ctx.redis, c);
    expect((await refusal(decisionToCarryOut(deps, ref(c)))).refusal).toBe('MINUTES_NOT_DRAFTED');
    expect(await snapshot(ctx.redis, c)).toEqual(before);
    await draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'clerk1' });
    expect((await refusal(decisionToCarryOut(deps, ref(c)))).refusal).toBe('INVALID_STATE');
    await signOffMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'chair1' });
    const signed = await snapshot(ctx.redis, c);
    for (const [raw, code] of [
      [{ ...ref(c), actorId: 'm1' }, 'NOT_CLERK'], [{ ...ref(c), actorId: 'vice1' }, 'NOT_CLERK'], [{ ...ref(c), actorId: 'outsider' }, 'NOT_A_MEMBER'],
      [{ ...ref(c), topicId: 'tp-fail' }, 'INVALID_STATE'], [{ ...ref(c), topicId: 'tp-deferred' }, 'INVALID_STATE'], [{ ...ref(c), topicId: 'tp-undone' }, 'INVALID_STATE'],
      [{ ...ref(c), topicId: 'tp-unknown' }, 'NOT_FOUND'], [{ ...ref(c), meetingId: 'mt-unknown' }, 'NOT_FOUND'],
    ] as const) expect((await refusal(decisionToCarryOut(deps, raw))).refusal, JSON.stringify(raw)).toBe(code);
    expect(await snapshot(ctx.redis, c)).toEqual(signed);
    expect(await decisionToCarryOut(deps, ref(c))).toMatchObject({ minutes: { status: 'signed' }, task: null });
    // The decisions to carry out: passed, undeferred, the latest ballot deciding after a 复议.
    expect(await meetingDecisions(deps, { committeeId: c, meetingId: 'mt1', viewerId: 'm2' })).toEqual([{ topicId: 'tp-pass', task: null }, { topicId: 'tp-again', task: null }]);
  });

  it('takes the topic\'s title and the body as its unit; sent again, or sent at once by several, it is one task, audited once', async () => {
    const { deps, c } = await setup();
    const sent = await Promise.all(['m1', 'm2', 'vice1', 'm1'].map((ownerId, i) =>
      createTasksFromDecision(deps, { ...ref(c), actorId: i % 2 === 0 ? 'clerk1' : 'chair1', tasks: oneTask(ownerId, '2025-07-01') })));
    const [first] = sent[0] ?? [];
    expect(first).toMatchObject({ id: decisionTaskId('mt1', 'tp-pass'), title: '关于开展执法检查的方案', unit: '市人大常委会党组', version: 1, meetingId: 'mt1', topicId: 'tp-pass' });
    for (const answer of sent) expect(answer).toEqual([first]);
    expect(await ctx.redis.scard(indexKey(c, TASKS))).toBe(1);
    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action)).toEqual(['committee.create', 'task.create']);
    const before = await snapshot(ctx.redis, c);
    expect(await createTasksFromDecision(deps, { ...ref(c), tasks: oneTask('m2', '2025-08-01') })).toEqual([first]);
    expect(await snapshot(ctx.redis, c)).toEqual(before);
    // The id of a task made of another decision is no way to reach it.
    expect((await refusal(createTasksFromDecision(deps, { ...ref(c), topicId: 'tp-again', tasks: oneTask('m1', '2025-07-01') }))).refusal).toBe('INVALID_INPUT');
    expect((await meetingDecisions(deps, { committeeId: c, meetingId: 'mt1', viewerId: 'm1' }))[0]).toEqual({ topicId: 'tp-pass', task: first });
    // A past or impossible due date, or an owner off the roster, is refused before anything is written.
    const other = { ...ref(c), topicId: 'tp-again' };
    for (const tasks of [[{ ownerId: 'm1', due: '2025-06-17' }], [{ ownerId: 'm1', due: '2025-02-30' }], [{ ownerId: 'ou_m1', due: '2025-07-01' }]]) {
      expect((await refusal(createTasksFromDecision(deps, { ...other, tasks }))).refusal).toBe('INVALID_INPUT');
    }
    expect(await snapshot(ctx.redis, c)).toEqual(before);
  });
});
