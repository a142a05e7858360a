/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { attendMeetingAction } from './attend-meeting.js';
import { botAdded } from './bot-added.js';
import { cancelMeetingAction } from './cancel-meeting.js';
import { castVoteAction } from './cast-vote.js';
import { closeVoteAction, deferAction, endMeetingAction, reconsiderAction } from './close-vote.js';
import { membersJoined, membersLeft } from './chat-members.js';
import { closeEvaluationAction } from './close-evaluation.js';
import { confirmTopicAction } from './confirm-topic.js';
import { draftMinutesCommand } from './draft-minutes.js';
import { editMinutesAction } from './edit-minutes.js';
import { listTopicsCommand } from './list-topics.js';
import { openEvaluationCommand } from './open-evaluation.js';
import { openSignInAction } from './open-sign-in.js';
import { openVoteAction, openVoteCommand } from './open-vote.js';
import { pingCard } from './ping-card.js';
import { raiseObjectionAction } from './raise-objection.js';
import { remindBallotAction, remindEvaluationAction } from './remind-voters.js';
import { rateEvaluationAction } from './rate-evaluation.js';
import { rescheduleMeetingAction } from './reschedule-meeting.js';
import { returnTopicAction } from './return-topic.js';
import { saveMinutesAction } from './save-minutes.js';
import { saveSetupAction } from './save-setup.js';
import { signOffMinutesAction } from './sign-off-minutes.js';
import { minutesToTaskAction } from './minutes-to-task.js';
import { scheduleMeetingCommand } from './schedule-meeting.js';
import { sendNoticeAction } from './send-notice.js';
import { setupCommand } from './setup-command.js';
import { submitTopicCommand } from './submit-topic.js';
import { onAction } from './support.js';
import { showHelp } from './show-help.js';
import { showRules } from './show-rules.js';
import { signInAction, signInCommand } from './sign-in.js';
import { approveGeneralLeave, rejectGeneralLeave } from './act-on-general-leave.js';
import { approveMeetingLeave, rejectMeetingLeave } from './decide-meeting-leave.js';
import { openMeetingLeave } from './open-meeting-leave.js';
import { requestLeave } from './request-leave.js';
import { returnByButton, returnByCommand } from './return-from-leave.js';
import { submitGeneralLeave } from './submit-general-leave.js';
import { submitMeetingLeave } from './submit-meeting-leave.js';
import { assignTaskCommand } from './assign-task.js';
import { completeTaskAction } from './complete-task.js';
import { recordDutyAction } from './record-duty.js';
import { reportTaskAction } from './report-task.js';
import { showDuties } from './show-duties.js';

export function registerHandlers(bot: Bot): void {
  bot.command('/帮助', showHelp);
  bot.command('/规则', showRules);
  bot.action('demo.ping', pingCard);
  // Setup and the roster.
  bot.command('/设置', setupCommand);
  bot.action(...saveSetupAction);
  bot.on('im.chat.member.bot.added_v1', botAdded);
  bot.on('im.chat.member.user.added_v1', membersJoined);
  bot.on('im.chat.member.user.deleted_v1', membersLeft);
  // Sign-in.
  bot.action(...openSignInAction);
  bot.command('/签到', signInCommand);
  bot.action(...signInAction);
  // Leave: meeting absence (from the notice or /请假 <原因>), general leave, 销假
  bot.command('/请假', requestLeave);
  bot.command('/销假', returnByCommand);
  bot.action(...openMeetingLeave);
  bot.action(...submitMeetingLeave);
  bot.action(...approveMeetingLeave);
  bot.action(...rejectMeetingLeave);
  bot.action(...submitGeneralLeave);
  bot.action(...approveGeneralLeave);
  bot.action(...rejectGeneralLeave);
  bot.action(...returnByButton);
  // Topics, meetings and the notice.
  bot.command('/议题', submitTopicCommand).command('/议题列表', listTopicsCommand).command('/会议', scheduleMeetingCommand);
  bot.action(...onAction('topic.confirm', confirmTopicAction)).action(...onAction('topic.return', returnTopicAction));
  bot.action(...onAction('meeting.sendNotice', sendNoticeAction)).action(...onAction('meeting.cancel', cancelMeetingAction));
  bot.action(...onAction('meeting.reschedule', rescheduleMeetingAction));
  bot.action(...onAction('notice.attend', attendMeetingAction)).action(...onAction('notice.object', raiseObjectionAction));
  // 民主测评.
  bot.command('/测评', openEvaluationCommand);
  bot.action(...rateEvaluationAction).action(...closeEvaluationAction).action(...remindEvaluationAction);
  // Tasks and duties.
  bot.command('/督办', assignTaskCommand).command('/职责', showDuties);
  bot.action(...onAction('task.report', reportTaskAction)).action(...onAction('task.done', completeTaskAction));
  bot.action(...onAction('duty.record', recordDutyAction));
  // Minutes.
  bot.command('/纪要', draftMinutesCommand);
  bot.action(...onAction('minutes.edit', editMinutesAction)).action(...onAction('minutes.save', saveMinutesAction));
  bot.action(...onAction('minutes.signOff', signOffMinutesAction)).action(...onAction('minutes.toTask', minutesToTaskAction));
  // Chairing and votes.
  bot.command('/表决', openVoteCommand);
  bot.action(...openVoteAction).action(...castVoteAction).action(...closeVoteAction).action(...remindBallotAction);
  bot.action(...deferAction).action(...reconsiderAction).action(...endMeetingAction);
}
