/**
 * A recorded meeting for the tests of minutes and tasks, committed straight into the store with the
 * domain schemas (no audit entry: only the service under test writes the audit log). Built this
 * way so that those tests do not depend on the meeting and voting services.
 */
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Attendance, Ballot, Meeting, ReservedOpinions, Topic } from '../../src/domain/index.js';
import { AttendanceSchema, BallotSchema, MeetingSchema, ReservedOpinionsSchema, TopicSchema } from '../../src/domain/index.js';
import { commit, type StoredDoc } from '../../src/store/doc-store.js';
import { ATTENDANCE, attendanceId, BALLOTS, docKey, indexKey, MEETINGS, RESERVED_OPINIONS, TOPICS } from '../../src/store/repos.js';

export interface ItemFixture {
  topic: Partial<Topic> & { id: string; title: string };
  addedAtMeeting?: boolean;
  ballots?: (Partial<Ballot> & { id: string })[];
  reserved?: Record<string, ReservedOpinions['entries']>;
}

export interface MeetingFixture {
  committeeId: string;
  meeting: Partial<Meeting> & { id: string };
  items: ItemFixture[];
  attendance?: (Partial<Attendance> & { memberId: string })[];
}

const AT = '2025-06-18T01:00:00.000Z';

export function closedBallot(id: string, result: Partial<NonNullable<Ballot['result']>>, extra: Partial<Ballot> = {}): Partial<Ballot> & { id: string } {
  return {
    id, method: 'hands', state: 'closed', closedAt: '2025-06-18T02:00:00.000Z', ...extra,
    result: { counts: { yes: 0, no: 0, abstain: 0 }, voters: 0, eligible: 0, passed: null, quorate: true, flags: [], errors: [], basis: [], ...result },
  };
}

function parsed<S extends z.ZodType<StoredDoc>>(schema: S, value: unknown): z.infer<S> {
  return schema.parse(value);
}

/** Writes the meeting, its topics, ballots, reserved opinions and attendance in one commit. */
export async function commitMeeting(redis: Redis, fixture: MeetingFixture): Promise<Meeting> {
  const c = fixture.committeeId;
  const meetingId = fixture.meeting.id;
  const meeting = parsed(MeetingSchema, {
    version: 0, committeeId: c, title: '党组会议', kind: 'regular', status: 'closed', startsAt: AT, observers: [],
    noticeFlags: [], objections: [], createdBy: 'clerk1', ...fixture.meeting,
    agenda: fixture.items.map((item) => ({ topicId: item.topic.id, addedAtMeeting: item.addedAtMeeting ?? false, ballotIds: (item.ballots ?? []).map((b) => b.id) })),
  });
  const docs: { key: string; value: StoredDoc }[] = [{ key: docKey(c, MEETINGS, meetingId), value: meeting }];
  const indexes = [{ key: indexKey(c, MEETINGS), member: meetingId }];
  for (const item of fixture.items) {
    const topic = parsed(TopicSchema, {
      version: 0, committeeId: c, kind: 'general', status: 'decided', submittedBy: 'clerk1', submittedAt: AT, materials: [],
      recusals: [], needsOptions: false, options: [], meetingId, ...item.topic,
    });
    docs.push({ key: docKey(c, TOPICS, topic.id), value: topic });
    for (const b of item.ballots ?? []) {
      const ballot = parsed(BallotSchema, { version: 0, committeeId: c, meetingId, topicId: topic.id, openedAt: AT, openedBy: 'chair1', ...b });
      docs.push({ key: docKey(c, BALLOTS, ballot.id), value: ballot });
    }
    for (const [ballotId, entries] of Object.entries(item.reserved ?? {})) {
      docs.push({ key: docKey(c, RESERVED_OPINIONS, ballotId), value: parsed(ReservedOpinionsSchema, { version: 0, ballotId, entries }) });
    }
  }
  for (const a of fixture.attendance ?? []) {
    const id = attendanceId(meetingId, a.memberId);
    docs.push({ key: docKey(c, ATTENDANCE, id), value: parsed(AttendanceSchema, { version: 0, meetingId, ...a }) });
    indexes.push({ key: indexKey(c, ATTENDANCE, meetingId), member: id });
  }
  if (!(await commit(redis, { committeeId: c, at: new Date(AT), docs, indexes, audit: null }))) throw new Error('fixture already stored');
  return { ...meeting, version: 1 };
}
