/**
 * Small pure builders of card JSON 2.0 pieces. Each emits only the property names the platform
 * documents, so every card built from them passes Feishu's strict 2.0 check.
 */
import type { Action } from './actions.js';
import { RULE_FLAG_TEXT, RULE_IDS } from '../src/rules/index.js';
import type { RuleFlag } from '../src/rules/index.js';
import { SENTENCE } from './copy.js';
import { esc } from './text.js';
import type {
  Button, ButtonType, Card, CollapsiblePanel, Column, ColumnSet, DatePicker, Element, Form, FormField,
  Header, HeaderTemplate, Hr, Input, Markdown, MultiSelectPerson, PlainText, SelectPerson, SelectStatic, TagColor,
} from './types.js';

export const plain = (content: string): PlainText => ({ tag: 'plain_text', content });

export function header(title: string, template: HeaderTemplate, subtitle?: string, tag?: { text: string; color: TagColor }): Header {
  return {
    title: plain(title),
    ...(subtitle === undefined ? {} : { subtitle: plain(subtitle) }),
    ...(tag === undefined ? {} : { text_tag_list: [{ tag: 'text_tag', text: plain(tag.text), color: tag.color }] }),
    template,
  };
}

/** A card: always schema 2.0 and shared (`update_multi` must be true in 2.0). */
export function card(head: Header, elements: Element[], summary?: string): Card {
  return {
    schema: '2.0',
    config: { update_multi: true, ...(summary === undefined ? {} : { summary: { content: summary } }) },
    header: head,
    body: { elements },
  };
}

export const md = (content: string): Markdown => ({ tag: 'markdown', content });

/** The 1.0 `note` is gone in 2.0: small grey markdown replaces it. */
export const note = (content: string): Markdown => ({ tag: 'markdown', content: `<font color='grey'>${content}</font>`, text_size: 'notation' });

export const hr = (): Hr => ({ tag: 'hr' });

/** Side-by-side columns, each sized to its content, wrapping on narrow screens. */
export function columns(...cells: Element[][]): ColumnSet {
  const cols: Column[] = cells.map((elements) => ({ tag: 'column', width: 'auto', elements }));
  return { tag: 'column_set', flex_mode: 'flow', horizontal_spacing: '8px', columns: cols };
}

export interface ButtonSpec {
  label: string;
  value: Action;
  type?: ButtonType;
  /** A dialog with OK/Cancel before the callback is sent. */
  confirm?: { title: string; text: string };
  disabled?: boolean;
  disabledTips?: string;
}

export function button(spec: ButtonSpec): Button {
  return {
    tag: 'button',
    type: spec.type ?? 'default',
    text: plain(spec.label),
    ...(spec.confirm === undefined ? {} : { confirm: { title: plain(spec.confirm.title), text: plain(spec.confirm.text) } }),
    ...(spec.disabled === true ? { disabled: true } : {}),
    ...(spec.disabledTips === undefined ? {} : { disabled_tips: plain(spec.disabledTips) }),
    behaviors: [{ type: 'callback', value: { ...spec.value } }],
  };
}

/** Buttons in one row; an empty list gives no element at all. */
export function buttonRow(buttons: readonly Button[]): ColumnSet[] {
  return buttons.length === 0 ? [] : [columns(...buttons.map((b) => [b]))];
}

/** A form submit button: it carries the action value, and the form's fields arrive in `form_value`. */
export function submit(name: string, spec: ButtonSpec): Button {
  return { ...button({ type: 'primary_filled', ...spec }), name, form_action_type: 'submit' };
}

/** A form: a direct child of the body, its fields named, one submit button at the end. */
export function form(name: string, elements: Element[], submitButton: Button): Form {
  return { tag: 'form', name, elements: [...elements, submitButton] };
}

interface FieldSpec { name: string; label: string; required?: boolean; placeholder?: string }

const fieldBase = (spec: FieldSpec) => ({
  name: spec.name,
  ...(spec.required === true ? { required: true } : {}),
  placeholder: plain(spec.placeholder ?? spec.label),
});

export function input(spec: FieldSpec & { multiline?: boolean; maxLength?: number; defaultValue?: string }): Input {
  return {
    tag: 'input',
    ...fieldBase(spec),
    label: plain(spec.label),
    max_length: spec.maxLength ?? 500,
    ...(spec.multiline === true ? { input_type: 'multiline_text', rows: 2 } : {}),
    ...(spec.defaultValue === undefined ? {} : { default_value: spec.defaultValue }),
    width: 'fill',
  };
}

/** A labelled field: selects and pickers have no `label` of their own, so a line of text names them. */
function labelled(label: string, field: FormField): Element[] {
  return [md(`**${esc(label)}**`), field];
}

export function select(spec: FieldSpec & { options: readonly { value: string; text: string }[]; initial?: string }): Element[] {
  const index = spec.initial === undefined ? -1 : spec.options.findIndex((o) => o.value === spec.initial);
  const field: SelectStatic = {
    tag: 'select_static',
    ...fieldBase(spec),
    options: spec.options.map((o) => ({ text: plain(o.text), value: o.value })),
    ...(index >= 0 ? { initial_index: index + 1 } : {}),
    width: 'fill',
  };
  return labelled(spec.label, field);
}

/** Without options the candidates are the chat's members, which keeps the card small; with them, those open_ids only. */
export function personPicker(spec: FieldSpec & { options?: readonly string[] }): Element[] {
  const field: SelectPerson = {
    tag: 'select_person', ...fieldBase(spec), ...(spec.options === undefined ? {} : { options: spec.options.map((value) => ({ value })) }), width: 'fill',
  };
  return labelled(spec.label, field);
}

/** Inside a form only. */
export function multiPersonPicker(spec: FieldSpec): Element[] {
  const field: MultiSelectPerson = { tag: 'multi_select_person', ...fieldBase(spec), width: 'fill' };
  return labelled(spec.label, field);
}

export function datePicker(spec: FieldSpec & { initialDate?: string }): Element[] {
  const field: DatePicker = {
    tag: 'date_picker', ...fieldBase(spec), ...(spec.initialDate === undefined ? {} : { initial_date: spec.initialDate }), width: 'fill',
  };
  return labelled(spec.label, field);
}

export function panel(title: string, elements: Element[], expanded = false): CollapsiblePanel {
  return { tag: 'collapsible_panel', expanded, header: { title: { tag: 'plain_text', content: title } }, elements };
}

/** 《title》第 N 条 from a national entry's summary ("党组工作条例(试行) art. 19: …"). */
function nationalSource(summary: string): string | undefined {
  const m = /^([^:]*?[\u4e00-\u9fff][^:]*?)(?: art\. (\d+))?:/u.exec(summary);
  if (m?.[1] === undefined) return undefined;
  const title = m[1].replace(/ \((\d{4})\)$/, '（$1）').trim();
  return m[2] === undefined ? `《${title}》` : `《${title}》第${m[2]}条`;
}

/**
 * The one Chinese sentence shown beside a rule id: the seed's own words, the national text it
 * comes from, or, for a reading the rules module chose where the text is silent, a note saying so.
 */
export function ruleSentence(id: string): string {
  const entry = RULE_IDS[id];
  if (entry === undefined) return '';
  if (entry.quote !== undefined) return `“${entry.quote}”`;
  if (entry.source === 'NAT') return nationalSource(entry.summary) ?? '国家有关规定';
  return '规则原文未明确规定，按系统默认理解执行，可在规则配置中调整';
}

/** 依据：JY-23b “…”；NT-3.4b “…” — with the sentence of each flag raised. */
export function basisLines(ruleIds: readonly string[], flags: readonly string[] = []): string {
  const ids = [...new Set(ruleIds)];
  const basis = ids.length === 0 ? [] : [`依据：${ids.map((id) => `${esc(id)} ${ruleSentence(id)}`.trim()).join('；')}`];
  // A stored flag this build has no sentence for is left out rather than shown as a bare code.
  const notes = [...new Set(flags)].flatMap((f) => (Object.hasOwn(RULE_FLAG_TEXT, f) ? [`提示：${RULE_FLAG_TEXT[f as RuleFlag]}`] : []));
  return [...basis, ...notes].join('\n');
}

/** The basis block: nothing when there is neither a rule nor a flag to show. */
export function basisBlock(ruleIds: readonly string[], flags: readonly string[] = []): Markdown[] {
  const text = basisLines(ruleIds, flags);
  return text === '' ? [] : [note(text)];
}

/** At most `max` entries, then a line saying how many were left out. */
export function capped<T>(items: readonly T[], max: number, render: (item: T, index: number) => string): string[] {
  const shown = items.slice(0, max).map(render);
  return items.length > max ? [...shown, SENTENCE.omitted(items.length - max)] : shown;
}
