/**
 * The group's 会议纪要 card as the minutes handlers render it: 修改, 审签 and 转为督办 show to everyone
 * (a card in the group is the same for all); the services let only the office and the signer act.
 */
import { buildMinutesCard, toMinutesView } from '../cards/minutes-card.js';
import type { Card } from '../cards/types.js';
import type { BotDeps } from '../src/bot/context.js';
import type { Committee, Minutes } from '../src/domain/index.js';
import { getMeeting } from '../src/services/meeting-view.js';
import { signedMinutesFile } from '../src/services/minutes-docx.js';
import { meetingDecisions } from '../src/services/tasks.js';

/** `form`: 修改's form (`editing`), or the 转为督办 form of one decision (`assigning`, its topic id). */
export async function minutesCard(ctx: Pick<BotDeps, 'clock' | 'services'>, committeeId: string, minutes: Minutes, viewerId: string,
  form: { editing?: boolean; assigning?: string } = {}): Promise<Card> {
  const ref = { committeeId, meetingId: minutes.meetingId, viewerId };
  const { committee, meeting, topics } = await getMeeting(ctx.services, ref);
  const decisions = minutes.status === 'signed' ? await meetingDecisions(ctx.services, ref) : [];
  return buildMinutesCard(toMinutesView({ committee, meeting, topics, minutes, decisions }, {
    now: ctx.clock.now(), timeZone: committee.timeZone, viewer: viewerId, can: { edit: true, signOff: true, toTask: true }, ...form,
  }));
}

/**
 * Posts the signed minutes' Word file to the group, once per meeting (the key is the meeting's):
 * asked again after a crash lost it, it goes out then; already sent, nothing is posted twice.
 */
export async function sendSignedMinutesFile(ctx: Pick<BotDeps, 'outbox' | 'services'>, committee: Committee, minutes: Minutes, viewerId: string): Promise<void> {
  const { meeting } = await getMeeting(ctx.services, { committeeId: committee.id, meetingId: minutes.meetingId, viewerId });
  const file = signedMinutesFile(committee, meeting.title, minutes);
  if (file) await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: `minutes-docx|${committee.id}|${meeting.id}`, file });
}
