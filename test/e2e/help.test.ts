/**
 * /帮助 through the stand-in, role by role: each person sees every command of the conversation
 * contract they may use and no other (the expected lists are the contract's "who" column, written
 * here by hand, not derived from the services' table), a vice chair chairing the meeting in
 * progress is offered /表决, and every command the bot registers is in the help.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cards/help-card.js';
import { GroupChat } from './group-chat.js';
import { delegateChair } from '../../src/services/meetings.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { committeeIn, noticedMeeting, openIdOf, startWorld, stopWorld, textOf, type World } from './meeting-world.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

const EVERYONE = ['/议题列表', '/请假', '/销假', '/签到', '/职责', '/规则', '/帮助'];
const EXPECTED: Record<string, string[]> = {
  chair1: ['/设置', '/议题', '/议题列表', '/会议', '/请假', '/销假', '/签到', '/表决', '/测评', '/纪要', '/督办', '/职责', '/规则', '/帮助'],
  vice1: ['/议题', ...EVERYONE],
  m1: ['/议题', ...EVERYONE],
  clerk1: ['/设置', '/议题', '/议题列表', '/会议', '/请假', '/销假', '/签到', '/测评', '/纪要', '/督办', '/职责', '/规则', '/帮助'],
  obs1: EVERYONE,
  stranger: ['/规则', '/帮助'],
};
const order = (words: readonly string[]) => COMMANDS.map((c) => c.word).filter((word) => words.includes(word));

/** The command words a help card lists, in its order. */
const listed = (card: unknown): string[] => [...textOf(card).matchAll(/\*\*(\/\S+)\*\*/g)].map((m) => m[1] ?? '');

describe('/帮助', () => {
  it('shows each role the commands it may use, in the contract\'s order, with an example each', async () => {
    const chatId = 'oc_help_roles';
    const { roster } = await committeeIn(w, 'JY', chatId);
    const chat = new GroupChat(w.standIn, w.redis, chatId);
    for (const [who, expected] of Object.entries(EXPECTED)) {
      const { reply } = await chat.command(who === 'stranger' ? 'ou_help_stranger' : openIdOf(roster, who), '/帮助');
      expect(listed(reply), who).toEqual(order(expected));
      expect(textOf(reply).match(/例：/g)?.length, who).toBe(expected.length);
    }
  });

  it('offers /表决 to the vice chair the 书记 delegated the meeting in progress to, and to no other member', async () => {
    const chatId = 'oc_help_delegated';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    await delegateChair(w.deps, { committeeId: c, meetingId: m, actorId: 'chair1', viceChairId: 'vice1' });
    await openSignIn(w.deps, { committeeId: c, meetingId: m, actorId: 'clerk1' });
    const chat = new GroupChat(w.standIn, w.redis, chatId);
    const words = async (who: string) => listed((await chat.command(openIdOf(roster, who), '/帮助')).reply);
    expect(await words('vice1')).toContain('/表决');
    expect(await words('m1')).not.toContain('/表决');
  });

  it('covers every command the bot registers', () => {
    expect([...w.bot.app.bot.commandWords()].sort()).toEqual(COMMANDS.map((c) => c.word).sort());
  });
});
