/**
 * People named in a command. Feishu lists a message's @-mentions in order and the envelope keeps
 * their open_ids with the placeholders removed from the text, so a name typed without @ never
 * names anyone here; the bot's own mention (how a group message reaches it) is dropped.
 */

/** What a parser needs beyond the text after the command word. */
export interface CommandInput {
  /** The text after the command word, as in the message event (@-placeholders removed). */
  readonly args: string;
  /** The message's mentions in order (MessageEvent.mentionOpenIds). */
  readonly mentionOpenIds: readonly string[];
  /** The app's own open_id, so that @-ing the bot names no one. */
  readonly botOpenId: string;
  /** "Now" in epoch milliseconds, from the caller's clock. */
  readonly nowMs: number;
}

/** The open_ids of the people mentioned, in order, each once, without the bot. */
export function mentionedPeople(input: Pick<CommandInput, 'mentionOpenIds' | 'botOpenId'>): string[] {
  return [...new Set(input.mentionOpenIds.filter((openId) => openId !== input.botOpenId && openId !== ''))];
}
