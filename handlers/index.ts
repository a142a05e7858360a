/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { openSignInAction } from './open-sign-in.js';
import { pingCard } from './ping-card.js';
import { showHelp } from './show-help.js';
import { signInAction, signInCommand } from './sign-in.js';

export function registerHandlers(bot: Bot): void {
  bot.command('/帮助', showHelp);
  bot.action('demo.ping', pingCard);
  // Sign-in
  bot.action(...openSignInAction);
  bot.command('/签到', signInCommand);
  bot.action(...signInAction);
}
