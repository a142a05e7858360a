/**
 * A due reminder into the outbox, under the key the reminder worker derived from its job: the
 * reminder card to a member privately or to the group, the urgent-app call on the meeting's group
 * notice, or the cards that opening sign-in posts (the same keys as a tap on 开始签到, so a tap and
 * the set time together post each card once).
 */
import { buildReminderCard } from '../cards/reminder-card.js';
import type { BotDeps } from '../src/bot/context.js';
import type { Committee } from '../src/domain/index.js';
import type { ReminderSend } from '../src/services/reminders.js';
import { signInSheet } from '../src/services/sign-in.js';
import { noticeKey } from './notice-refresh.js';
import { postOpenedSignIn } from './open-sign-in.js';
import { cardJson } from './support.js';

type Deps = Pick<BotDeps, 'outbox' | 'services' | 'clock' | 'log'>;

const openIdOf = (committee: Committee, memberId: string): string | undefined => committee.roster.find((m) => m.id === memberId)?.openId;

/** Whose eyes the group's sign-in and chairing cards are drawn for when no one tapped: the chair's, else the office's. */
function viewerOf(committee: Committee): string | undefined {
  return (committee.roster.find((m) => m.role === 'chair') ?? committee.roster.find((m) => m.role === 'clerk'))?.id;
}

export async function deliverReminder(ctx: Deps, committee: Committee, send: ReminderSend, key: string): Promise<void> {
  if ('notice' in send) {
    const card = cardJson(buildReminderCard(send.notice, committee.timeZone));
    if ('chat' in send.to) {
      await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key, card });
      return;
    }
    const openId = openIdOf(committee, send.to.memberId);
    // Someone who left the roster since is not reminded.
    if (openId !== undefined) await ctx.outbox.enqueueSend({ to: { openId }, key, card });
    return;
  }
  if ('urge' in send) {
    const messageId = await ctx.outbox.sentMessageId(noticeKey(committee.id, send.meetingId));
    const openIds = send.memberIds.flatMap((id) => openIdOf(committee, id) ?? []);
    if (messageId !== undefined && openIds.length > 0) await ctx.outbox.enqueueUrgent({ messageId, openIds, key });
    return;
  }
  const viewer = viewerOf(committee);
  if (viewer === undefined) return;
  const sheet = await signInSheet(ctx.services, { committeeId: committee.id, meetingId: send.meetingId, viewerId: viewer });
  await postOpenedSignIn(ctx, committee, sheet, viewer);
}
