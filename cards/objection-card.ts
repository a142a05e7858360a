/** 议题异议: the member's own form for an objection to a notified meeting, then what was recorded. */
import { action, FORM_FIELDS } from './actions.js';
import { card, form, header, input, md, submit } from './components.js';
import { BUTTON, FIELD, TITLE } from './copy.js';
import { clip, typed } from './text.js';
import type { Card } from './types.js';

export interface ObjectionView {
  committeeId: string;
  meetingId: string;
  title: string;
  when: string;
  /** The objection recorded, once submitted; then the card offers nothing more. */
  submitted?: string;
}

export function buildObjectionCard(view: ObjectionView): Card {
  const { committeeId: c, meetingId: m } = view;
  const lines = md(`**会议**：${typed(view.title, 200)}\n**时间**：${view.when}`);
  const elements: Card['body']['elements'] = [lines];
  if (view.submitted === undefined) {
    elements.push(form('objection', [
      input({ name: FORM_FIELDS.objection.text, label: FIELD.objectionText, required: true, multiline: true, placeholder: '请写明对议题的异议', maxLength: 1000 }),
    ], submit('objection_submit', { label: BUTTON.object, value: action({ a: 'notice.object', c, m }) })));
  } else {
    elements.push(md(`**已提交的异议**：${typed(view.submitted, 1000)}\n会议主持人会看到您的异议。`));
  }
  return card(header(TITLE.objection, view.submitted === undefined ? 'orange' : 'green', clip(view.title, 60)), elements, `${TITLE.objection}：${clip(view.title, 40)}`);
}
