/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { botAdded } from './bot-added.js';
import { membersJoined, membersLeft } from './chat-members.js';
import { openSignInAction } from './open-sign-in.js';
import { pingCard } from './ping-card.js';
import { saveSetupAction } from './save-setup.js';
import { setupCommand } from './setup-command.js';
import { showHelp } from './show-help.js';
import { showRules } from './show-rules.js';
import { signInAction, signInCommand } from './sign-in.js';

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
}
