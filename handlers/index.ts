/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { pingCard } from './ping-card.js';
import { showHelp } from './show-help.js';
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
  // Leave: meeting absence (from the notice or /请假 <原因>) and general leave with 销假.
  bot.command('/请假', requestLeave).command('/销假', returnByCommand);
  for (const [name, handler] of [openMeetingLeave, submitMeetingLeave, approveMeetingLeave, rejectMeetingLeave,
    submitGeneralLeave, approveGeneralLeave, rejectGeneralLeave, returnByButton]) bot.action(name, handler);
}
