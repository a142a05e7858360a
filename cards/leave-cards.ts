/**
 * The leave forms and the 销假 reminder: 会议请假 (private: 请假事由, one 书面意见 per agenda topic,
 * 提交请假), 请假申请 (开始日期, 结束日期, 类型, 请假事由, 提交申请), and the card with 销假.
 */
import type { Committee, GeneralLeave, Meeting, Topic } from '../src/domain/index.js';
import { action, FORM_FIELDS, opinionField } from './actions.js';
import { basisBlock, button, buttonRow, card, datePicker, form, header, input, md, note, select, submit } from './components.js';
import { BUTTON, FIELD, LEAVE_REASON_NAMES, TITLE } from './copy.js';
import { toMeetingFacts, type AgendaEntry } from './meeting-parts.js';
import { clip, formatDay, formatWhen, localDate, typed } from './text.js';
import type { Card } from './types.js';
import type { ViewOptions } from './view.js';

export interface MeetingLeaveFormView {
  committeeId: string;
  meetingId: string;
  title: string;
  when: string;
  agenda: AgendaEntry[];
  basis: readonly string[];
}

export function toMeetingLeaveFormView(meeting: Meeting, topics: readonly Topic[], committee: Pick<Committee, 'roster'>,
  basis: readonly string[], opts: ViewOptions<Record<string, never>>): MeetingLeaveFormView {
  const facts = toMeetingFacts(meeting, topics, committee, opts.timeZone);
  return { committeeId: facts.committeeId, meetingId: facts.meetingId, title: facts.title, when: facts.when, agenda: facts.agenda, basis };
}

/** Placeholders are capped at 100 characters by the client; a topic title is cut to fit. */
const opinionLabel = (e: AgendaEntry): string => `${FIELD.writtenOpinion}：第 ${e.no} 项 ${clip(e.title, 40)}`;

/** Three tagged objects per opinion field: more would break the 200-element limit of a card. */
const OPINIONS_MAX = 50;

export function buildMeetingLeaveCard(view: MeetingLeaveFormView): Card {
  const opinions = view.agenda.slice(0, OPINIONS_MAX).map((e) => input({
    name: opinionField(e.topicId), label: opinionLabel(e), placeholder: `${FIELD.writtenOpinion}（选填）`, multiline: true, maxLength: 1000,
  }));
  return card(header(TITLE.meetingLeave, 'orange', clip(view.title, 60)), [
    md(`**会议**：${typed(view.title, 100)}\n**时间**：${view.when}`),
    form('meeting_leave', [
      input({ name: FORM_FIELDS.meetingLeave.reason, label: FIELD.leaveReason, required: true, placeholder: `${FIELD.leaveReason}（必填）`, maxLength: 500 }),
      ...opinions,
    ], submit('meeting_leave_submit', { label: BUTTON.submitLeave, value: action({ a: 'leave.submit', c: view.committeeId, m: view.meetingId }) })),
    note('书面意见会记录在对应议题上，并提交会议主持人，但不计入表决票数。'),
    ...(view.agenda.length > OPINIONS_MAX ? [note(`本表只列出前 ${OPINIONS_MAX} 项议题；对其余议题的意见请交会议秘书。`)] : []),
    ...basisBlock(view.basis),
  ], `${TITLE.meetingLeave}：${clip(view.title, 40)}`);
}

export interface GeneralLeaveFormView { committeeId: string; today: string }

export function toGeneralLeaveFormView(committeeId: string, opts: ViewOptions<Record<string, never>>): GeneralLeaveFormView {
  return { committeeId, today: localDate(opts.now, opts.timeZone) };
}

export function buildGeneralLeaveCard(view: GeneralLeaveFormView): Card {
  const F = FORM_FIELDS.generalLeave;
  const kinds = (Object.keys(LEAVE_REASON_NAMES) as (keyof typeof LEAVE_REASON_NAMES)[]).map((k) => ({ value: k, text: LEAVE_REASON_NAMES[k] }));
  return card(header(TITLE.generalLeave, 'orange'), [
    form('general_leave', [
      ...datePicker({ name: F.start, label: FIELD.startDate, required: true, initialDate: view.today }),
      ...datePicker({ name: F.end, label: FIELD.endDate, required: true, initialDate: view.today }),
      ...select({ name: F.kind, label: FIELD.leaveType, required: true, options: kinds }),
      input({ name: F.reason, label: FIELD.leaveReason, required: true, placeholder: `${FIELD.leaveReason}（必填）`, maxLength: 500 }),
    ], submit('general_leave_submit', { label: BUTTON.submitApplication, value: action({ a: 'generalLeave.submit', c: view.committeeId }) })),
    note('提交后按本单位规则逐级送审批人，每一步结果都会私聊告诉您。也可以直接发送：/请假 12月10日 至 12月12日 事假 家中有事'),
  ], TITLE.generalLeave);
}

export interface LeaveReturnView {
  committeeId: string;
  leaveId: string;
  period: string;
  returnBy?: string;
  basis: readonly string[];
  returned: boolean;
  /** The leave's last day has passed (the card may come when it is approved, before it begins). */
  ended: boolean;
  can: { return: boolean };
}

export function toLeaveReturnView(leave: GeneralLeave, basis: readonly string[], opts: ViewOptions<{ return: boolean }>): LeaveReturnView {
  const returned = leave.status === 'returned';
  const { start, end } = leave.input;
  return {
    committeeId: leave.committeeId,
    leaveId: leave.id,
    period: start !== undefined && end !== undefined ? `${formatDay(start)} 至 ${formatDay(end)}` : formatWhen(leave.createdAt, opts.timeZone),
    ...(leave.decision.returnBy === undefined ? {} : { returnBy: formatDay(leave.decision.returnBy) }),
    basis,
    returned,
    ended: end !== undefined && localDate(opts.now, opts.timeZone) > end,
    can: { return: opts.can.return && !returned && leave.applicantId === opts.viewer },
  };
}

export function buildLeaveReturnCard(view: LeaveReturnView): Card {
  const lines = [`**请假时间**：${view.period}`];
  if (view.returnBy !== undefined) lines.push(`**销假期限**：${view.returnBy} 前`);
  lines.push(view.returned ? '已销假。' : view.ended ? '请假已结束，请及时销假。' : '假期结束回到岗位后，请点"销假"或发送 /销假。');
  const buttons = view.can.return ? [button({ label: BUTTON.returnFromLeave, type: 'primary_filled', value: action({ a: 'generalLeave.return', c: view.committeeId, l: view.leaveId }) })] : [];
  return card(header(TITLE.leaveReturn, view.returned ? 'green' : 'orange'), [md(lines.join('\n')), ...basisBlock(view.basis), ...buttonRow(buttons)], TITLE.leaveReturn);
}
