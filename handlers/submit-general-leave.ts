/** `提交申请` on 请假申请 (`generalLeave.submit`): general leave through the chain the rules give. */
import { GeneralLeaveFormSchema } from '../cards/actions.js';
import { requestGeneralLeave } from '../src/services/leave-flow.js';
import { GENERAL_LEAVE_REPEATED, generalLeaveAnswer } from './request-leave.js';
import { routeGeneralLeave } from './leave-notify.js';
import { actorOfAction, onAction, toast } from './support.js';

export const GENERAL_LEAVE_FORM_INVALID = '请填写开始日期、结束日期（不早于开始日期）、类型和请假事由。';

export const submitGeneralLeave = onAction('generalLeave.submit', async (ctx) => {
  const { committee, member } = await actorOfAction(ctx);
  const form = GeneralLeaveFormSchema.safeParse(ctx.event.formValue ?? {});
  if (!form.success) return toast.error(GENERAL_LEAVE_FORM_INVALID);
  const { leave, repeated } = await requestGeneralLeave(ctx.services, { committeeId: committee.id, applicantId: member.id, ...form.data });
  if (repeated) return toast.info(GENERAL_LEAVE_REPEATED);
  await routeGeneralLeave(ctx, committee, leave);
  return toast.success(generalLeaveAnswer(leave));
});
