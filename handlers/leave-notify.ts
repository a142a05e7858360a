/**
 * What follows a change to a leave, in private chats only (a reason may be a diagnosis): the
 * meeting's chair gets 请假审批 for a pending absence; each holder of a general leave's waiting step
 * gets 请假审批; the applicant sees every step; once approved, the card that asks for 销假.
 * Every send is keyed by the event that caused it, so a re-run posts nothing twice.
 */
import { buildLeaveApprovalCard, toLeaveApprovalView, toMeetingLeaveApprovalView } from '../cards/leave-approval-card.js';
import { buildLeaveReturnCard, toLeaveReturnView } from '../cards/leave-cards.js';
import { APPROVER_ROLE_NAMES, LEAVE_STATUS_NAMES, MEETING_LEAVE_STATUS_NAMES } from '../cards/copy.js';
import type { Card } from '../cards/types.js';
import type { Ctx } from '../src/bot/context.js';
import type { Attendance, Committee, GeneralLeave, Meeting, Member } from '../src/domain/index.js';
import { profileOf } from '../src/services/context.js';
import { meetingChairsOf, meetingLeaveBasis, waitingStepHolders } from '../src/services/leave-flow.js';
import { refreshNotice } from './notice-refresh.js';
import { keyOf, cardJson } from './support.js';

type Origin = Parameters<typeof keyOf>[0];
type LeaveCtx = Ctx<Origin>;

const sendCard = (ctx: LeaveCtx, to: Member, key: string, card: Card) => ctx.outbox.enqueueSend({ to: { openId: to.openId }, key, card: cardJson(card) });
const sendText = (ctx: LeaveCtx, to: Member, key: string, text: string) => ctx.outbox.enqueueSend({ to: { openId: to.openId }, key, text });
const viewOpts = <Can>(ctx: LeaveCtx, committee: Committee, viewer: string, can: Can) => ({ now: ctx.clock.now(), timeZone: committee.timeZone, viewer, can });

/** The 请假审批 card of a meeting absence as `viewer` sees it (buttons only while it is pending). */
export function meetingLeaveApprovalCard(ctx: LeaveCtx, committee: Committee, meeting: Meeting, attendance: Attendance, viewer: string): Card {
  const basis = meetingLeaveBasis(ctx.services, committee);
  return buildLeaveApprovalCard(toMeetingLeaveApprovalView(meeting, attendance, committee, basis, viewOpts(ctx, committee, viewer, { decide: true })));
}

/** After a meeting absence was asked for: the chair is asked where it needs approval; the notice is recounted. */
export async function afterMeetingLeave(ctx: LeaveCtx, committee: Committee, meeting: Meeting, attendance: Attendance): Promise<void> {
  if (attendance.leave?.status === 'pending') {
    for (const chair of meetingChairsOf(committee, meeting)) {
      await sendCard(ctx, chair, keyOf(ctx.event, 'leaveApproval', meeting.id, attendance.memberId, chair.id), meetingLeaveApprovalCard(ctx, committee, meeting, attendance, chair.id));
    }
  }
  await refreshNotice(ctx, committee.id, meeting.id);
}

/** After the chair's answer: the member is told privately; the notice is recounted. */
export async function afterMeetingLeaveDecision(ctx: LeaveCtx, committee: Committee, meeting: Meeting, attendance: Attendance): Promise<void> {
  const member = committee.roster.find((m) => m.id === attendance.memberId);
  const status = attendance.leave?.status;
  if (member !== undefined && status !== undefined) {
    await sendText(ctx, member, keyOf(ctx.event, 'leaveOutcome', meeting.id), `您对"${meeting.title}"的请假：${MEETING_LEAVE_STATUS_NAMES[status]}。`);
  }
  await refreshNotice(ctx, committee.id, meeting.id);
}

/** The 请假审批 card of a general leave as `viewer` sees it; `decide` when the viewer holds the waiting step. */
export function generalLeaveApprovalCard(ctx: LeaveCtx, committee: Committee, leave: GeneralLeave, viewer: string, decide: boolean): Card {
  return buildLeaveApprovalCard(toLeaveApprovalView(leave, committee, profileOf(committee), viewOpts(ctx, committee, viewer, { decide })));
}

function stepSentence(leave: GeneralLeave): string {
  const acted = [...leave.steps].reverse().find((s) => s.status !== 'waiting');
  const waiting = leave.steps.find((s) => s.status === 'waiting');
  const parts = [`您的请假申请（${leave.decision.days} 天）：${LEAVE_STATUS_NAMES[leave.status]}。`];
  if (acted !== undefined) parts.push(`${APPROVER_ROLE_NAMES[acted.role]}${acted.status === 'approved' ? '已同意' : '不同意'}。`);
  if (leave.status === 'pending' && waiting !== undefined) parts.push(`下一步由${APPROVER_ROLE_NAMES[waiting.role]}${waiting.kind === 'consent' ? '同意' : '审批'}。`);
  return parts.join('');
}

/**
 * After a general leave was asked for or acted on: the holders of the waiting step get their card,
 * the applicant sees the step (their own 请假审批 card, without buttons) and, once it is approved,
 * the card with 销假. A step that nobody holds yet is said to the applicant, who tells the office.
 */
export async function routeGeneralLeave(ctx: LeaveCtx, committee: Committee, leave: GeneralLeave): Promise<void> {
  const step = leave.steps.findIndex((s) => s.status === 'waiting');
  const holders = await waitingStepHolders(ctx.services, committee, leave);
  for (const holder of holders) {
    await sendCard(ctx, holder, keyOf(ctx.event, 'leaveStep', leave.id, String(step), holder.id), generalLeaveApprovalCard(ctx, committee, leave, holder.id, true));
  }
  const applicant = committee.roster.find((m) => m.id === leave.applicantId);
  if (applicant === undefined) return;
  const unheld = leave.status === 'pending' && holders.length === 0 ? '当前环节尚未指定审批人，请联系办公室用"/设置 审批"指定。' : '';
  await sendText(ctx, applicant, keyOf(ctx.event, 'leaveStatus', leave.id), `${stepSentence(leave)}${unheld}`);
  await sendCard(ctx, applicant, keyOf(ctx.event, 'leaveCard', leave.id), generalLeaveApprovalCard(ctx, committee, leave, applicant.id, false));
  if (leave.status === 'approved' && leave.decision.returnBy !== undefined) await sendReturnCard(ctx, committee, leave, applicant);
}

/** The card with 销假 (or, once returned, saying so) for the applicant. */
export function leaveReturnCard(ctx: LeaveCtx, committee: Committee, leave: GeneralLeave, viewer: string): Card {
  return buildLeaveReturnCard(toLeaveReturnView(leave, leave.decision.basis, viewOpts(ctx, committee, viewer, { return: true })));
}

async function sendReturnCard(ctx: LeaveCtx, committee: Committee, leave: GeneralLeave, applicant: Member): Promise<void> {
  await sendCard(ctx, applicant, keyOf(ctx.event, 'leaveReturn', leave.id), leaveReturnCard(ctx, committee, leave, applicant.id));
}
