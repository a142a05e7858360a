/** 议题异议: the member's own form for an objection to a notified meeting, then what was recorded. */
import type { Meeting } from '../src/domain/index.js';
import { action, FORM_FIELDS } from './actions.js';
import { card, form, header, input, md, note, submit } from './components.js';
import { BUTTON, FIELD, TITLE } from './copy.js';
import { clip, formatWhen, typed } from './text.js';
import type { Card } from './types.js';
import type { ViewOptions } from './view.js';

export interface ObjectionCan { object: boolean }

export interface ObjectionView {
  committeeId: string;
  meetingId: string;
  title: string;
  when: string;
  /** The objection recorded, once submitted; then the card offers nothing more. */
  submitted?: string;
  can: ObjectionCan;
}

export function toObjectionView(meeting: Meeting, submitted: string | undefined, opts: ViewOptions<ObjectionCan>): ObjectionView {
  return {
    committeeId: meeting.committeeId, meetingId: meeting.id, title: meeting.title, when: formatWhen(meeting.startsAt, opts.timeZone),
    ...(submitted === undefined ? {} : { submitted }),
    can: { object: opts.can.object && submitted === undefined && meeting.status === 'noticed' },
  };
}

export function buildObjectionCard(view: ObjectionView): Card {
  const { committeeId: c, meetingId: m } = view;
  const elements: Card['body']['elements'] = [md(`**会议**：${typed(view.title, 200)}\n**时间**：${view.when}`)];
  if (view.submitted !== undefined) {
    elements.push(md(`**已提交的异议**：${typed(view.submitted, 1000)}\n会议主持人会看到您的异议。`));
  } else if (view.can.object) {
    elements.push(form('objection', [
      input({ name: FORM_FIELDS.objection.text, label: FIELD.objectionText, required: true, multiline: true, placeholder: '请写明对议题的异议', maxLength: 1000 }),
    ], submit('objection_submit', { label: BUTTON.object, value: action({ a: 'notice.object', c, m }) })));
  } else {
    elements.push(note('本次会议已不再接受异议。'));
  }
  return card(header(TITLE.objection, view.submitted === undefined ? 'orange' : 'green', clip(view.title, 60)), elements, `${TITLE.objection}：${clip(view.title, 40)}`);
}
