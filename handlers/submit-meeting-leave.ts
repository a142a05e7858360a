/** `提交请假` (`leave.submit`): the meeting absence with its reason and written opinions per topic. */
import { MeetingLeaveFormSchema } from '../cards/actions.js';
import { askMeetingLeave } from '../src/services/leave-flow.js';
import { loadMeeting } from '../src/services/loaders.js';
import { afterMeetingLeave } from './leave-notify.js';
import { actorOfAction, onAction, toast } from './support.js';

export const LEAVE_REASON_MISSING = '请填写请假事由（必填），书面意见每项不超过 1000 字。';
export const MEETING_LEAVE_REPEATED = '已记录，您已提交过这次会议的请假。';
export const meetingLeaveAnswer = (pending: boolean): string =>
  (pending ? '请假已提交，待会议主持人审批，结果会私聊告诉您。' : '请假已登记。书面意见已记录在对应议题上。');

export const submitMeetingLeave = onAction('leave.submit', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const form = MeetingLeaveFormSchema.safeParse(ctx.event.formValue ?? {});
  if (!form.success) return toast.error(LEAVE_REASON_MISSING);
  const { attendance, repeated } = await askMeetingLeave(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id, ...form.data });
  if (repeated) return toast.info(MEETING_LEAVE_REPEATED);
  await afterMeetingLeave(ctx, committee, await loadMeeting(ctx.services, committee.id, value.m), attendance);
  return toast.success(meetingLeaveAnswer(attendance.leave?.status === 'pending'));
});
