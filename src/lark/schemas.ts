/**
 * The wire shapes we read from the Open Platform (the answers of the message, chat-member and
 * user calls). Parsed at the edge; unknown fields pass through untouched because Feishu adds fields.
 */
import { z } from 'zod';

/** Every answer: `code` 0 is success, anything else is an error with Feishu's code. */
export const EnvelopeSchema = z.object({
  code: z.number().int(),
  msg: z.string().optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** `data` of message create and reply. */
export const FileKeySchema = z.object({ file_key: z.string().min(1) });

export const SentMessageSchema = z.object({
  message_id: z.string().min(1),
  chat_id: z.string().optional(),
});

/** `data` of urgent_app. */
export const UrgentResultSchema = z.object({
  invalid_user_id_list: z.array(z.string()).optional(),
});

/** `data` of one page of chat members. */
export const ChatMembersPageSchema = z.object({
  items: z.array(z.object({
    member_id: z.string().min(1),
    member_id_type: z.string().optional(),
    name: z.string().optional(),
    tenant_key: z.string().optional(),
  })).optional(),
  page_token: z.string().optional(),
  has_more: z.boolean().optional(),
  member_total: z.number().int().optional(),
});

/** `bot` of bot info (answered beside `code`, not under `data`); only the field the bot uses. */
export const BotInfoSchema = z.object({ open_id: z.string().min(1), app_name: z.string().optional() });

/** `data` of contact user get; only the fields the bot uses. */
export const UserSchema = z.object({
  user: z.object({
    open_id: z.string().min(1),
    union_id: z.string().optional(),
    name: z.string().optional(),
    en_name: z.string().optional(),
    status: z.object({
      is_frozen: z.boolean().optional(),
      is_resigned: z.boolean().optional(),
      is_activated: z.boolean().optional(),
    }).optional(),
  }),
});
