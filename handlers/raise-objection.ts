/**
 * `提出异议` on 会议通知 sends the member a private form (the notice is shared: a form on it would
 * be everyone's); the form's own `提出异议` records the objection with the meeting's chair.
 */
import { buildObjectionCard, toObjectionView } from '../cards/objection-card.js';
import { ObjectionFormSchema, type ActionOf } from '../cards/actions.js';
import type { CardReply } from '../src/bot/context.js';
import { RefusedError } from '../src/errors.js';
import { authorize, mayDo } from '../src/services/authority.js';
import { getMeeting } from '../src/services/meeting-view.js';
import { raiseObjection } from '../src/services/meetings-notice.js';
import { refreshNotice } from './notice-refresh.js';
import { actorOfAction, keyOf, cardJson, toast, withCard, type ActionCtx } from './support.js';

export const FORM_SENT = '异议表已在私聊中发给您，请填写后提交。';
export const OBJECTION_MISSING = '请写明异议内容（不超过1000字）后再提交。';
export const OBJECTION_RECORDED = '异议已提交，会议主持人会看到。';

export async function raiseObjectionAction(ctx: ActionCtx, value: ActionOf<'notice.object'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, meetingId: value.m };
  const { meeting } = await getMeeting(ctx.services, { ...ref, viewerId: member.id });
  const opts = { now: ctx.clock.now(), timeZone: committee.timeZone, viewer: member.id, can: { object: mayDo(committee, member.id, 'meeting.objection') } };
  if (ctx.event.formValue === undefined) {
    authorize(committee, member.id, 'meeting.objection');
    // Only a notified meeting takes objections (the service says so again when one is submitted).
    if (meeting.status !== 'noticed') throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
    await ctx.outbox.enqueueSend({ to: { openId: member.openId }, key: keyOf(ctx.event, 'objection'), card: cardJson(buildObjectionCard(toObjectionView(meeting, undefined, opts))) });
    return toast.info(FORM_SENT);
  }
  const form = ObjectionFormSchema.safeParse(ctx.event.formValue);
  if (!form.success) return toast.error(OBJECTION_MISSING);
  // The same objection tapped in again is answered as the first was, and recorded once.
  const repeated = meeting.objections.some((o) => o.memberId === member.id && o.text === form.data.text);
  if (!repeated) await raiseObjection(ctx.services, { ...ref, actorId: member.id, text: form.data.text });
  await refreshNotice(ctx, committee.id, value.m);
  return withCard(toast.success(OBJECTION_RECORDED), buildObjectionCard(toObjectionView(meeting, form.data.text, opts)));
}
