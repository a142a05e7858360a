/** `修改` on 会议纪要 (the office): the card opens the form with each item's wording. */
import type { ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { minutesToAmend } from '../src/services/minutes.js';
import { minutesCard } from './minutes-cards.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';

export async function editMinutesAction(ctx: ActionCtx, value: ActionOf<'minutes.edit'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const minutes = await minutesToAmend(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  return withCard(toast.info('请修改各议题的会议议定意见，然后点“保存修改”。'), await minutesCard(ctx, committee.id, minutes, member.id, { editing: true }));
}
