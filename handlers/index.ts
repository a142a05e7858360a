/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { attendMeetingAction } from './attend-meeting.js';
import { cancelMeetingAction } from './cancel-meeting.js';
import { confirmTopicAction } from './confirm-topic.js';
import { listTopicsCommand } from './list-topics.js';
import { pingCard } from './ping-card.js';
import { raiseObjectionAction } from './raise-objection.js';
import { returnTopicAction } from './return-topic.js';
import { scheduleMeetingCommand } from './schedule-meeting.js';
import { sendNoticeAction } from './send-notice.js';
import { submitTopicCommand } from './submit-topic.js';
import { onAction } from './support.js';
import { showHelp } from './show-help.js';

export function registerHandlers(bot: Bot): void {
  bot.command('/帮助', showHelp);
  bot.action('demo.ping', pingCard);
  // Topics, meetings and the notice.
  bot.command('/议题', submitTopicCommand).command('/议题列表', listTopicsCommand).command('/会议', scheduleMeetingCommand);
  bot.action(...onAction('topic.confirm', confirmTopicAction)).action(...onAction('topic.return', returnTopicAction));
  bot.action(...onAction('meeting.sendNotice', sendNoticeAction)).action(...onAction('meeting.cancel', cancelMeetingAction));
  bot.action(...onAction('notice.attend', attendMeetingAction)).action(...onAction('notice.object', raiseObjectionAction));
}
