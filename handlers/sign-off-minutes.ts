/** `审签` on 会议纪要 (the signer the profile names): the card becomes 会议纪要（已签发）, and the group gets the .docx. */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { getMeeting } from '../src/services/meeting-view.js';
import { signedMinutesFile } from '../src/services/minutes-docx.js';
import { signOffMinutes } from '../src/services/minutes.js';
import { minutesCard } from './minutes-cards.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';

export async function signOffMinutesAction(ctx: ActionCtx, value: ActionOf<'minutes.signOff'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const minutes = await signOffMinutes(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  const { meeting } = await getMeeting(ctx.services, { committeeId: committee.id, meetingId: value.m, viewerId: member.id });
  const file = signedMinutesFile(committee, meeting.title, minutes);
  // One document per meeting's signed minutes, whatever re-runs the tap.
  if (file) await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: `minutes-docx|${committee.id}|${meeting.id}`, file });
  return withCard(toast.success('会议纪要已审签签发，不能再修改。'), await minutesCard(ctx, committee.id, minutes, member.id));
}
