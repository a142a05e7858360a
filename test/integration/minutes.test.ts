// 会议纪要: drafted from the recorded meeting, re-drafted until the chair signs (JY-27), then frozen.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import type { ProfileId } from '../../src/rules/index.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { decideMeetingLeave, requestMeetingLeave, signIn } from '../../src/services/attendance.js';
import { closeMeeting, scheduleMeeting, setAgenda, startMeeting } from '../../src/services/meetings.js';
import { sendNotice } from '../../src/services/meetings-notice.js';
import { draftMinutes, getMinutes, signOffMinutes } from '../../src/services/minutes.js';
import { createTasksFromDecision } from '../../src/services/tasks.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { castVote, closeBallot, openBallot, recordReservedOpinion } from '../../src/services/voting.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { commit } from '../../src/store/doc-store.js';
import { docKey, getDoc, MINUTES, RESERVED_OPINIONS } from '../../src/store/repos.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { closedBallot, commitMeeting } from './recorded-meeting.js';
import { refusal } from '../support/refusal.js';

const ctx = useRedis();
const roster: Member[] = [
  { id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' },
  { id: 'vice1', openId: 'ou_vice1', name: '李副书记', role: 'viceChair' },
  { id: 'm1', openId: 'ou_m1', name: '王委员', role: 'member' },
  { id: 'm2', openId: 'ou_m2', name: '孙委员', role: 'member' },
  { id: 'm3', openId: 'ou_m3', name: '周委员', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
  { id: 'obs1', openId: 'ou_obs1', name: '钱副主任', role: 'observer' },
];
const signedIn = (memberId: string, as: 'voting' | 'observer' = 'voting') => ({ memberId, signedInAt: '2025-06-18T00:55:00.000Z', signedInAs: as });

async function setup(profileId: ProfileId = 'JY', status: 'inProgress' | 'closed' | 'scheduled' = 'closed', chairId = 'chair1') {
  const clock = manualClock('2025-06-18T06:00:00Z');
  const deps: ServiceDeps = { redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  const c = (await createCommittee(deps, { chatId: freshId('mn'), name: '市人大常委会党组', profileId, roster, actorOpenId: 'ou_clerk1' })).id;
  await commitMeeting(ctx.redis, {
    committeeId: c,
    meeting: { id: 'mt1', title: '党组会议', status, chairId, observers: ['obs1'], location: '机关三楼会议室' },
    attendance: [
      signedIn('chair1'), signedIn('vice1'), signedIn('m1'), signedIn('m2'), signedIn('obs1', 'observer'),
      { memberId: 'm3', leave: { reason: '赴省参加培训', status: 'approved', requestedAt: '2025-06-16T01:00:00.000Z', writtenOpinions: [{ topicId: 'tp1', text: '同意该方案' }] } },
    ],
    items: [
      { topic: { id: 'tp1', title: '关于开展执法检查的方案' },
        ballots: [closedBallot('b1', { counts: { yes: 3, no: 1, abstain: 0 }, voters: 4, eligible: 4, passed: true, basis: ['JY-23a', 'JY-24b'],
          roll: [{ memberId: 'm1', choice: 'yes' }, { memberId: 'm2', choice: 'no' }, { memberId: 'vice1', choice: 'yes' }, { memberId: 'chair1', choice: 'yes' }] })],
        reserved: { b1: [{ memberId: 'm2', text: '建议缩小检查范围', at: '2025-06-18T02:00:00.000Z' }] } },
      // A secret ballot whose stored result (wrongly) carried a roll: the minutes must still show counts only.
      { topic: { id: 'tp2', title: '关于任免干部的建议', kind: 'personnel' },
        ballots: [closedBallot('b2', { counts: { yes: 2, no: 1, abstain: 1 }, voters: 4, eligible: 4, passed: false, basis: ['JY-23b', 'JY-24b'],
          roll: [{ memberId: 'm1', choice: 'no' }] }, { method: 'secret' })] },
      { topic: { id: 'tp3', title: '关于临时增加的事项' }, addedAtMeeting: true,
        ballots: [closedBallot('b3', { voters: 0, quorate: false, passed: null, basis: ['JY-23a'] }, { method: 'named' })] },
      { topic: { id: 'tp4', title: '关于调整学习安排', status: 'deferred' } },
    ],
  });
  return { clock, deps, c };
}


/** The body split by agenda item: [header and attendance, item 1, item 2, ...]. */
const sections = (body: string): string[] => body.split('\n### ');

describe('drafting the minutes', () => {
  it('writes header, attendance, and each item with method, counts, positions, decision, basis and opinions', async () => {
    const { deps, c } = await setup();
    const minutes = await draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'clerk1' });
    expect(minutes).toMatchObject({ version: 1, status: 'draft', draftedBy: 'clerk1', meetingId: 'mt1' });
    const [head, one, two, three, four] = sections(minutes.body);
    expect(head).toContain('# 党组会议纪要');
    expect(head).toContain('- 时间:2025年6月18日 09:00(北京时间)');
    expect(head).toContain('- 地点:机关三楼会议室');
    expect(head).toContain('- 主持人:张书记');
    expect(head).toContain('- 记录人:赵秘书');
    expect(head).toContain('应到会 5 人,实到会 4 人。');
    expect(head).toContain('- 出席:张书记、李副书记、王委员、孙委员');
    expect(head).toContain('- 缺席:周委员(请假:赴省参加培训,已批准)');
    expect(head).toContain('- 列席:钱副主任');

    expect(one).toContain('一、关于开展执法检查的方案');
    expect(one).toContain('- 议题类别:一般事项\n');
    expect(one).toContain('- 表决方式:举手表决');
    expect(one).toContain('- 表决结果:赞成 3 票,反对 1 票,弃权 0 票(参加表决 4 人)');
    expect(one).toContain('- 表态情况:王委员 赞成;孙委员 反对;李副书记 赞成;张书记 赞成');
    expect(one).toContain('- 决定:通过');
    expect(one).toContain('- 规则依据:JY-23a、JY-24b');
    expect(one).toContain('- 未到会成员书面意见(已记录,不计入票数):\n  - 周委员:同意该方案');
    expect(one).toContain('- 保留意见:\n  - 孙委员:建议缩小检查范围');

    expect(two).toContain('二、关于任免干部的建议');
    expect(two).toContain('- 议题类别:人事事项');
    expect(two).toContain('- 表决方式:无记名投票');
    expect(two).toContain('- 表决结果:赞成 2 票,反对 1 票,弃权 1 票');
    expect(two).toContain('- 决定:未通过');
    expect(two).not.toContain('表态');
    expect(two).not.toContain('王委员');

    expect(three).toContain('三、关于临时增加的事项');
    expect(three).toContain('(会上临时增加)');
    expect(three).toContain('- 表决方式:记名投票');
    expect(three).toContain('- 决定:未达到法定人数');
    expect(four).toContain('四、关于调整学习安排');
    expect(four).toContain('- 决定:暂缓');

    const audit = await readAuditLog(ctx.redis, c);
    expect(audit.at(-1)).toMatchObject({ actor: 'clerk1', action: 'minutes.draft', subject: 'mt1' });
    expect(JSON.stringify(audit.at(-1)?.data)).not.toContain('执法检查');
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 2 });
  });

  it('may be drafted while the meeting is in progress and re-drafted as the record grows', async () => {
    const { clock, deps, c } = await setup('JY', 'inProgress');
    const first = await draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'chair1' });
    expect(first.body).toContain('- 记录人:张书记');
    await commit(ctx.redis, { committeeId: c, at: clock.now(), audit: null,
      docs: [{ key: docKey(c, RESERVED_OPINIONS, 'b1'), value: { ...(await getDoc(ctx.redis, c, RESERVED_OPINIONS, 'b1'))!,
        entries: [{ memberId: 'm2', text: '建议缩小检查范围', at: '2025-06-18T02:00:00.000Z' }, { memberId: 'm1', text: '请明确时间表', at: '2025-06-18T02:05:00.000Z' }] } }] });
    clock.advance(60_000);
    const second = await draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'clerk1' });
    expect(second).toMatchObject({ version: 2, draftedBy: 'clerk1', draftedAt: '2025-06-18T06:01:00.000Z' });
    expect(second.body).toContain('  - 王委员:请明确时间表');
    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action)).toEqual(['committee.create', 'minutes.draft', 'minutes.draft']);
  });

  it('refuses a plain member, an observer, an unknown meeting, a meeting not yet held and bad input, changing nothing', async () => {
    const { deps, c } = await setup('JY', 'scheduled');
    const cases: [() => Promise<unknown>, string][] = [
      [() => draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'clerk1' }), 'INVALID_STATE'],
      [() => draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'm1' }), 'NOT_CLERK'],
      [() => draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'obs1' }), 'NOT_CLERK'],
      [() => draftMinutes(deps, { committeeId: c, meetingId: 'nope', actorId: 'clerk1' }), 'NOT_FOUND'],
      [() => draftMinutes(deps, { committeeId: c, meetingId: 'a}:b', actorId: 'clerk1' }), 'INVALID_INPUT'],
      [() => signOffMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'chair1' }), 'MINUTES_NOT_DRAFTED'],
    ];
    for (const [call, code] of cases) expect((await refusal(call())).refusal).toBe(code);
    expect(await getMinutes(deps, { viewerId: 'clerk1', committeeId: c, meetingId: 'mt1' })).toBeNull();
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(1);
  });
});

describe('signing the minutes off', () => {
  it('JY-27: only the 书记 signs in JY; once signed, re-drafting and signing again are refused and nothing changes', async () => {
    const { deps, c } = await setup('JY');
    await draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'clerk1' });
    for (const actorId of ['vice1', 'm1', 'clerk1']) {
      expect((await refusal(signOffMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId }))).refusal).toBe('NOT_COMMITTEE_CHAIR');
    }
    const signed = await signOffMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'chair1' });
    expect(signed).toMatchObject({ status: 'signed', signedBy: 'chair1', signedAt: '2025-06-18T06:00:00.000Z', version: 2 });

    const auditBefore = (await readAuditLog(ctx.redis, c)).length;
    const refusedDraft = await refusal(draftMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'clerk1' }));
    expect(refusedDraft.refusal).toBe('MINUTES_SIGNED');
    expect(refusedDraft.userMessage).toBe('会议纪要已经审签,不能再修改。');
    expect((await refusal(signOffMinutes(deps, { committeeId: c, meetingId: 'mt1', actorId: 'chair1' }))).refusal).toBe('MINUTES_SIGNED');
    expect(await getDoc(ctx.redis, c, MINUTES, 'mt1')).toEqual(signed);
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(auditBefore);

    const audit = await readAuditLog(ctx.redis, c);
    expect(audit.map((e) => e.action)).toEqual(['committee.create', 'minutes.draft', 'minutes.signOff']);
    expect(audit[2]?.data['bodyHash']).toBe(audit[1]?.data['bodyHash']);
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 3 });
  });

  it('elsewhere whoever chaired the meeting signs (a vice chair acting for the chair too); a meeting still in progress cannot be signed off', async () => {
    const national = await setup('NATIONAL', 'closed', 'vice1');
    await draftMinutes(national.deps, { committeeId: national.c, meetingId: 'mt1', actorId: 'clerk1' });
    for (const actorId of ['chair1', 'm1', 'clerk1']) {
      expect((await refusal(signOffMinutes(national.deps, { committeeId: national.c, meetingId: 'mt1', actorId }))).refusal).toBe('NOT_CHAIR');
    }
    expect((await signOffMinutes(national.deps, { committeeId: national.c, meetingId: 'mt1', actorId: 'vice1' })).status).toBe('signed');
    const chaired = await setup('NATIONAL');
    await draftMinutes(chaired.deps, { committeeId: chaired.c, meetingId: 'mt1', actorId: 'clerk1' });
    expect((await refusal(signOffMinutes(chaired.deps, { committeeId: chaired.c, meetingId: 'mt1', actorId: 'vice1' }))).refusal).toBe('NOT_CHAIR');

    const running = await setup('NATIONAL', 'inProgress');
    await draftMinutes(running.deps, { committeeId: running.c, meetingId: 'mt1', actorId: 'clerk1' });
    expect((await refusal(signOffMinutes(running.deps, { committeeId: running.c, meetingId: 'mt1', actorId: 'chair1' }))).refusal).toBe('INVALID_STATE');
    expect((await getMinutes(running.deps, { viewerId: 'clerk1', committeeId: running.c, meetingId: 'mt1' }))?.status).toBe('draft');
  });
});

describe('end to end through the meeting, attendance and voting services', () => {
  it('a small JY meeting: notice, leave with a written opinion, sign-in, a hands vote and a secret vote, close, minutes, sign-off, tasks', async () => {
    const clock = manualClock('2025-06-10T01:00:00Z');
    const deps: ServiceDeps = { redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
    const c = (await createCommittee(deps, { chatId: freshId('e2e'), name: '市人大常委会党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' })).id;
    const plan = await submitTopic(deps, { committeeId: c, actorId: 'clerk1', title: '关于开展执法检查的方案' });
    const people = await submitTopic(deps, { committeeId: c, actorId: 'clerk1', title: '关于任免干部的建议', kind: 'personnel' });
    for (const topic of [plan, people]) await confirmTopic(deps, { committeeId: c, topicId: topic.id, actorId: 'chair1' });
    const meeting = await scheduleMeeting(deps, { committeeId: c, actorId: 'clerk1', title: '第六次党组会议', startsAt: '2025-06-18T09:00:00+08:00', observers: ['obs1'], location: '机关三楼会议室' });
    const ref = { committeeId: c, meetingId: meeting.id };
    await setAgenda(deps, { ...ref, actorId: 'clerk1', topicIds: [plan.id, people.id] });
    await sendNotice(deps, { ...ref, actorId: 'clerk1' });
    await requestMeetingLeave(deps, { ...ref, actorId: 'm3', reason: '赴省参加培训', writtenOpinions: [{ topicId: plan.id, text: '同意该方案' }] });
    await decideMeetingLeave(deps, { ...ref, actorId: 'chair1', memberId: 'm3', approve: true });

    clock.set('2025-06-18T00:55:00Z');
    for (const id of ['chair1', 'vice1', 'm1', 'm2', 'obs1']) await signIn(deps, { ...ref, actorId: id });
    await startMeeting(deps, { ...ref, actorId: 'chair1' });

    const hands = await openBallot(deps, { ...ref, topicId: plan.id, method: 'hands', actorId: 'chair1' });
    const votes: [string, string][] = [['m1', 'yes'], ['m2', 'no'], ['vice1', 'yes'], ['chair1', 'yes']];
    for (const [voterId, choice] of votes) await castVote(deps, { committeeId: c, ballotId: hands.id, voterId, choice, operationId: `op-h-${voterId}` });
    expect((await closeBallot(deps, { committeeId: c, ballotId: hands.id, actorId: 'chair1' })).result?.passed).toBe(true);
    await recordReservedOpinion(deps, { committeeId: c, ballotId: hands.id, memberId: 'm2', text: '建议缩小检查范围' });

    const secret = await openBallot(deps, { ...ref, topicId: people.id, method: 'secret', actorId: 'chair1' });
    const secretVotes: [string, string][] = [['m1', 'yes'], ['m2', 'yes'], ['vice1', 'no'], ['chair1', 'abstain']];
    for (const [voterId, choice] of secretVotes) await castVote(deps, { committeeId: c, ballotId: secret.id, voterId, choice, operationId: `op-s-${voterId}` });
    expect((await closeBallot(deps, { committeeId: c, ballotId: secret.id, actorId: 'chair1' })).result?.passed).toBe(false);

    clock.set('2025-06-18T03:00:00Z');
    const early = await draftMinutes(deps, { ...ref, actorId: 'clerk1' });
    expect(early.body).toContain('- 决定:通过');
    await closeMeeting(deps, { ...ref, actorId: 'chair1' });
    const minutes = await draftMinutes(deps, { ...ref, actorId: 'clerk1' });
    const [head, one, two] = sections(minutes.body);
    expect(head).toContain('# 第六次党组会议纪要');
    expect(head).toContain('- 时间:2025年6月18日 09:00(北京时间)');
    expect(head).toContain('- 主持人:张书记');
    expect(head).toContain('应到会 5 人,实到会 4 人。');
    expect(head).toContain('- 缺席:周委员(请假:赴省参加培训,已批准)');
    expect(head).toContain('- 列席:钱副主任');
    expect(one).toContain('- 表决结果:赞成 3 票,反对 1 票,弃权 0 票(参加表决 4 人)');
    expect(one).toContain('- 表态情况:王委员 赞成;孙委员 反对;李副书记 赞成;张书记 赞成');
    expect(one).toContain('- 决定:通过');
    expect(one).toMatch(/- 规则依据:.*JY-24b/);
    expect(one).toContain('  - 周委员:同意该方案');
    expect(one).toContain('  - 孙委员:建议缩小检查范围');
    expect(two).toContain('- 表决方式:无记名投票');
    expect(two).toContain('- 表决结果:赞成 2 票,反对 1 票,弃权 1 票');
    expect(two).toContain('- 决定:未通过');
    expect(two).not.toContain('表态');

    expect((await signOffMinutes(deps, { ...ref, actorId: 'chair1' })).status).toBe('signed');
    const tasks = await createTasksFromDecision(deps, { ...ref, topicId: plan.id, actorId: 'clerk1', tasks: [{ title: '制定实施方案', ownerId: 'm1', unit: '法制委', due: '2025-07-15' }] });
    expect(tasks).toHaveLength(1);
    expect((await refusal(createTasksFromDecision(deps, { ...ref, topicId: people.id, actorId: 'clerk1', tasks: [{ title: '办理任免', ownerId: 'm1', unit: '人事处', due: '2025-07-15' }] }))).refusal).toBe('INVALID_STATE');
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });
});
