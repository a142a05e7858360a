/**
 * The running bot of meeting-world.ts with a clock the test sets: it runs at real speed from a
 * chosen local instant (so a reminder due "in 300 ms" on the bot's clock is a 300 ms BullMQ delay),
 * and the services' deps that schedule reminders (the app's own, with its queue).
 */
import { cardJson } from '../../handlers/support.js';
import { noticeCard, noticeKey } from '../../handlers/notice-refresh.js';
import { randomBytes } from 'node:crypto';
import { SPRING_2027 } from '../support/spring-2027.js';
import type { Clock } from '../../src/clock.js';
import { getNoticedMeeting } from '../../src/services/meeting-view.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { sendNotice } from '../../src/services/meetings-notice.js';
import { scheduleMeeting, setAgenda } from '../../src/services/meetings.js';
import { confirmTopic, submitTopic } from '../../src/services/topics.js';
import { startWorld, type World } from './meeting-world.js';

/** A clock that reads `start` now and runs on at real speed; `set` jumps it, keeping the pace. */
export function runningClock(start: string): Clock & { set(at: string): void } {
  let offset = Date.parse(start) - Date.now();
  return { now: () => new Date(Date.now() + offset), set(at) { offset = Date.parse(at) - Date.now(); } };
}

export interface ReminderWorld extends World { clock: ReturnType<typeof runningClock>; app: ServiceDeps; queuePrefix: string }

export async function startReminderWorld(start: string): Promise<ReminderWorld> {
  const clock = runningClock(start);
  const queuePrefix = `rem-${randomBytes(4).toString('hex')}`;
  const w = await startWorld({ clock, maxSkewSec: 10 * 365 * 86_400, queuePrefix, holidays: SPRING_2027 });
  return { ...w, clock, app: w.bot.app.bot.context.services, queuePrefix };
}

/** A meeting at `startsAt` with one confirmed general topic, scheduled through the app's services (its reminders planned), noticed unless told not to. */
export async function meetingAt(w: ReminderWorld, committeeId: string, startsAt: string, opts: { notice?: boolean; kind?: 'regular' | 'emergency' } = {}): Promise<string> {
  const topic = await submitTopic(w.app, { committeeId, actorId: 'clerk1', title: '议题一', kind: 'general' });
  await confirmTopic(w.app, { committeeId, topicId: topic.id, actorId: 'chair1' });
  const meeting = await scheduleMeeting(w.app, { committeeId, actorId: 'clerk1', title: '党组会议', startsAt, observers: ['obs1'], kind: opts.kind ?? 'regular' });
  await setAgenda(w.app, { committeeId, meetingId: meeting.id, actorId: 'clerk1', topicIds: [topic.id] });
  if (opts.notice !== false) {
    await sendNotice(w.app, { committeeId, meetingId: meeting.id, actorId: 'clerk1' });
    // The group notice, as 发送通知 posts it (the urgent-app call is made on it).
    const detail = await getNoticedMeeting(w.app, { committeeId, meetingId: meeting.id });
    await w.bot.app.bot.context.outbox.enqueueSend({ to: { chatId: detail.committee.chatId }, key: noticeKey(committeeId, meeting.id), card: cardJson(noticeCard(detail, w.clock.now())) });
  }
  return meeting.id;
}

/** Waits until the bot's clock reads `at` (real time passes at the same pace). */
export async function until(w: ReminderWorld, at: string | number): Promise<void> {
  const ms = (typeof at === 'number' ? at : Date.parse(at)) - w.clock.now().getTime();
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The reminder cards that reached each open_id privately, by title word. */
export function privateCards(w: World, titleWord: string): { openId: string; content: unknown; at: number }[] {
  return w.standIn.messages()
    .filter((m) => m.sender === 'app' && m.openId !== undefined && JSON.stringify(m.content).includes(titleWord))
    .map((m) => ({ openId: m.openId ?? '', content: m.content, at: m.at }));
}
