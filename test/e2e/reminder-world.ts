/**
 * The running bot of meeting-world.ts with a clock the test sets: it runs at real speed from a
 * chosen local instant (so a reminder due "in 300 ms" on the bot's clock is a 300 ms BullMQ delay),
 * and the services' deps that schedule reminders (the app's own, with its queue).
 */
import type { Clock } from '../../src/clock.js';
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

export interface ReminderWorld extends World { clock: ReturnType<typeof runningClock>; app: ServiceDeps }

export async function startReminderWorld(start: string): Promise<ReminderWorld> {
  const clock = runningClock(start);
  const w = await startWorld({ clock, maxSkewSec: 10 * 365 * 86_400 });
  return { ...w, clock, app: w.bot.app.bot.context.services };
}

/** A meeting at `startsAt` with one confirmed general topic, scheduled through the app's services (its reminders planned), noticed unless told not to. */
export async function meetingAt(w: ReminderWorld, committeeId: string, startsAt: string, opts: { notice?: boolean; kind?: 'regular' | 'emergency' } = {}): Promise<string> {
  const topic = await submitTopic(w.app, { committeeId, actorId: 'clerk1', title: '议题一', kind: 'general' });
  await confirmTopic(w.app, { committeeId, topicId: topic.id, actorId: 'chair1' });
  const meeting = await scheduleMeeting(w.app, { committeeId, actorId: 'clerk1', title: '党组会议', startsAt, observers: ['obs1'], kind: opts.kind ?? 'regular' });
  await setAgenda(w.app, { committeeId, meetingId: meeting.id, actorId: 'clerk1', topicIds: [topic.id] });
  if (opts.notice !== false) await sendNotice(w.app, { committeeId, meetingId: meeting.id, actorId: 'clerk1' });
  return meeting.id;
}

/** The reminder cards that reached each open_id privately, by title word. */
export function privateCards(w: World, titleWord: string): { openId: string; content: unknown; at: number }[] {
  return w.standIn.messages()
    .filter((m) => m.sender === 'app' && m.openId !== undefined && JSON.stringify(m.content).includes(titleWord))
    .map((m) => ({ openId: m.openId ?? '', content: m.content, at: m.at }));
}
