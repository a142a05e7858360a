/** `同意` / `不同意` on a meeting absence's 请假审批 (`leave.approve` / `leave.reject`): the chair's answer. */
import type { ActionOf } from '../cards/actions.js';
import { decideMeetingLeave } from '../src/services/attendance.js';
import { loadMeeting } from '../src/services/loaders.js';
import { afterMeetingLeaveDecision, meetingLeaveApprovalCard } from './leave-notify.js';
import { actorOfAction, onAction, toast, withCard, type ActionCtx } from './support.js';

const decide = (approve: boolean) => async (ctx: ActionCtx, value: ActionOf<'leave.approve' | 'leave.reject'>) => {
  const { committee, member } = await actorOfAction(ctx);
  const attendance = await decideMeetingLeave(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id, memberId: value.p, approve });
  const meeting = await loadMeeting(ctx.services, committee.id, value.m);
  await afterMeetingLeaveDecision(ctx, committee, meeting, attendance);
  const card = meetingLeaveApprovalCard(ctx, committee, meeting, attendance, member.id);
  return withCard(toast.success(approve ? '已同意请假，已告知本人。' : '已不同意请假，已告知本人。'), card);
};

export const approveMeetingLeave = onAction('leave.approve', decide(true));
export const rejectMeetingLeave = onAction('leave.reject', decide(false));
