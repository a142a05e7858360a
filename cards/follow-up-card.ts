/**
 * The reminders of a leave, a task or a duty, sent privately when they come due. 销假提醒 is the
 * leave's own card with its `销假` button (the same card the applicant got when the leave was
 * approved); the others name what is due and where to act, and carry no button, so they never go
 * stale. None shows a leave's reason: it may be a diagnosis.
 */
import type { FollowUpNotice } from '../src/domain/index.js';
import { basisBlock, card, header, md, note } from './components.js';
import { TITLE } from './copy.js';
import { buildLeaveReturnCard } from './leave-cards.js';
import { clip, esc, formatDay, formatWhen, typed } from './text.js';
import type { Card } from './types.js';

const reminder = (title: string, subtitle: string, template: 'blue' | 'orange' | 'red', body: string, hint: string, basis: readonly string[] = []): Card =>
  card(header(title, template, subtitle), [md(body), ...basisBlock(basis), note(hint)], `${title} ${subtitle}`);

export function buildFollowUpCard(notice: FollowUpNotice, timeZone: string): Card {
  switch (notice.type) {
    case 'leaveReturn':
      return buildLeaveReturnCard({
        committeeId: notice.committeeId, leaveId: notice.leaveId, period: `${formatDay(notice.start)} 至 ${formatDay(notice.end)}`,
        returnBy: formatDay(notice.returnBy), basis: notice.basis, returned: false, ended: notice.dueToday, can: { return: true },
      });
    case 'leavePending':
      return reminder(TITLE.approvalReminder, '请假申请等待您审批', 'orange',
        `${esc(clip(notice.applicant, 40))}的请假申请（${notice.start === undefined || notice.end === undefined ? '' : `${formatDay(notice.start)} 至 ${formatDay(notice.end)}，`}${notice.days} 天）自 **${formatWhen(notice.waitingSince, timeZone)}** 起等待您审批。`,
        '请在此前收到的“请假审批”卡片上点“同意”或“不同意”。');
    case 'meetingLeavePending':
      return reminder(TITLE.approvalReminder, '会议请假等待您审批', 'orange',
        `会议“${typed(notice.title, 100)}”（**${formatWhen(notice.startsAt, timeZone)}** 开始）有 ${notice.applicants.length} 人的请假等待您审批：${notice.applicants.map((n) => esc(clip(n, 40))).join('、')}。`,
        '请在会前于此前收到的“请假审批”卡片上点“同意”或“不同意”。');
    case 'taskDue':
      return reminder(TITLE.taskReminder, '督办事项即将到期', 'orange',
        `督办事项“${typed(notice.title, 100)}”的完成时限为 **${formatDay(notice.due)}**，尚未办结。`,
        '请在“督办事项”卡片上报告进展或点“办结”。');
    case 'taskOverdue':
      return reminder(TITLE.taskReminder, '督办事项已逾期', 'red',
        `督办事项“${typed(notice.title, 100)}”（负责人：${esc(clip(notice.owner, 40))}）的完成时限 **${formatDay(notice.due)}** 已过，尚未办结。`,
        '请督促负责人办理，或发送 /督办 查看全部未办结事项。');
    case 'dutyDue':
      return reminder(TITLE.dutyReminder, '工作职责即将到期', 'orange',
        `“${esc(notice.title)}”本周期（${esc(notice.window)}）须于 **${formatDay(notice.due)}** 前完成，尚未登记完成。`,
        '完成后请发送 /职责，在“工作职责”卡片上点“登记完成”。', notice.basis);
    case 'dutyOverdue':
      return reminder(TITLE.dutyReminder, '工作职责已逾期', 'red',
        `“${esc(notice.title)}”上一周期（${esc(notice.window)}）的期限 **${formatDay(notice.due)}** 已过，未登记完成。`,
        '如已完成，请发送 /职责，在“工作职责”卡片上点“登记完成”补登。', notice.basis);
    case 'dutyReport':
      return reminder(TITLE.dutyReminder, '民主生活会情况报告', 'orange',
        `${formatDay(notice.heldOn)}召开的民主生活会，其情况报告须于 **${formatDay(notice.due)}** 前报送。`,
        '请按规定按时报送。', notice.basis);
  }
}
