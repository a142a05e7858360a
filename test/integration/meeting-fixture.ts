/**
 * Shared set-up for the topic, meeting and attendance tests: a committee with a chosen profile and
 * roster, a manual clock, confirmed topics, a meeting with an agenda, and a snapshot of every key
 * of a committee to prove that a refusal changed nothing.
 */
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member, Meeting, Topic } from '../../src/domain/index.js';
import type { RefusedError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import type { ProfileId, ProfileOverrides } from '../../src/rules/index.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { scheduleMeeting, setAgenda } from '../../src/services/meetings.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { committeeKeys } from '../../src/store/keys.js';
import { freshId, TEST_SEEN_KEY } from '../support/store.js';

export type TestDeps = ServiceDeps & { clock: ReturnType<typeof manualClock>; log: ReturnType<typeof memoryLogger> };

export function testDeps(redis: Redis, now: string): TestDeps {
  return { redis, clock: manualClock(now), log: memoryLogger(), seenKey: TEST_SEEN_KEY };
}

/** chair1 + vice1 + m1..m(voting-2) vote; clerk1 keeps the record; obs1..obsK are 列席. */
export function roster(voting: number, observers = 2): Member[] {
  const members: Member[] = [
    { id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' },
    { id: 'vice1', openId: 'ou_vice1', name: '李副书记', role: 'viceChair' },
    ...Array.from({ length: voting - 2 }, (_, i) => ({ id: `m${i + 1}`, openId: `ou_m${i + 1}`, name: `委员${i + 1}`, role: 'member' as const })),
    { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
    ...Array.from({ length: observers }, (_, i) => ({ id: `obs${i + 1}`, openId: `ou_obs${i + 1}`, name: `列席${i + 1}`, role: 'observer' as const })),
  ];
  return members;
}

export async function committee(deps: ServiceDeps, profileId: ProfileId, voting = 5, overrides: ProfileOverrides = {}): Promise<string> {
  const id = (await createCommittee(deps, { chatId: freshId('c'), name: '测试党组', profileId, overrides, roster: roster(voting), actorOpenId: 'ou_clerk1' })).id;
  return id;
}

export async function confirmedTopic(deps: ServiceDeps, committeeId: string, kind: Topic['kind'] = 'general', title = '关于年度工作计划的议题'): Promise<Topic> {
  const topic = await submitTopic(deps, { committeeId, actorId: 'clerk1', title, kind });
  return confirmTopic(deps, { committeeId, topicId: topic.id, actorId: 'chair1' });
}

/** A meeting with `topics` confirmed topics on its agenda (not yet noticed). */
export async function meetingWithAgenda(deps: ServiceDeps, committeeId: string, options: { startsAt: string; kind?: Meeting['kind']; topics?: Topic['kind'][]; observers?: string[] }): Promise<{ meeting: Meeting; topics: Topic[] }> {
  const topics = await Promise.all((options.topics ?? ['general']).map((kind, i) => confirmedTopic(deps, committeeId, kind, `议题${i + 1}`)));
  const scheduled = await scheduleMeeting(deps, { committeeId, actorId: 'clerk1', title: '党组会议', kind: options.kind ?? 'regular', startsAt: options.startsAt, observers: options.observers ?? [] });
  const meeting = topics.length === 0 ? scheduled : await setAgenda(deps, { committeeId, meetingId: scheduled.id, actorId: 'clerk1', topicIds: topics.map((t) => t.id) });
  return { meeting, topics };
}

import { refusal } from '../support/refusal.js';

export { refusal };

/** Every key of a committee with its whole content: equal snapshots mean nothing was written. */
export async function snapshot(redis: Redis, committeeId: string): Promise<Record<string, unknown>> {
  const keys = (await redis.keys(`${committeeKeys(committeeId).tag}:*`)).sort();
  const contents: Record<string, unknown> = {};
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') contents[key] = await redis.get(key);
    else if (type === 'set') contents[key] = (await redis.smembers(key)).sort();
    else if (type === 'list') contents[key] = await redis.lrange(key, 0, -1);
    else contents[key] = type;
  }
  return contents;
}

/** Expects `promise` to be refused with `code`, with a Chinese sentence, and nothing written. */
export async function refusedUnchanged(redis: Redis, committeeId: string, promise: () => Promise<unknown>, code: RefusedError['refusal']): Promise<RefusedError> {
  const before = await snapshot(redis, committeeId);
  const error = await refusal(promise());
  expect(error.refusal).toBe(code);
  expect(error.userMessage).toMatch(/[\u4e00-\u9fff]/);
  expect(await snapshot(redis, committeeId)).toEqual(before);
  return error;
}
