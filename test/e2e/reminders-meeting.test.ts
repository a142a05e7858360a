/**
 * Meeting reminders end to end: the real app (its queue, worker and outbox) against the stand-in,
 * on a clock set to the committee's local time while the process runs with TZ=UTC. Each reminder
 * is counted where it arrives, at the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { committeeIn, openIdOf, stopWorld } from './meeting-world.js';
import { meetingAt, privateCards, startReminderWorld, type ReminderWorld } from './reminder-world.js';
import { sleep, waitFor } from './receiver-setup.js';
import { titleOf } from './group-chat.js';

describe('meeting reminders', () => {
  let w: ReminderWorld;
  beforeAll(async () => {
    w = await startReminderWorld('2026-12-09T10:00:00+08:00');
  });
  afterAll(async () => {
    await stopWorld(w);
  });

  it('half an hour before the start: each person attending is reminded once, and sign-in opens with its cards', async () => {
    const chat = 'oc_rem_start';
    const { id, roster } = await committeeIn(w, 'NT', chat);
    const startsAt = new Date(w.clock.now().getTime() + 30 * 60_000 + 600).toISOString();
    await meetingAt(w, id, startsAt, { kind: 'emergency' });
    const attending = ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4', 'obs1'].map((m) => openIdOf(roster, m)).sort();
    await waitFor(() => privateCards(w, '30 分钟后开会').length >= attending.length, 'start reminders', 5_000);
    await waitFor(() => w.standIn.messages().some((m) => m.chatId === chat && titleOf(m.content).includes(TITLE.signIn)), 'sign-in card', 5_000);
    await sleep(300);
    expect(privateCards(w, '30 分钟后开会').map((c) => c.openId).sort()).toEqual(attending);
    expect(w.standIn.messages().filter((m) => m.chatId === chat && titleOf(m.content).includes(TITLE.signIn))).toHaveLength(1);
    expect(w.standIn.messages().filter((m) => m.chatId === chat && titleOf(m.content).includes(TITLE.chairing))).toHaveLength(1);
  });
});
