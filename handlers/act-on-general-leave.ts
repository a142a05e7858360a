/** `同意` / `不同意` on a general leave's 请假审批 (`generalLeave.approve` / `.reject`): this step's holder decides. */
import type { ActionOf } from '../cards/actions.js';
import { BUTTON } from '../cards/copy.js';
import { RefusedError } from '../src/errors.js';
import { actOnLeave, getLeave } from '../src/services/leave.js';
import { generalLeaveApprovalCard, routeGeneralLeave } from './leave-notify.js';
import { actorOfAction, onAction, toast, withCard, type ActionCtx } from './support.js';

const act = (approve: boolean) => async (ctx: ActionCtx, value: ActionOf<'generalLeave.approve' | 'generalLeave.reject'>) => {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, leaveId: value.l };
  const current = await getLeave(ctx.services, { ...ref, viewerId: member.id });
  // The card was made for one step: once that step is decided its buttons answer nothing new.
  if (current.steps.findIndex((s) => s.status === 'waiting') !== value.s) throw new RefusedError('INVALID_STATE', 'step already decided');
  // The approver's note (ZY-JD-4.3a) is the answer tapped: the card asks for nothing more.
  const leave = await actOnLeave(ctx.services, { ...ref, actorId: member.id, approve, comment: approve ? BUTTON.approve : BUTTON.reject });
  await routeGeneralLeave(ctx, committee, leave);
  return withCard(toast.success(approve ? '已同意，已告知申请人。' : '已不同意，已告知申请人。'), generalLeaveApprovalCard(ctx, committee, leave, member.id, false));
};

export const approveGeneralLeave = onAction('generalLeave.approve', act(true));
export const rejectGeneralLeave = onAction('generalLeave.reject', act(false));
