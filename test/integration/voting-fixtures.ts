/**
 * Builds the record a vote needs — committee, topics, a meeting with them on its agenda, who signed
 * in and who sent a written opinion — by writing the documents directly, so the voting tests do not
 * depend on how the meeting services get there.
 */
import type { Redis } from 'ioredis';
import { manualClock } from '../../src/clock.js';
import type { Attendance, Meeting, Member, Topic } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import type { ProfileId } from '../../src/rules/index.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { commit, type DocWrite, type StoredDoc } from '../../src/store/doc-store.js';
import { ATTENDANCE, attendanceId, docKey, indexKey, MEETINGS, TOPICS } from '../../src/store/repos.js';
import { freshId, TEST_SEEN_KEY } from '../support/store.js';

export const AT = '2025-06-10T01:00:00.000Z';

export function testDeps(redis: Redis, log = memoryLogger()): ServiceDeps & { log: ReturnType<typeof memoryLogger> } {
  return { redis, clock: manualClock(AT), log, seenKey: TEST_SEEN_KEY };
}

/** chair + m1..m{members-1} voting, plus clerk1 and obs1 (observer) on the roster. */
export function rosterOf(votingMembers: number): Member[] {
  return [
    { id: 'chair', openId: 'ou_chair', name: '书记', role: 'chair' },
    ...Array.from({ length: votingMembers - 1 }, (_, i) => ({ id: `m${i + 1}`, openId: `ou_m${i + 1}`, name: `委员${i + 1}`, role: 'member' as const })),
    { id: 'clerk1', openId: 'ou_clerk1', name: '秘书', role: 'clerk' },
    { id: 'obs1', openId: 'ou_obs1', name: '列席', role: 'observer' },
  ];
}

export interface TopicSpec { id: string; kind?: Topic['kind']; recused?: string[]; addedAtMeeting?: boolean }

export interface MeetingSpec {
  profileId?: ProfileId;
  /** Voting members including the chair (N). */
  members: number;
  topics: TopicSpec[];
  /** Voting members (or others) signed in; default: all voting members. */
  signedIn?: string[];
  /** Absent members with an approved leave and a written opinion on these topics. */
  writtenOpinions?: { memberId: string; topicIds: string[] }[];
  kind?: Meeting['kind'];
  /** Guests invited to attend (列席) who are not on the roster. */
  guests?: string[];
}

export interface Seeded { committeeId: string; meetingId: string; roster: Member[] }

function topicDoc(committeeId: string, meetingId: string, spec: TopicSpec): Topic {
  return {
    version: 0, id: spec.id, committeeId, title: `议题${spec.id}`, kind: spec.kind ?? 'general', status: 'scheduled',
    submittedBy: 'clerk1', submittedAt: AT, materials: [], needsOptions: false, options: [],
    recusals: (spec.recused ?? []).map((memberId) => ({ memberId, reason: '近亲属' })), meetingId,
  };
}

function attendanceDoc(meetingId: string, memberId: string, signedIn: boolean, opinions: string[]): Attendance {
  return {
    version: 0, meetingId, memberId,
    ...(signedIn ? { signedInAt: AT, signedInAs: 'voting' as const } : {}),
    ...(opinions.length > 0 ? { leave: { reason: '出差', status: 'approved' as const, requestedAt: AT, writtenOpinions: opinions.map((topicId) => ({ topicId, text: '同意' })) } } : {}),
  };
}

/** A committee with a meeting in progress whose agenda holds `topics`. */
export async function seedMeeting(deps: ServiceDeps, spec: MeetingSpec): Promise<Seeded> {
  const meetingId = 'mtg1';
  const roster = rosterOf(spec.members);
  const committeeId = (await createCommittee(deps, { chatId: freshId('oc'), name: '党组', profileId: spec.profileId ?? 'JY', roster, actorOpenId: 'ou_clerk1' })).id;
  const meeting: Meeting = {
    version: 0, id: meetingId, committeeId, title: '党组会议', kind: spec.kind ?? 'regular', status: 'inProgress', startsAt: AT,
    agenda: spec.topics.map((t) => ({ topicId: t.id, addedAtMeeting: t.addedAtMeeting ?? false, ballotIds: [] })),
    observers: spec.guests ?? [], noticeFlags: [], objections: [], createdBy: 'clerk1', chairId: 'chair',
  };
  const signedIn = new Set(spec.signedIn ?? roster.filter((m) => m.role !== 'clerk' && m.role !== 'observer').map((m) => m.id));
  const opinions = new Map((spec.writtenOpinions ?? []).map((w) => [w.memberId, w.topicIds]));
  const people = roster.map((m) => m.id).filter((id) => signedIn.has(id) || opinions.has(id));
  const docs: DocWrite<StoredDoc>[] = [
    { key: docKey(committeeId, MEETINGS, meetingId), value: meeting },
    ...spec.topics.map((t) => ({ key: docKey(committeeId, TOPICS, t.id), value: topicDoc(committeeId, meetingId, t) })),
    ...people.map((id) => ({ key: docKey(committeeId, ATTENDANCE, attendanceId(meetingId, id)), value: attendanceDoc(meetingId, id, signedIn.has(id), opinions.get(id) ?? []) })),
  ];
  const indexes = [
    { key: indexKey(committeeId, MEETINGS), member: meetingId },
    ...spec.topics.map((t) => ({ key: indexKey(committeeId, TOPICS), member: t.id })),
    ...people.map((id) => ({ key: indexKey(committeeId, ATTENDANCE, meetingId), member: attendanceId(meetingId, id) })),
  ];
  if (!(await commit(deps.redis, { committeeId, docs, indexes, audit: null, at: new Date(AT) }))) throw new Error('seed conflict');
  return { committeeId, meetingId, roster };
}

/** The voting member ids of a roster of `n` voting members: chair, m1..m{n-1}. */
export function voters(n: number): string[] {
  return ['chair', ...Array.from({ length: n - 1 }, (_, i) => `m${i + 1}`)];
}

let op = 0;
/** A fresh operation id (what a Feishu event id would be). */
export function opId(): string {
  op += 1;
  return `op-${process.pid}-${op}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The refusal code a promise rejects with; fails when it resolves or throws anything else. */
export { refusalOf } from '../support/refusal.js';
