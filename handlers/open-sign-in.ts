/** `开始签到` on the 会议筹备 / 会议通知 cards: opens sign-in and posts the 会议签到 card in the group. */
import { openSignIn } from '../src/services/sign-in.js';
import { refreshNotice } from './notice-refresh.js';
import { refreshSignInCard, signInCard, signInCardKey } from './sign-in-sheet.js';
import { actorOfAction, onAction, toast } from './support.js';
import { postChairingCard } from './vote-sheet.js';

export const SIGN_IN_OPENED = '已开始签到,签到卡片已发到群里。';

export const openSignInAction = onAction('meeting.openSignIn', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const sheet = await openSignIn(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  const key = signInCardKey(committee.id, sheet.meeting.id);
  // Posted once per meeting; a second tap brings the posted card up to date instead.
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key, card: signInCard(ctx, sheet, member.id) });
  await refreshSignInCard(ctx, committee.id, sheet.meeting.id, member.id);
  await postChairingCard(ctx, committee, sheet.meeting.id, member.id);
  await refreshNotice(ctx, committee.id, sheet.meeting.id);
  return toast.success(SIGN_IN_OPENED);
});
