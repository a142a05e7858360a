/**
 * The reminder machinery on a real queue: fixed job ids (adding twice is one job, a new version
 * another), voiding a subject, a payload of ids only, and the processor run twice on the same job
 * (a worker that died after sending and before acknowledging) putting each send in the outbox once.
 */
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { manualClock } from '../../src/clock.js';
import type { ReminderJob } from '../../src/domain/index.js';
import { createMemoryLarkApi } from '../../src/lark/memory.js';
import { memoryLogger } from '../../src/log.js';
import { createReminderQueue, createReminders, reminderJobId, reminderProcessor, type ReminderSend } from '../../src/scheduler/reminders.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { RefusedError } from '../../src/errors.js';
import { committeeKeys } from '../../src/store/keys.js';
import { startHarness } from '../lark/outbox-harness.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';

const ctx = useRedis();
const clock = manualClock('2026-12-09T02:00:00Z');
let queue: ReturnType<typeof createReminderQueue>;
let deps: ServiceDeps;
beforeAll(() => {
  queue = createReminderQueue({ redisUrl: inject('redisUrl'), prefix: freshId('remq') });
  deps = { redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY, reminders: createReminders({ queue: queue.queue, redis: ctx.redis, clock }) };
});
afterAll(async () => {
  await queue.close();
});

const job = (over: Partial<ReminderJob> = {}): ReminderJob => ({ committeeId: 'c-rem', kind: 'meeting.start', subject: 'meeting-1', version: 'v1', occurrence: 'start-30m', ...over });
const later = (ms: number) => new Date(clock.now().getTime() + ms);

describe('scheduling and voiding', () => {
  it('the same reminder added twice is one job under a fixed id with no ":"; a new version is another job', async () => {
    const subject = freshId('meeting');
    await deps.reminders?.schedule(job({ subject }), later(60_000));
    await deps.reminders?.schedule(job({ subject }), later(90_000));
    await deps.reminders?.schedule(job({ subject, version: 'v2' }), later(60_000));
    const jobs = (await queue.queue.getJobs(['delayed'])).filter((j) => j.data.subject === subject);
    expect(jobs.map((j) => j.id).sort()).toEqual([reminderJobId(job({ subject })), reminderJobId(job({ subject, version: 'v2' }))].sort());
    expect(jobs.every((j) => !(j.id ?? ':').includes(':'))).toBe(true);
    // Ids and a version only: nothing else rides in the job.
    for (const j of jobs) expect(Object.keys(j.data).sort()).toEqual(['committeeId', 'kind', 'occurrence', 'subject', 'version']);
  });

  it('voidSubject removes every pending job of the subject and no other', async () => {
    const subject = freshId('meeting');
    const other = freshId('meeting');
    for (const occurrence of ['start-30m', 'start-1440m', 'sign-in']) await deps.reminders?.schedule(job({ subject, occurrence }), later(60_000));
    await deps.reminders?.schedule(job({ subject: other }), later(60_000));
    await deps.reminders?.voidSubject('c-rem', subject);
    const left = (await queue.queue.getJobs(['delayed'])).map((j) => j.data.subject);
    expect(left.filter((s) => s === subject)).toEqual([]);
    expect(left.filter((s) => s === other)).toHaveLength(1);
    expect(await ctx.redis.scard(committeeKeys('c-rem').reminders(subject))).toBe(0);
  });

  it('refuses a job whose parts could shape another id', async () => {
    await expect(deps.reminders?.schedule(job({ subject: 'a:b' }), later(1_000))).rejects.toThrow();
    await expect(deps.reminders?.schedule(job({ kind: 'ballot.secret' as ReminderJob['kind'] }), later(1_000))).rejects.toThrow();
  });
});

describe('the processor', () => {
  it('run twice on the same job (a crash after the sends, before the ack), it puts each send in the outbox once', async () => {
    const h = await startHarness({ redisUrl: inject('redisUrl'), api: createMemoryLarkApi(), noWorker: true });
    try {
      const chatId = freshId('oc');
      const roster = [{ id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' as const }, { id: 'm1', openId: 'ou_m1', name: '王委员', role: 'member' as const }];
      const committee = await createCommittee(deps, { chatId, name: '党组', profileId: 'NT', roster, actorOpenId: 'ou_chair1', reminders: { quietHours: null } });
      const sends: ReminderSend[] = roster.map((m) => ({ to: { memberId: m.id }, notice: { type: 'meetingStarting', title: '会议', startsAt: '2026-12-09T03:00:00Z', minutesBefore: 30 } }));
      let runs = 0;
      const process = reminderProcessor({
        deps, log: memoryLogger(),
        senders: { 'meeting.start': () => { runs += 1; return Promise.resolve(sends); } },
        deliver: async (c, send, key) => { if ('to' in send && 'memberId' in send.to) await h.outbox.enqueueSend({ to: { openId: c.roster.find((m) => m.id === (send.to as { memberId: string }).memberId)?.openId ?? '' }, key, text: '提醒' }); },
      });
      const subject = freshId('meeting');
      await deps.reminders?.schedule(job({ committeeId: committee.id, subject }), later(60_000));
      const stored = await queue.queue.getJob(reminderJobId(job({ committeeId: committee.id, subject }))) as Job<ReminderJob>;
      await process(stored);
      await process(stored);
      expect(runs).toBe(2);
      expect((await h.queue.getJobCounts('waiting')).waiting).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('a refusal from the state (the reminder no longer applies) completes the job with nothing sent', async () => {
    const chatId = freshId('oc');
    const committee = await createCommittee(deps, { chatId, name: '党组', profileId: 'NT', roster: [{ id: 'chair1', openId: 'ou_chair2', name: '张书记', role: 'chair' }], actorOpenId: 'ou_chair2', reminders: { quietHours: null } });
    const delivered: string[] = [];
    const process = reminderProcessor({
      deps, log: memoryLogger(),
      senders: { 'meeting.signIn': () => Promise.reject(new RefusedError('NOTICE_NOT_SENT')) },
      deliver: (_c, _s, key) => { delivered.push(key); return Promise.resolve(); },
    });
    const data = job({ committeeId: committee.id, subject: freshId('meeting'), kind: 'meeting.signIn', occurrence: 'sign-in' });
    await deps.reminders?.schedule(data, later(60_000));
    await expect(process(await queue.queue.getJob(reminderJobId(data)) as Job<ReminderJob>)).resolves.toBeUndefined();
    expect(delivered).toEqual([]);
  });
});
