/** `demo.ping`: a card button that answers with a toast, to exercise the callback path end to end. */
import type { ActionHandler } from '../src/bot/context.js';

export const PING_TOAST = '已收到,卡片回调正常。';

export const pingCard: ActionHandler = async () => Promise.resolve({ toast: { type: 'success', content: PING_TOAST } });
