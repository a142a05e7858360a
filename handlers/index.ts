/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { openSignInAction } from './open-sign-in.js';
import { pingCard } from './ping-card.js';
import { showHelp } from './show-help.js';
import { signInAction, signInCommand } from './sign-in.js';
import { approveGeneralLeave, rejectGeneralLeave } from './act-on-general-leave.js';
import { approveMeetingLeave, rejectMeetingLeave } from './decide-meeting-leave.js';
import { openMeetingLeave } from './open-meeting-leave.js';
import { requestLeave } from './request-leave.js';
import { returnByButton, returnByCommand } from './return-from-leave.js';
import { submitGeneralLeave } from './submit-general-leave.js';
import { submitMeetingLeave } from './submit-meeting-leave.js';

export function registerHandlers(bot: Bot): void {
  bot.command('/帮助', showHelp);
  bot.action('demo.ping', pingCard);
  // Sign-in
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
}
