/**
 * A chat history that outlives the process: the messages (each at its latest version), urgent
 * notices and uploaded files, as plain JSON, and back. Users, chats, tokens and the request log
 * are not part of it: the sandbox introduces its people afresh on every start.
 */
import { z } from 'zod';
import type { StandInState } from './state.js';

// Loose: a field the stand-in keeps on a message in future (a user message's mentions) survives a restart.
const MessageSchema = z.looseObject({
  messageId: z.string(), chatId: z.string().optional(), openId: z.string().optional(), msgType: z.string(), content: z.unknown(),
  uuid: z.string().optional(), at: z.number(), parentId: z.string().optional(), rootId: z.string().optional(),
  sender: z.enum(['app', 'user']), senderOpenId: z.string().optional(),
});

export const HistorySchema = z.object({
  version: z.literal(1),
  messages: z.array(MessageSchema),
  urgents: z.array(z.object({ messageId: z.string(), userIds: z.array(z.string()), invalidUserIds: z.array(z.string()), at: z.number() })),
  files: z.array(z.object({ fileKey: z.string(), fileType: z.string(), fileName: z.string(), base64: z.string(), at: z.number() })),
});
export type History = z.infer<typeof HistorySchema>;

export function historyOf(state: StandInState): History {
  return {
    version: 1,
    messages: [...state.messages.values()].map((message) => ({ ...message })),
    urgents: [...state.urgents],
    files: [...state.files.values()].map(({ bytes, ...file }) => ({ ...file, base64: bytes.toString('base64') })),
  };
}

/** Replaces the state's history with `history` (already parsed with HistorySchema). */
export function restoreHistory(state: StandInState, history: History): void {
  state.clearHistory();
  for (const message of history.messages) state.record({ ...message });
  state.urgents.push(...history.urgents);
  for (const { base64, ...file } of history.files) state.files.set(file.fileKey, { ...file, bytes: Buffer.from(base64, 'base64') });
}
