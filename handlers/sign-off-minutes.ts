/** `审签` on 会议纪要 (the signer the profile names): the card becomes 会议纪要（已签发）, and the group gets the .docx. */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { signOffMinutes } from '../src/services/minutes.js';
import { minutesCard, sendSignedMinutesFile } from './minutes-cards.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';

export async function signOffMinutesAction(ctx: ActionCtx, value: ActionOf<'minutes.signOff'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const minutes = await signOffMinutes(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  await sendSignedMinutesFile(ctx, committee, minutes, member.id);
  return withCard(toast.success('会议纪要已审签签发，不能再修改。'), await minutesCard(ctx, committee.id, minutes, member.id));
}
