/** `保存修改` in the form of 会议纪要 (the office): the draft is rebuilt with the new wording. */
import { MinutesEditFormSchema, type ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { MINUTES_WORDING_MAX } from '../src/domain/index.js';
import { amendMinutes } from '../src/services/minutes.js';
import { minutesCard } from './minutes-cards.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';

export const MINUTES_WORDING_MISSING = `请至少填写一个议题的会议议定意见（每项不超过${MINUTES_WORDING_MAX}字）后再保存。`;

export async function saveMinutesAction(ctx: ActionCtx, value: ActionOf<'minutes.save'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const form = MinutesEditFormSchema.safeParse(ctx.event.formValue ?? {});
  const fits = form.success && form.data.items.length > 0 && form.data.items.every((i) => i.text.length <= MINUTES_WORDING_MAX);
  if (!form.success || !fits) return toast.error(MINUTES_WORDING_MISSING);
  const minutes = await amendMinutes(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id, items: form.data.items });
  return withCard(toast.success('会议纪要已修改，待审签。'), await minutesCard(ctx, committee.id, minutes, member.id));
}
