import { describe, expect, it } from 'vitest';
import { itemQuorum } from '../../src/services/attendance-quorum.js';
import { decideMeetingLeave, requestMeetingLeave, rsvp, signIn } from '../../src/services/attendance.js';
import { loadMeeting, loadTopic } from '../../src/services/loaders.js';
import { closeMeeting, delegateChair, listMeetings, scheduleMeeting, setAgenda, startMeeting } from '../../src/services/meetings.js';
import { addItemAtMeeting, raiseObjection, sendNotice } from '../../src/services/meetings-notice.js';
import { addRecusal, confirmTopic, submitTopic } from '../../src/services/topics.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { useRedis } from '../support/store.js';
import { committee, confirmedTopic, meetingWithAgenda, refusedUnchanged, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
/** Wed 2025-06-18 09:00 in Shanghai: the meeting of TC45 and TC48. */
const MEETING = '2025-06-18T09:00:00+08:00';
const deps = (now = '2025-06-10T09:00:00+08:00') => testDeps(ctx.redis, now);

describe('scheduling and the agenda', () => {
  it('the clerk schedules a meeting with observers; the start is stored in UTC', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const meeting = await scheduleMeeting(d, { committeeId: c, actorId: 'clerk1', title: '党组会议', kind: 'enlarged', startsAt: MEETING, location: '三楼会议室', observers: ['obs1'] });
    expect(meeting).toMatchObject({ version: 1, status: 'scheduled', kind: 'enlarged', startsAt: '2025-06-18T01:00:00.000Z', observers: ['obs1'], agenda: [], noticeFlags: [], objections: [], createdBy: 'clerk1' });
    expect(await loadMeeting(d, c, meeting.id)).toEqual(meeting);
    expect((await listMeetings(d, { viewerId: 'clerk1', committeeId: c })).map((m) => m.id)).toEqual([meeting.id]);
    const entry = (await readAuditLog(ctx.redis, c)).at(-1);
    expect(entry).toMatchObject({ actor: 'clerk1', action: 'meeting.schedule', subject: meeting.id, data: { kind: 'enlarged', startsAt: '2025-06-18T01:00:00.000Z', observers: 1 } });
  });

  it('refuses a member, a start in the past or without an offset, and a voting member as observer, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const base = { committeeId: c, actorId: 'clerk1', title: '党组会议', startsAt: MEETING };
    await refusedUnchanged(ctx.redis, c, () => scheduleMeeting(d, { ...base, actorId: 'm1' }), 'NOT_CLERK');
    await refusedUnchanged(ctx.redis, c, () => scheduleMeeting(d, { ...base, startsAt: '2025-06-01T09:00:00+08:00' }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => scheduleMeeting(d, { ...base, startsAt: '2025-06-18T09:00:00' }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => scheduleMeeting(d, { ...base, observers: ['m1'] }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => scheduleMeeting(d, { ...base, observers: ['nobody'] }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => scheduleMeeting(d, { ...base, kind: 'party' as never }), 'INVALID_INPUT');
  });

  it('setAgenda puts confirmed topics on the agenda and marks them scheduled in one commit; dropped topics are freed', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const [a, b, x] = [await confirmedTopic(d, c), await confirmedTopic(d, c, 'major'), await confirmedTopic(d, c)];
    const meeting = await scheduleMeeting(d, { committeeId: c, actorId: 'clerk1', title: '党组会议', startsAt: MEETING });
    const auditBefore = (await readAuditLog(ctx.redis, c)).length;
    const first = await setAgenda(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1', topicIds: [a.id, b.id] });
    expect(first.agenda).toEqual([{ topicId: a.id, addedAtMeeting: false, ballotIds: [] }, { topicId: b.id, addedAtMeeting: false, ballotIds: [] }]);
    expect(await loadTopic(d, c, a.id)).toMatchObject({ status: 'scheduled', meetingId: meeting.id });
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(auditBefore + 1);
    const second = await setAgenda(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', topicIds: [x.id, a.id] });
    expect(second.agenda.map((i) => i.topicId)).toEqual([x.id, a.id]);
    const freed = await loadTopic(d, c, b.id);
    expect(freed.status).toBe('confirmed');
    expect(freed.meetingId).toBeUndefined();
    expect((await readAuditLog(ctx.redis, c)).at(-1)?.data).toEqual({ topics: 2, added: 1, removed: 1 });
  });

  it('setAgenda refuses unconfirmed topics, duplicates, topics of another meeting, a member, and any change after the notice (AGENDA_LOCKED)', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting, topics } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    const other = await scheduleMeeting(d, { committeeId: c, actorId: 'clerk1', title: '另一次会议', startsAt: '2025-06-25T09:00:00+08:00' });
    const submitted = await submitTopic(d, { committeeId: c, actorId: 'm1', title: '未确认的议题' });
    const fresh = await confirmedTopic(d, c);
    const set = (meetingId: string, topicIds: string[], actorId = 'clerk1') => () => setAgenda(d, { committeeId: c, meetingId, actorId, topicIds });
    await refusedUnchanged(ctx.redis, c, set(meeting.id, [submitted.id]), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, set(meeting.id, [fresh.id, fresh.id]), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, set(other.id, [topics[0]!.id]), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, set(meeting.id, [fresh.id], 'm1'), 'NOT_CLERK');
    await refusedUnchanged(ctx.redis, c, set(meeting.id, ['topic-none']), 'NOT_FOUND');
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    const locked = await refusedUnchanged(ctx.redis, c, set(meeting.id, [topics[0]!.id, fresh.id]), 'AGENDA_LOCKED');
    expect(locked.userMessage).toContain('议程');
  });
});

describe('the notice (NT-3.4b, A9)', () => {
  it('TC45: an NT notice is on time until 23:59:59 two days before; a later one still goes out, flagged LATE_NOTICE', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting: onTimeMeeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    const { meeting: lateMeeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    d.clock.set('2025-06-16T23:59:59+08:00');
    const onTime = await sendNotice(d, { committeeId: c, meetingId: onTimeMeeting.id, actorId: 'clerk1' });
    expect(onTime).toMatchObject({
      status: 'noticed', noticeOnTime: true, noticeSentAt: '2025-06-16T15:59:59.000Z', noticeSentBy: 'clerk1',
      noticeBy: '2025-06-16T15:59:59.000Z', objectionsBy: '2025-06-17T15:59:59.000Z',
    });
    expect(onTime.noticeFlags).not.toContain('LATE_NOTICE');
    d.clock.set('2025-06-17T00:00:00+08:00');
    const late = await sendNotice(d, { committeeId: c, meetingId: lateMeeting.id, actorId: 'chair1' });
    expect(late).toMatchObject({ status: 'noticed', noticeOnTime: false });
    expect(late.noticeFlags).toContain('LATE_NOTICE');
    expect((await readAuditLog(ctx.redis, c)).at(-1)).toMatchObject({ action: 'meeting.notice', data: { onTime: false } });
    expect(d.log.lines.some((line) => line.includes('late notice') && line.includes(lateMeeting.id))).toBe(true);
  });

  it('TC45 under the hours policy: the notice is due 48 hours and objections 24 hours before the start', async () => {
    const d = deps();
    const c = await committee(d, 'NT', 5, { noticeCounting: 'hours' });
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    d.clock.set('2025-06-16T10:00:00+08:00');
    const sent = await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    expect(sent).toMatchObject({ noticeBy: '2025-06-16T01:00:00.000Z', objectionsBy: '2025-06-17T01:00:00.000Z', noticeOnTime: false });
    expect(sent.noticeFlags).toEqual(expect.arrayContaining(['LATE_NOTICE', 'NOTICE_COUNTING_SENSITIVE']));
  });

  it('a notice deadline on a rest day gives the working day to aim for; a profile without a notice rule says so', async () => {
    const d = deps();
    const nt = await committee(d, 'NT');
    const { meeting } = await meetingWithAgenda(d, nt, { startsAt: '2025-06-16T09:00:00+08:00' });
    const sent = await sendNotice(d, { committeeId: nt, meetingId: meeting.id, actorId: 'clerk1' });
    expect(sent).toMatchObject({ noticeOnTime: true, noticeBy: '2025-06-14T15:59:59.000Z', advisedBy: '2025-06-13T15:59:59.000Z' });
    expect(sent.noticeFlags).toContain('DEADLINE_ON_REST_DAY');
    const jy = await committee(d, 'JY');
    const { meeting: jyMeeting } = await meetingWithAgenda(d, jy, { startsAt: MEETING });
    const jySent = await sendNotice(d, { committeeId: jy, meetingId: jyMeeting.id, actorId: 'clerk1' });
    expect(jySent).toMatchObject({ noticeOnTime: true, noticeFlags: ['NO_NOTICE_RULE'] });
  });

  it('refuses a notice without topics, a second notice and a member sending it, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting: empty } = await meetingWithAgenda(d, c, { startsAt: MEETING, topics: [] });
    const emptyRefusal = await refusedUnchanged(ctx.redis, c, () => sendNotice(d, { committeeId: c, meetingId: empty.id, actorId: 'clerk1' }), 'AGENDA_EMPTY');
    expect(emptyRefusal.userMessage).toContain('议题');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    await refusedUnchanged(ctx.redis, c, () => sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1' }), 'NOT_CLERK');
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await refusedUnchanged(ctx.redis, c, () => sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => sendNotice(d, { committeeId: c, meetingId: 'meeting-none', actorId: 'clerk1' }), 'NOT_FOUND');
  });
});

describe('objections (NT-3.4c)', () => {
  it('TC48: an objection the day before is on time; one on the morning of the meeting is recorded with LATE_OBJECTION', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    d.clock.set('2025-06-17T18:00:00+08:00');
    const a = await raiseObjection(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1', text: '建议第一项议题补充调研材料后再议' });
    expect(a.objection).toEqual({ memberId: 'm1', text: '建议第一项议题补充调研材料后再议', raisedAt: '2025-06-17T10:00:00.000Z', onTime: true, flags: ['NOTICE_COUNTING_SENSITIVE'] });
    // 18:00 the day before is on time by calendar date (A9), though past the 24-hour mark: hence the flag.
    d.clock.set('2025-06-18T08:00:00+08:00');
    const b = await raiseObjection(d, { committeeId: c, meetingId: meeting.id, actorId: 'm2', text: '对议题安排有不同意见' });
    expect(b.objection).toMatchObject({ memberId: 'm2', onTime: false, flags: ['LATE_OBJECTION'] });
    expect(b.meeting.objections.map((o) => [o.memberId, o.onTime])).toEqual([['m1', true], ['m2', false]]);
    expect((await loadMeeting(d, c, meeting.id)).objections).toHaveLength(2);
    expect((await readAuditLog(ctx.redis, c)).at(-1)).toMatchObject({ actor: 'm2', action: 'meeting.objection', data: { onTime: false, flags: ['LATE_OBJECTION'] } });
  });

  it('refuses an observer, an objection before the notice or after the start, and an empty text, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING, observers: ['obs1'] });
    const object = (actorId: string, text = '有异议') => () => raiseObjection(d, { committeeId: c, meetingId: meeting.id, actorId, text });
    await refusedUnchanged(ctx.redis, c, object('m1'), 'INVALID_STATE');
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await refusedUnchanged(ctx.redis, c, object('obs1'), 'NOT_VOTING_MEMBER');
    await refusedUnchanged(ctx.redis, c, object('clerk1'), 'NOT_VOTING_MEMBER');
    await refusedUnchanged(ctx.redis, c, object('m1', ' '), 'INVALID_INPUT');
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, object('m1'), 'INVALID_STATE');
  });
});

describe('items added at the meeting (临时动议: JY-22, NT-2.5, NT-3.4a, A20)', () => {
  it('TC50 (a): a JY general item added at the meeting is allowed and flagged AD_HOC_ITEM on the agenda item', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    d.clock.set(MEETING);
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    const extra = await confirmedTopic(d, c, 'general', '临时增加的工作通报');
    const added = await addItemAtMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', topicId: extra.id });
    expect(added.agenda.at(-1)).toEqual({ topicId: extra.id, addedAtMeeting: true, ballotIds: [], flags: ['AD_HOC_ITEM'], addedBy: 'chair1', addedAt: '2025-06-18T01:00:00.000Z' });
    expect(await loadTopic(d, c, extra.id)).toMatchObject({ status: 'scheduled', meetingId: meeting.id });
    expect((await readAuditLog(ctx.redis, c)).at(-1)).toMatchObject({ action: 'meeting.addItem', data: { topicId: extra.id, flags: ['AD_HOC_ITEM'] } });
  });

  it('TC50 (b): an NT 干部任免 item at a regular meeting is refused with AD_HOC_MOTION_FORBIDDEN, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    const personnel = await confirmedTopic(d, c, 'personnel', '干部任免事项');
    const error = await refusedUnchanged(ctx.redis, c, () => addItemAtMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', topicId: personnel.id }), 'AD_HOC_MOTION_FORBIDDEN');
    expect(error.userMessage).toContain('不得临时动议');
    expect((await loadTopic(d, c, personnel.id)).status).toBe('confirmed');
  });

  it('TC50 (c): the same NT item at an emergency meeting is allowed, with no flag', async () => {
    const d = deps('2025-06-18T08:00:00+08:00');
    const c = await committee(d, 'NT');
    const meeting = await scheduleMeeting(d, { committeeId: c, actorId: 'chair1', title: '紧急党组会议', kind: 'emergency', startsAt: '2025-06-18T10:00:00+08:00' });
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    const personnel = await confirmedTopic(d, c, 'personnel', '干部任免事项');
    const added = await addItemAtMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', topicId: personnel.id });
    expect(added.agenda).toEqual([expect.objectContaining({ topicId: personnel.id, addedAtMeeting: true, flags: [] })]);
  });

  it('refuses a member, an unconfirmed topic, a meeting before its notice and a closed meeting, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    const topic = await confirmedTopic(d, c);
    const submitted = await submitTopic(d, { committeeId: c, actorId: 'm1', title: '未确认' });
    const add = (topicId: string, actorId = 'chair1') => () => addItemAtMeeting(d, { committeeId: c, meetingId: meeting.id, actorId, topicId });
    await refusedUnchanged(ctx.redis, c, add(topic.id), 'INVALID_STATE');
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await refusedUnchanged(ctx.redis, c, add(topic.id, 'clerk1'), 'NOT_CHAIR');
    await refusedUnchanged(ctx.redis, c, add(submitted.id), 'INVALID_STATE');
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    await closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, add(topic.id), 'INVALID_STATE');
  });
});

describe('emergency meetings (NT-3.4d, A20)', () => {
  it('TC49: an NT emergency meeting called at 08:00 for 10:00 has no notice or ad-hoc warnings, but its quorum is still checked', async () => {
    const d = deps('2025-06-18T08:00:00+08:00');
    const c = await committee(d, 'NT', 6);
    const meeting = await scheduleMeeting(d, { committeeId: c, actorId: 'chair1', title: '紧急党组会议', kind: 'emergency', startsAt: '2025-06-18T10:00:00+08:00' });
    const noticed = await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    expect(noticed).toMatchObject({ noticeOnTime: true, noticeFlags: [] });
    for (const id of ['chair1', 'vice1', 'm1']) await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: id });
    d.clock.set('2025-06-18T10:00:00+08:00');
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    const topic = await confirmedTopic(d, c, 'major', '突发事件处置');
    const added = await addItemAtMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', topicId: topic.id });
    expect(added.agenda[0]?.flags).toEqual([]);
    const three = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId: meeting.id, topicId: topic.id });
    expect(three.decision).toMatchObject({ quorate: false, requiredPresent: 4, participants: 3 });
    await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'm2' });
    const four = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId: meeting.id, topicId: topic.id });
    expect(four.decision).toMatchObject({ quorate: true, requiredPresent: 4, participants: 4, base: 6, errors: [] });
    expect(four.decision.flags).not.toContain('AD_HOC_ITEM');
  });
});

describe('starting and closing', () => {
  it('a vice chair opens the meeting only when the chair delegated it to him, and is recorded as its chair; only an open meeting closes', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    await refusedUnchanged(ctx.redis, c, () => startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' }), 'INVALID_STATE');
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await refusedUnchanged(ctx.redis, c, () => startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' }), 'NOT_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' }), 'INVALID_STATE');
    d.clock.set(MEETING);
    await refusedUnchanged(ctx.redis, c, () => startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'vice1' }), 'NOT_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => delegateChair(d, { committeeId: c, meetingId: meeting.id, actorId: 'vice1', viceChairId: 'vice1' }), 'NOT_COMMITTEE_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => delegateChair(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1', viceChairId: 'vice1' }), 'NOT_COMMITTEE_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => delegateChair(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', viceChairId: 'm1' }), 'INVALID_INPUT');
    expect(await delegateChair(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', viceChairId: 'vice1' })).toMatchObject({ delegatedTo: 'vice1' });
    const started = await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'vice1' });
    expect(started).toMatchObject({ status: 'inProgress', chairId: 'vice1', startedAt: '2025-06-18T01:00:00.000Z' });
    await refusedUnchanged(ctx.redis, c, () => closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1' }), 'NOT_CHAIR');
    // The meeting has its chair now: the 书记 does not take it over mid-way, nor move the delegation.
    await refusedUnchanged(ctx.redis, c, () => closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' }), 'NOT_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => delegateChair(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', viceChairId: null }), 'INVALID_STATE');
    d.clock.advance(90 * 60_000);
    const closed = await closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'vice1' });
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'vice1', closedAt: '2025-06-18T02:30:00.000Z' });
    await refusedUnchanged(ctx.redis, c, () => startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'vice1' }), 'INVALID_STATE');
    expect((await listMeetings(d, { viewerId: 'clerk1', committeeId: c, status: 'closed' })).map((m) => m.id)).toEqual([meeting.id]);
  });
});

describe('a whole meeting', () => {
  it('topics → agenda → notice → objection → leave → sign-in → ad-hoc item → quorum → close: every step audited and the chain verifies', async () => {
    const d = deps();
    const c = await committee(d, 'JY', 7);
    const plan = await submitTopic(d, { committeeId: c, actorId: 'm1', title: '年度工作要点', kind: 'major' });
    const cadre = await submitTopic(d, { committeeId: c, actorId: 'clerk1', title: '干部推荐', kind: 'personnel' });
    await confirmTopic(d, { committeeId: c, topicId: plan.id, actorId: 'chair1' });
    await confirmTopic(d, { committeeId: c, topicId: cadre.id, actorId: 'chair1' });
    await addRecusal(d, { committeeId: c, topicId: cadre.id, actorId: 'm2', memberId: 'm2', reason: '涉及本人亲属' });
    const meeting = await scheduleMeeting(d, { committeeId: c, actorId: 'clerk1', title: '六月党组会议', kind: 'enlarged', startsAt: MEETING, observers: ['obs1'] });
    await setAgenda(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1', topicIds: [plan.id, cadre.id] });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await raiseObjection(d, { committeeId: c, meetingId: meeting.id, actorId: 'm3', text: '建议先听取调研情况' });
    await rsvp(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1', answer: 'attend' });
    await requestMeetingLeave(d, { committeeId: c, meetingId: meeting.id, actorId: 'm5', reason: '参加省里培训', writtenOpinions: [{ topicId: cadre.id, text: '同意推荐' }] });
    await decideMeetingLeave(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', memberId: 'm5', approve: true });
    d.clock.set(MEETING);
    for (const id of ['chair1', 'vice1', 'm1', 'm2', 'm3', 'obs1', 'clerk1']) await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: id });
    await startMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    const notice = await confirmedTopic(d, c, 'general', '情况通报');
    await addItemAtMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', topicId: notice.id });
    const cadreQuorum = await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId: meeting.id, topicId: cadre.id });
    // N=7, five present, m2 recused: four participants for a 2/3 item (needs 5).
    expect(cadreQuorum.decision).toMatchObject({ participants: 4, requiredPresent: 5, quorate: false, writtenOpinions: 1 });
    expect(cadreQuorum.writtenOpinions).toEqual([{ memberId: 'm5', text: '同意推荐' }]);
    expect((await itemQuorum(d, { viewerId: 'clerk1', committeeId: c, meetingId: meeting.id, topicId: plan.id })).decision.flags).toContain('DEFAULT_ASSUMED');
    await closeMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'chair1' });
    const actions = (await readAuditLog(ctx.redis, c)).map((e) => e.action);
    expect(actions).toEqual([
      'committee.create', 'topic.submit', 'topic.submit', 'topic.confirm', 'topic.confirm', 'topic.recusal',
      'meeting.schedule', 'meeting.agenda', 'meeting.notice', 'meeting.objection', 'attendance.rsvp', 'attendance.leave',
      'attendance.leaveDecision', ...Array<string>(7).fill('attendance.signIn'), 'meeting.start',
      'topic.submit', 'topic.confirm', 'meeting.addItem', 'meeting.close',
    ]);
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: actions.length });
  });
});
