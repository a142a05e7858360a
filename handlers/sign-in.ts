/**
 * `签到` on the 会议签到 card and `/签到`: signs the sender in (a 列席 or a clerk attends without
 * counting), answers, and refreshes the group's sign-in card. Signing in again is answered as the
 * first time was.
 */
import type { Attendance } from '../src/domain/index.js';
import type { CommandHandler } from '../src/bot/context.js';
import { InputError } from '../src/errors.js';
import { signIn } from '../src/services/attendance.js';
import { signInToOpenMeeting } from '../src/services/sign-in.js';
import { refreshSignInCard } from './sign-in-sheet.js';
import { actorOfAction, actorOfCommand, keyOf, onAction, toast } from './support.js';

export const SIGNED_IN: Readonly<Record<NonNullable<Attendance['signedInAs']>, string>> = {
  voting: '已签到。',
  observer: '已签到(列席,不计入到会人数)。',
  clerk: '已签到(会务工作人员,不计入到会人数)。',
};
export const SIGN_IN_TAKES_NO_ARGS = '“/签到”只为发送人本人签到,后面不用写内容。请直接发送“/签到”。';

const answerOf = (attendance: Attendance): string => SIGNED_IN[attendance.signedInAs ?? 'voting'];

export const signInAction = onAction('signIn.signIn', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const attendance = await signIn(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  await refreshSignInCard(ctx, committee.id, value.m, member.id);
  return toast.success(answerOf(attendance));
});

export const signInCommand: CommandHandler = async (ctx) => {
  if (ctx.event.args !== '') throw new InputError('unknown_word', SIGN_IN_TAKES_NO_ARGS);
  const { committee, member } = await actorOfCommand(ctx);
  const attendance = await signInToOpenMeeting(ctx.services, { committeeId: committee.id, actorId: member.id });
  await refreshSignInCard(ctx, committee.id, attendance.meetingId, member.id);
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'signin'), text: answerOf(attendance) });
};
