/**
 * 会议提醒: a reminder sent privately (or to the group) when it comes due. It names the meeting and
 * its time and says what to do; it carries no button, so it never goes stale, and nothing of a
 * ballot. The notice itself, with its buttons, stays the one place to answer.
 */
import type { FollowUpNotice, ReminderNotice } from '../src/domain/index.js';
import { isFollowUpNotice } from '../src/domain/index.js';
import { card, header, md, note } from './components.js';
import { durationWords, TITLE } from './copy.js';
import { buildFollowUpCard } from './follow-up-card.js';
import { clip, esc, formatWhen } from './text.js';
import type { Card } from './types.js';

function lines(notice: Exclude<ReminderNotice, FollowUpNotice>, timeZone: string): { subtitle: string; body: string; hint: string } {
  const when = formatWhen(notice.startsAt, timeZone);
  switch (notice.type) {
    case 'meetingNoticeDue':
      return { subtitle: '会议通知尚未发出', body: `会议定于 **${when}** 召开，按规定须于 **${formatWhen(notice.deadline, timeZone)}** 前发出会议通知。`, hint: '请在“会议筹备”卡片上点“发送通知”。' };
    case 'meetingUnanswered':
      return { subtitle: notice.last ? '请今天回复会议通知' : '请回复会议通知', body: `会议定于 **${when}** 召开，您尚未回复会议通知${notice.last ? '，今天是会前最后一个工作日' : ''}。`, hint: '请在群里的“会议通知”卡片上点“参加”或“请假”。' };
    case 'meetingStarting':
      return { subtitle: `${durationWords(notice.minutesBefore)}后开会`, body: `会议将于 **${when}** 召开${notice.location === undefined ? '' : `，地点：${esc(clip(notice.location, 200))}`}。`, hint: '请准时参加，到会后签到。' };
    case 'meetingObjections':
      return { subtitle: '异议截止', body: `会议定于 **${when}** 召开。对议程有异议的，请于 **${formatWhen(notice.deadline, timeZone)}** 前提出。`, hint: '请在群里的“会议通知”卡片上点“提出异议”。' };
  }
}

export function buildReminderCard(notice: ReminderNotice, timeZone: string): Card {
  if (isFollowUpNotice(notice)) return buildFollowUpCard(notice, timeZone);
  const { subtitle, body, hint } = lines(notice, timeZone);
  const title = `${TITLE.meetingReminder}：${clip(notice.title, 60)}`;
  return card(header(title, notice.type === 'meetingNoticeDue' || (notice.type === 'meetingUnanswered' && notice.last) ? 'orange' : 'blue', subtitle), [md(body), note(hint)], `${TITLE.meetingReminder} ${subtitle}`);
}
