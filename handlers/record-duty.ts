/**
 * `登记完成` on 工作职责 (the chair or a clerk, as the service decides): the first tap opens that
 * duty's form with 完成日期; its submit records the duty and the card shows the new status.
 */
import { DutyRecordFormSchema, type ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { dutyRecordForm, recordDuty } from '../src/services/duties.js';
import { actorOfAction, toast, withCard, type ActionCtx } from './support.js';
import { dutiesCard } from './duties-cards.js';

export const DONE_DATE_MISSING = '请选择完成日期后再点“登记完成”。';

export async function recordDutyAction(ctx: ActionCtx, value: ActionOf<'duty.record'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, dutyId: value.d, actorId: member.id };
  if (ctx.event.formValue === undefined) {
    const duty = await dutyRecordForm(ctx.services, ref);
    const card = await dutiesCard(ctx.services, committee, member.id, ctx.clock.now(), duty.id);
    return withCard(toast.info(`请选择“${duty.title}”的完成日期。`), card);
  }
  const form = DutyRecordFormSchema.safeParse(ctx.event.formValue);
  if (!form.success) return toast.error(DONE_DATE_MISSING);
  await recordDuty(ctx.services, { ...ref, entry: form.data.date });
  return withCard(toast.success('已登记完成。'), await dutiesCard(ctx.services, committee, member.id, ctx.clock.now()));
}
