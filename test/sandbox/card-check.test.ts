import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';

const button = (id: string, extra: Record<string, unknown> = {}) => ({
  tag: 'button',
  element_id: id,
  text: { tag: 'plain_text', content: '参加' },
  behaviors: [{ type: 'callback', value: { action: 'rsvp.attend' } }],
  ...extra,
});
const v2 = (elements: unknown[], top: Record<string, unknown> = {}) => ({ schema: '2.0', config: { update_multi: true }, body: { elements }, ...top });
const column = (elements: unknown[]) => ({ tag: 'column_set', columns: [{ tag: 'column', width: 'auto', elements }] });

/** Three minimal valid 2.0 cards (a notice, a form, a disabled button), abridged to their structure. */
const notice = v2([
  { tag: 'markdown', content: '**时间**：2025-03-05 09:00' },
  { tag: 'column_set', flex_mode: 'none', horizontal_spacing: '8px', columns: [{ tag: 'column', width: 'auto', elements: [button('btn_attend', { type: 'primary_filled' })] }] },
], { header: { title: { tag: 'plain_text', content: '会议通知' }, text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '待确认' }, color: 'orange' }], template: 'blue' } });
const form = v2([
  {
    tag: 'form',
    name: 'leave_form',
    elements: [
      { tag: 'input', name: 'reason', required: true, input_type: 'multiline_text', rows: 3 },
      { tag: 'select_static', name: 'leave_type', required: true, options: [{ text: { tag: 'plain_text', content: '事假' }, value: 'personal' }] },
      { tag: 'date_picker', name: 'leave_date', required: true },
      { tag: 'multi_select_person', name: 'cc', options: [{ value: 'ou_a' }] },
      { tag: 'button', name: 'leave_submit', text: { tag: 'plain_text', content: '提交' }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { action: 'leave.submit' } }] },
    ],
  },
]);
const disabled = v2([button('btn_vote', { disabled: true, disabled_tips: { tag: 'plain_text', content: '表决已截止' } })]);

describe('card JSON 2.0 check (stand-in side)', () => {
  it('accepts the reference examples, a 1.0 card and a template card', () => {
    for (const c of [notice, form, disabled, { elements: [] }, { type: 'template', data: { template_id: 'AAq' } }]) expect(checkCard(c)).toBeUndefined();
  });

  it.each([
    ['a top-level elements', { ...disabled, elements: [] }, 200621, 'unknown property: elements, path: []'],
    ['config.wide_screen_mode', v2([], { config: { wide_screen_mode: true } }), 200621, 'unknown property: wide_screen_mode'],
    ['update_multi false', v2([], { config: { update_multi: false } }), 200621, 'update_multi'],
    ['a 1.0 button value', v2([button('b1', { value: { a: 1 } })]), 200621, 'unknown property: value'],
    ['a note component', v2([{ tag: 'note', elements: [] }]), 200861, 'unsupported tag note'],
    ['an action row', v2([{ tag: 'action', actions: [] }]), 200861, 'unsupported tag action'],
    ['an unknown tag', v2([{ tag: 'blink' }]), 200621, 'unknown tag: blink'],
    ['a form inside a column', v2([column([{ tag: 'form', name: 'f', elements: [] }])]), 200621, 'direct child of body'],
    ['a multi-select outside a form', v2([{ tag: 'multi_select_static', name: 'm', options: [] }]), 200621, 'only allowed in a form'],
    ['required outside a form', v2([{ tag: 'input', name: 'i', required: true }]), 200621, 'form property outside a form'],
    ['a duplicate element_id', v2([button('same'), button('same')]), 200621, 'duplicate element_id'],
    ['a bad element_id', v2([button('1abc')]), 200621, 'invalid element_id'],
    ['nesting deeper than 5', v2([column([column([column([column([column([column([{ tag: 'hr' }])])])])])])]), 200621, 'nesting deeper'],
    ['more than 200 elements', v2(Array.from({ length: 201 }, () => ({ tag: 'hr' }))), 11310, 'element exceeds the limit'],
    ['a string callback value', v2([button('b1', { behaviors: [{ type: 'callback', value: 'x' }] })]), 200621, 'callback value must be an object'],
    ['a 1.0 form_action behavior', v2([button('b1', { behaviors: [{ type: 'form_action', behavior: 'submit' }] })]), 200621, 'unknown behavior'],
    ['lark_md button text', v2([button('b1', { text: { tag: 'lark_md', content: '**x**' } })]), 200621, 'plain_text'],
    ['a schema other than 2.0', { schema: '3.0' }, 200621, 'unsupported schema'],
  ])('refuses %s', (_name, card, sub, text) => {
    const problem = checkCard(card);
    expect(problem?.sub).toBe(sub);
    expect(problem?.message).toContain(text);
  });
});
