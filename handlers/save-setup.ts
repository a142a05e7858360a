/** `保存设置`: the form's values, parsed with the kit's schema; answered with the saved card. */
import { SetupFormSchema } from '../cards/actions.js';
import { committeeIdOfChat } from '../src/services/committees.js';
import { saveSetup, setupState } from '../src/services/setup.js';
import { RefusedError } from '../src/errors.js';
import { onAction, toast } from './support.js';
import { setupCard } from './setup-view.js';

export const SAVED_TOAST = '设置已保存。';
const INCOMPLETE = '设置内容不完整，请选择规则后重新保存。';

export const saveSetupAction = onAction('setup.save', async (ctx, value) => {
  const { chatId, operatorOpenId, formValue } = ctx.event;
  // The card of another chat (forwarded, or posted in a private chat) sets nothing up here.
  if (chatId === undefined || committeeIdOfChat(chatId) !== value.c) throw new RefusedError('FOREIGN_CARD');
  const form = SetupFormSchema.safeParse(formValue ?? {});
  if (!form.success) return toast.error(INCOMPLETE);
  await saveSetup(ctx.services, { chatId, actorOpenId: operatorOpenId, form: form.data });
  const state = await setupState(ctx.services, { chatId, openId: operatorOpenId });
  return { toast: { type: 'success', content: SAVED_TOAST }, card: { type: 'raw', data: setupCard(state, ctx.clock.now()) } };
});
