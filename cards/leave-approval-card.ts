/**
 * 请假审批, private to the approver: for general leave the days as counted, the tier (whose consent
 * or approval this step is) with its basis and every step so far; for a meeting absence the
 * meeting, the reason and how many written opinions came with it. Buttons 同意 / 不同意.
 */
import type { Attendance, Committee, GeneralLeave, Meeting } from '../src/domain/index.js';
import type { Profile } from '../src/rules/index.js';
import { action } from './actions.js';
import { basisBlock, button, buttonRow, card, header, md } from './components.js';
import { APPROVER_ROLE_NAMES, BUTTON, LEAVE_REASON_NAMES, LEAVE_STATUS_NAMES, MEETING_LEAVE_STATUS_NAMES, TITLE } from './copy.js';
import { clip, formatDay, formatWhen, typed } from './text.js';
import type { Action } from './actions.js';
import type { Card } from './types.js';
import { personOf, type ViewOptions } from './view.js';

export interface LeaveApprovalView {
  applicant: string;
  lines: string[];
  status: string;
  basis: readonly string[];
  flags: readonly string[];
  approve?: Action;
  reject?: Action;
}

const STEP_STATUS = { waiting: '待办', approved: '已同意', rejected: '不同意' } as const;
const STEP_KIND = { consent: '同意', approve: '审批' } as const;
const DAY_UNIT = { workday: '工作日', calendar: '自然日' } as const;

/** The step the viewer acts on is the first one still waiting; `can.decide` says whether it is theirs. */
export function toLeaveApprovalView(leave: GeneralLeave, committee: Pick<Committee, 'roster'>, profile: Profile,
  opts: ViewOptions<{ decide: boolean }>): LeaveApprovalView {
  const { input, decision } = leave;
  const stepIndex = leave.steps.findIndex((s) => s.status === 'waiting');
  const step = leave.steps[stepIndex];
  const period = input.start !== undefined && input.end !== undefined ? `${formatDay(input.start)} 至 ${formatDay(input.end)}` : '未填写';
  const lines = [
    `**请假时间**：${period}`,
    `**天数**：${decision.days} 天（按${DAY_UNIT[profile.options.leaveDayUnit]}计算）`,
    `**类型**：${LEAVE_REASON_NAMES[input.reason]}`,
    `**事由**：${typed(leave.reasonText, 500)}`,
  ];
  if (step !== undefined) lines.push(`**本步**：由${APPROVER_ROLE_NAMES[step.role]}${STEP_KIND[step.kind]}`);
  lines.push(`**审批流程**：${leave.steps.map((s) => {
    const who = s.actorId === undefined ? '' : ` ${typed(personOf(committee, s.actorId).name, 20)}`;
    return `${APPROVER_ROLE_NAMES[s.role]}${STEP_KIND[s.kind]}（${STEP_STATUS[s.status]}${who}）`;
  }).join(' → ') || '无需审批'}`);
  const decidable = opts.can.decide && step !== undefined && leave.status === 'pending';
  const c = leave.committeeId;
  return {
    applicant: personOf(committee, leave.applicantId).name,
    lines,
    status: LEAVE_STATUS_NAMES[leave.status],
    basis: decision.basis,
    flags: decision.flags,
    ...(decidable ? {
      approve: action({ a: 'generalLeave.approve', c, l: leave.id, s: stepIndex }),
      reject: action({ a: 'generalLeave.reject', c, l: leave.id, s: stepIndex }),
    } : {}),
  };
}

/** A meeting absence, for the chair; `basis` is the profile's rule that the chair approves it. */
export function toMeetingLeaveApprovalView(meeting: Meeting, attendance: Attendance, committee: Pick<Committee, 'roster'>,
  basis: readonly string[], opts: ViewOptions<{ decide: boolean }>): LeaveApprovalView {
  const leave = attendance.leave;
  const lines = [
    `**会议**：${typed(meeting.title, 100)}（${formatWhen(meeting.startsAt, opts.timeZone)}）`,
    `**请假事由**：${leave === undefined ? '未填写' : typed(leave.reason, 500)}`,
    `**书面意见**：${leave?.writtenOpinions.length ?? 0} 项（记录在对应议题上，不计入票数）`,
  ];
  const decidable = opts.can.decide && leave?.status === 'pending';
  const c = meeting.committeeId;
  const m = meeting.id;
  const p = attendance.memberId;
  return {
    applicant: personOf(committee, attendance.memberId).name,
    lines,
    status: leave === undefined ? '未请假' : MEETING_LEAVE_STATUS_NAMES[leave.status],
    basis,
    flags: leave?.flags ?? [],
    ...(decidable ? { approve: action({ a: 'leave.approve', c, m, p }), reject: action({ a: 'leave.reject', c, m, p }) } : {}),
  };
}

export function buildLeaveApprovalCard(view: LeaveApprovalView): Card {
  const buttons = [
    ...(view.approve === undefined ? [] : [button({ label: BUTTON.approve, type: 'primary_filled', value: view.approve })]),
    ...(view.reject === undefined ? [] : [button({ label: BUTTON.reject, type: 'danger', value: view.reject })]),
  ];
  return card(
    header(TITLE.leaveApproval, 'orange', `申请人：${clip(view.applicant, 30)}`, { text: view.status, color: 'orange' }),
    [md(view.lines.join('\n')), ...basisBlock(view.basis, view.flags), ...buttonRow(buttons)],
    `${TITLE.leaveApproval}：${clip(view.applicant, 30)}`,
  );
}
