/**
 * Opening sign-in, the sign-in sheet (the quorum per topic kind on the agenda, from the rules
 * module) and /签到's "the meeting whose sign-in is open", on real Redis.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../../src/services/attendance.js';
import { closeMeeting, startMeeting } from '../../src/services/meetings.js';
import { sendNotice } from '../../src/services/meetings-notice.js';
import { openSignIn, signInSheet, signInToOpenMeeting } from '../../src/services/sign-in.js';
import { readAuditLog } from '../../src/store/audit.js';
import { useRedis } from '../support/store.js';
import { committee, meetingWithAgenda, refusedUnchanged, snapshot, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
const MEETING = '2025-06-18T09:00:00+08:00';
const deps = () => testDeps(ctx.redis, '2025-06-10T09:00:00+08:00');

async function scheduled(topics: ('general' | 'personnel' | 'major')[] = ['general', 'personnel', 'general'], voting = 7) {
  const d = deps();
  const c = await committee(d, 'JY', voting);
  const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING, topics, observers: ['obs1'] });
  return { d, c, meetingId: meeting.id };
}

describe('opening sign-in', () => {
  it('is refused before the notice of a regular meeting and after the meeting closed, changing nothing', async () => {
    const { d, c, meetingId } = await scheduled();
    await refusedUnchanged(ctx.redis, c, () => openSignIn(d, { committeeId: c, meetingId, actorId: 'clerk1' }), 'NOTICE_NOT_SENT');
    await sendNotice(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    await startMeeting(d, { committeeId: c, meetingId, actorId: 'chair1' });
    await closeMeeting(d, { committeeId: c, meetingId, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, () => openSignIn(d, { committeeId: c, meetingId, actorId: 'chair1' }), 'INVALID_STATE');
  });

  it('records who opened it and when, once: opening again writes nothing', async () => {
    const { d, c, meetingId } = await scheduled();
    await sendNotice(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    const sheet = await openSignIn(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    expect(sheet.meeting.signInOpenedBy).toBe('clerk1');
    expect(sheet.meeting.signInOpenedAt).toBe(d.clock.now().toISOString());
    expect(sheet.meeting.status).toBe('noticed');
    const before = await snapshot(ctx.redis, c);
    d.clock.advance(60_000);
    expect((await openSignIn(d, { committeeId: c, meetingId, actorId: 'chair1' })).meeting).toEqual(sheet.meeting);
    expect(await snapshot(ctx.redis, c)).toEqual(before);
    expect((await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'attendance.openSignIn')).toHaveLength(1);
  });
});

describe('the sign-in sheet', () => {
  it('gives one verdict per topic kind on the agenda, in agenda order, that follows each sign-in', async () => {
    const { d, c, meetingId } = await scheduled(['general', 'personnel', 'general']);
    await sendNotice(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    const at = async () => (await signInSheet(d, { committeeId: c, meetingId, viewerId: 'obs1' })).quorum
      .map((q) => [q.kind, q.decision.requiredPresent, q.decision.participants, q.decision.quorate]);
    // JY, 7 voting members: 半数以上 is 4 (JY-23a), 三分之二以上 is 5 (JY-23b).
    expect(await at()).toEqual([['general', 4, 0, false], ['personnel', 5, 0, false]]);
    for (const id of ['chair1', 'vice1', 'm1', 'm2']) await signIn(d, { committeeId: c, meetingId, actorId: id });
    await signIn(d, { committeeId: c, meetingId, actorId: 'obs1' });
    await signIn(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    expect(await at()).toEqual([['general', 4, 4, true], ['personnel', 5, 4, false]]);
    const sheet = await signInSheet(d, { committeeId: c, meetingId, viewerId: 'm3' });
    expect(sheet.roster.present).toEqual(['chair1', 'vice1', 'm1', 'm2']);
    expect(sheet.roster.observers).toEqual(['obs1']);
    await signIn(d, { committeeId: c, meetingId, actorId: 'm3' });
    expect(await at()).toEqual([['general', 4, 5, true], ['personnel', 5, 5, true]]);
  });

  it('is for the roster only', async () => {
    const { d, c, meetingId } = await scheduled();
    await refusedUnchanged(ctx.redis, c, () => signInSheet(d, { committeeId: c, meetingId, viewerId: 'stranger' }), 'NOT_A_MEMBER');
  });
});

describe('/签到 finds the meeting whose sign-in is open', () => {
  it('refuses when none is open, and signs in to the one opened last otherwise', async () => {
    const { d, c, meetingId } = await scheduled(['general']);
    await sendNotice(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    const { meeting: other } = await meetingWithAgenda(d, c, { startsAt: '2025-06-19T09:00:00+08:00', topics: ['general'] });
    await sendNotice(d, { committeeId: c, meetingId: other.id, actorId: 'clerk1' });
    await refusedUnchanged(ctx.redis, c, () => signInToOpenMeeting(d, { committeeId: c, actorId: 'm1' }), 'SIGN_IN_NOT_OPEN');
    await openSignIn(d, { committeeId: c, meetingId: other.id, actorId: 'clerk1' });
    d.clock.advance(1000);
    await openSignIn(d, { committeeId: c, meetingId, actorId: 'clerk1' });
    const signedIn = await signInToOpenMeeting(d, { committeeId: c, actorId: 'm1' });
    expect(signedIn.meetingId).toBe(meetingId);
    expect(signedIn.signedInAs).toBe('voting');
    await startMeeting(d, { committeeId: c, meetingId, actorId: 'chair1' });
    await closeMeeting(d, { committeeId: c, meetingId, actorId: 'chair1' });
    expect((await signInToOpenMeeting(d, { committeeId: c, actorId: 'm2' })).meetingId).toBe(other.id);
  });
});
