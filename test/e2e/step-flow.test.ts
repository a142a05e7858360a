/**
 * The whole story of one committee, for JY, NT, ZY and AJ, told only through what Feishu would
 * push (step-story.ts): from the bot added to a group to the sign-in sheet, each step checked where
 * the group reads it. step-meeting.test.ts goes on with JY's meeting itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEveryCardValid, startWorld, type World } from './leave-world.js';
import { groupContents, playToSignIn, REASON, storyChat, type StoryChat } from './step-story.js';

let w: World;
beforeAll(async () => { w = await startWorld(); }, 30_000);
afterAll(async () => { await w.stop(); });

describe.each(['JY', 'NT', 'ZY', 'AJ'] as const)('%s: from the bot added to the group to sign-in', (profileId) => {
  let s: StoryChat;
  beforeAll(() => { s = storyChat(w, profileId); });

  it('plays setup, topics, the notice, every answer and sign-in, each checked as the group sees it', async () => {
    await playToSignIn(w, s);
    // 6. Every card sent or patched passes the card check; the leave reason is never in the group.
    expectEveryCardValid(w);
    for (const content of groupContents(w, s.chatId)) expect(content).not.toContain(REASON);
  }, 40_000);
});
