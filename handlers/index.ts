/** The bot's inventory: the one place that registers every command and card action. */
import type { Bot } from '../src/bot/bot.js';
import { pingCard } from './ping-card.js';
import { showHelp } from './show-help.js';

export function registerHandlers(bot: Bot): void {
  bot.command('/帮助', showHelp);
  bot.action('demo.ping', pingCard);
}
