/** `开始签到` on the 会议筹备 / 会议通知 cards: opens sign-in and posts the 会议签到 card in the group. */
import type { BotDeps } from '../src/bot/context.js';
import type { Committee } from '../src/domain/index.js';
import { openSignIn, type SignInSheet } from '../src/services/sign-in.js';
import { refreshNotice } from './notice-refresh.js';
import { refreshSignInCard, signInCard, signInCardKey } from './sign-in-sheet.js';
import { actorOfAction, onAction, toast } from './support.js';
import { postChairingCard } from './vote-sheet.js';

export const SIGN_IN_OPENED = '已开始签到,签到卡片已发到群里。';

/**
 * What the group sees once sign-in is open, whether a tap or the set time opened it: 会议签到
 * (posted once per meeting under its key; a second opening brings it up to date), 会议主持, and
 * the notice drawn again (改期 leaves it).
 */
export async function postOpenedSignIn(ctx: Pick<BotDeps, 'clock' | 'outbox' | 'services'>, committee: Committee, sheet: SignInSheet, viewerId: string): Promise<void> {
  const meetingId = sheet.meeting.id;
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: signInCardKey(committee.id, meetingId), card: signInCard(ctx, sheet, viewerId) });
  await refreshSignInCard(ctx, committee.id, meetingId, viewerId);
  await postChairingCard(ctx, committee, meetingId, viewerId);
  await refreshNotice(ctx, committee.id, meetingId);
}

export const openSignInAction = onAction('meeting.openSignIn', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const sheet = await openSignIn(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  await postOpenedSignIn(ctx, committee, sheet, member.id);
  return toast.success(SIGN_IN_OPENED);
});
