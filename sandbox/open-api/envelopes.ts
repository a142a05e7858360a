/** The v2 envelopes Feishu pushes, built from a few fields. */
import { randomBytes } from 'node:crypto';
import { newId } from './state.js';

export type Json = Record<string, unknown>;

export interface EnvelopeHeader {
  appId: string;
  tenantKey: string;
  verificationToken: string;
}

export function envelope(h: EnvelopeHeader, type: string, event: Json, eventId: string, createTimeMs: number): Json {
  return {
    schema: '2.0',
    header: {
      event_id: eventId,
      event_type: type,
      create_time: String(createTimeMs),
      token: h.verificationToken,
      app_id: h.appId,
      tenant_key: h.tenantKey,
    },
    event,
  };
}

export interface TextMessage {
  chatId: string;
  senderOpenId: string;
  text: string;
  messageId?: string;
  chatType?: 'group' | 'p2p';
  /** `@_user_N` placeholders in `text` map to these, in order. */
  mentions?: Array<{ openId: string; name: string }>;
  parentId?: string;
}

export function textMessageEvent(m: TextMessage, tenantKey: string, at: number): { event: Json; messageId: string } {
  const messageId = m.messageId ?? newId('om_');
  const event = {
    sender: { sender_id: { open_id: m.senderOpenId, union_id: `on_${m.senderOpenId.replace(/^ou_/, '')}`, user_id: null }, sender_type: 'user', tenant_key: tenantKey },
    message: {
      message_id: messageId,
      ...(m.parentId !== undefined ? { root_id: m.parentId, parent_id: m.parentId } : {}),
      create_time: String(at),
      update_time: String(at),
      chat_id: m.chatId,
      chat_type: m.chatType ?? 'group',
      message_type: 'text',
      content: JSON.stringify({ text: m.text }),
      mentions: (m.mentions ?? []).map((x, i) => ({ key: `@_user_${i + 1}`, id: { open_id: x.openId, union_id: `on_${x.openId.replace(/^ou_/, '')}`, user_id: null }, name: x.name, tenant_key: tenantKey })),
    },
  };
  return { event, messageId };
}

export interface CardAction {
  operatorOpenId: string;
  /** The button's callback `value` object. */
  value?: Json;
  messageId: string;
  chatId: string;
  formValue?: Record<string, unknown>;
  tag?: string;
  name?: string;
  option?: string;
  inputValue?: string;
  checked?: boolean;
  timezone?: string;
}

export const cardToken = (): string => `c-${randomBytes(20).toString('hex')}`;

export function cardActionEvent(a: CardAction, tenantKey: string, token: string): Json {
  const action: Json = { tag: a.tag ?? 'button', timezone: a.timezone ?? 'Asia/Shanghai' };
  if (a.value !== undefined) action.value = a.value;
  if (a.name !== undefined) action.name = a.name;
  if (a.formValue !== undefined) action.form_value = a.formValue;
  if (a.option !== undefined) action.option = a.option;
  if (a.inputValue !== undefined) action.input_value = a.inputValue;
  if (a.checked !== undefined) action.checked = a.checked;
  return {
    operator: { tenant_key: tenantKey, open_id: a.operatorOpenId, union_id: `on_${a.operatorOpenId.replace(/^ou_/, '')}` },
    token,
    action,
    host: 'im_message',
    context: { open_message_id: a.messageId, open_chat_id: a.chatId },
  };
}
