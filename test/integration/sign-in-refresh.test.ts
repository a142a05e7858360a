/**
 * The sign-in card's refresh under concurrent taps, on the real outbox: two refreshes whose
 * patches reach the outbox in the opposite order of their reads still leave the card with every
 * sign-in (the outbox keeps the last content enqueued, so a stale read enqueued last would win).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { refreshSignInCard, signInCardKey } from '../../handlers/sign-in-sheet.js';
import type { Outbox } from '../../src/lark/outbox.js';
import { createMemoryLarkApi } from '../../src/lark/memory.js';
import { signIn } from '../../src/services/attendance.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { outboxKeys } from '../../src/store/keys.js';
import { startHarness } from '../lark/outbox-harness.js';
import { useRedis } from '../support/store.js';
import { committee, meetingWithAgenda, testDeps } from './meeting-fixture.js';
import { sendNotice } from '../../src/services/meetings-notice.js';

const ctx = useRedis();
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => { h = await startHarness({ redisUrl: inject('redisUrl'), api: createMemoryLarkApi(), noWorker: true }); });
afterAll(async () => { await h.close(); });

it('a refresh that read before another sign-in but enqueued after it patches again with the sheet as stored', async () => {
  const d = testDeps(ctx.redis, '2025-06-10T09:00:00+08:00');
  const c = await committee(d, 'JY', 5);
  const { meeting } = await meetingWithAgenda(d, c, { startsAt: '2025-06-18T09:00:00+08:00', topics: ['general'] });
  await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
  await openSignIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
  const keys = outboxKeys(h.namespace);
  await h.redis.set(keys.sent(signInCardKey(c, meeting.id)), 'om_signin');

  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let held = false;
  // The first patch of the slow refresh waits at the gate: its read is older than what follows.
  const slow: Outbox = { ...h.outbox, enqueuePatch: async (input) => { if (!held) { held = true; await gate; } return h.outbox.enqueuePatch(input); } };

  await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1' });
  const first = refreshSignInCard({ clock: d.clock, services: d, outbox: slow }, c, meeting.id, 'm1');
  while (!held) await new Promise((resolve) => setTimeout(resolve, 5));
  await signIn(d, { committeeId: c, meetingId: meeting.id, actorId: 'm2' });
  await refreshSignInCard({ clock: d.clock, services: d, outbox: h.outbox }, c, meeting.id, 'm2');
  expect(await h.redis.hget(keys.card('om_signin'), 'content')).toContain('实到 2 人');
  release();
  await first;
  expect(await h.redis.hget(keys.card('om_signin'), 'content')).toContain('实到 2 人');
});
