/**
 * Card JSON 2.0 → HTML for the chat page: pure, and escaping everything a card carries. Every
 * interactive element keeps what the page needs to send the `card.action.trigger` Feishu would
 * send: a button's callback value (`data-value`), a form's name (`data-form`), a submit button's
 * name (`data-submit`) and each field's name and kind (`name`, `data-field`).
 */
import { colourClass, escapeHtml, inline, markdownHtml, type MarkdownContext } from './markdown.js';

export interface RenderContext extends MarkdownContext {
  /** The chat's members, offered by person pickers that list no options of their own. */
  people: readonly { openId: string; name: string }[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const textOf = (v: unknown): string => (isObject(v) ? str(v.content) ?? '' : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Feishu's header colours; `default` (and anything unknown) is the plain white header. */
const TEMPLATES = new Set(['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey']);
const BUTTON_TYPES = new Set(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']);

const attrJson = (value: unknown): string => escapeHtml(JSON.stringify(value));

/** A text object: `lark_md` (and a panel's `markdown` title) is read as markdown, plain text as text. */
function richText(v: unknown, ctx: RenderContext): string {
  if (!isObject(v)) return '';
  const content = str(v.content) ?? '';
  return v.tag === 'lark_md' || v.tag === 'markdown' ? inline(content, ctx) : escapeHtml(content);
}

function headerHtml(header: unknown, ctx: RenderContext): string {
  if (!isObject(header)) return '';
  const template = str(header.template) ?? 'default';
  const tags = list(header.text_tag_list).slice(0, 3).filter(isObject)
    .map((t) => `<span class="text-tag ${colourClass(str(t.color), 'tag')}">${escapeHtml(textOf(t.text))}</span>`).join('');
  const subtitle = header.subtitle === undefined ? '' : `<div class="card-subtitle">${richText(header.subtitle, ctx)}</div>`;
  return `<div class="card-header tpl-${TEMPLATES.has(template) ? template : 'default'}"><div class="card-title"><span class="title-text">${richText(header.title, ctx)}</span>${tags}</div>${subtitle}</div>`;
}

/** The first callback behaviour's value: what the tap sends back as `action.value`. */
function callbackValue(el: Json): unknown {
  const behaviour = list(el.behaviors).filter(isObject).find((b) => b.type === 'callback');
  return behaviour?.value;
}

function openUrl(el: Json): string | undefined {
  const behaviour = list(el.behaviors).filter(isObject).find((b) => b.type === 'open_url');
  const url = str(behaviour?.pc_url) ?? str(behaviour?.default_url);
  return url !== undefined && /^https?:\/\//i.test(url) ? url : undefined;
}

function buttonHtml(el: Json, form: string | undefined): string {
  const type = str(el.type) ?? 'default';
  const label = escapeHtml(textOf(el.text));
  const url = openUrl(el);
  if (url !== undefined) return `<a class="btn btn-${BUTTON_TYPES.has(type) ? type : 'default'}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
  const attrs = [`class="btn btn-${BUTTON_TYPES.has(type) ? type : 'default'}"`, 'type="button"'];
  const value = callbackValue(el);
  if (value !== undefined) attrs.push(`data-value="${attrJson(value)}"`);
  if (form !== undefined && el.form_action_type === 'submit') attrs.push(`data-form="${escapeHtml(form)}"`, `data-submit="${escapeHtml(str(el.name) ?? '')}"`);
  if (form !== undefined && el.form_action_type === 'reset') attrs.push(`data-form="${escapeHtml(form)}"`, 'data-reset=""');
  if (isObject(el.confirm)) attrs.push(`data-confirm-title="${escapeHtml(textOf(el.confirm.title))}"`, `data-confirm-text="${escapeHtml(textOf(el.confirm.text))}"`);
  if (el.disabled === true) {
    attrs.push('disabled');
    const tips = textOf(el.disabled_tips);
    if (tips !== '') attrs.push(`title="${escapeHtml(tips)}"`, `data-tips="${escapeHtml(tips)}"`);
  } else if (el.hover_tips !== undefined) attrs.push(`title="${escapeHtml(textOf(el.hover_tips))}"`);
  // A disabled button takes no pointer events; its wrapper shows the tips when tapped.
  const button = `<button ${attrs.join(' ')}>${label}</button>`;
  return el.disabled === true ? `<span class="btn-wrap" data-tips="${escapeHtml(textOf(el.disabled_tips))}">${button}</span>` : button;
}

/** Name, required mark and placeholder shared by every form field. */
function fieldAttrs(el: Json, kind: string): string {
  const attrs = [`name="${escapeHtml(str(el.name) ?? '')}"`, `data-field="${kind}"`];
  if (el.required === true) attrs.push('required');
  if (el.disabled === true) attrs.push('disabled');
  // Only text fields show a placeholder; a select shows it as its empty option instead.
  const placeholder = textOf(el.placeholder);
  if (placeholder !== '' && (kind === 'input' || kind === 'date')) attrs.push(`placeholder="${escapeHtml(placeholder)}"`);
  if (placeholder !== '') attrs.push(`aria-label="${escapeHtml(placeholder)}"`);
  return attrs.join(' ');
}

function inputHtml(el: Json): string {
  const label = textOf(el.label);
  const value = str(el.default_value) ?? '';
  const max = typeof el.max_length === 'number' ? ` maxlength="${el.max_length}"` : '';
  const field = el.input_type === 'multiline_text'
    ? `<textarea ${fieldAttrs(el, 'input')} rows="${typeof el.rows === 'number' ? el.rows : 2}"${max}>${escapeHtml(value)}</textarea>`
    : `<input type="${el.input_type === 'password' ? 'password' : 'text'}" ${fieldAttrs(el, 'input')} value="${escapeHtml(value)}"${max}>`;
  return `<label class="field">${label === '' ? '' : `<span class="field-label">${escapeHtml(label)}${el.required === true ? '<em>*</em>' : ''}</span>`}${field}</label>`;
}

const option = (value: string, text: string, selected: boolean): string =>
  `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(text)}</option>`;

function selectStaticHtml(el: Json): string {
  const initial = typeof el.initial_index === 'number' ? el.initial_index : 0;
  const options = list(el.options).filter(isObject).map((o, i) => option(str(o.value) ?? '', textOf(o.text), i + 1 === initial));
  const placeholder = textOf(el.placeholder);
  return `<select ${fieldAttrs(el, 'select')}>${option('', placeholder === '' ? '请选择' : placeholder, initial === 0)}${options.join('')}</select>`;
}

/** Person pickers: their own options, or else the chat's members, as Feishu offers them. */
function personHtml(el: Json, ctx: RenderContext, multi: boolean): string {
  const own = list(el.options).filter(isObject).map((o) => str(o.value) ?? '');
  const candidates = own.length > 0 ? own.map((openId) => ({ openId, name: ctx.nameOf(openId) ?? '未知用户' })) : ctx.people;
  const chosen = new Set(multi ? list(el.selected_values).filter((v): v is string => typeof v === 'string') : [str(el.initial_option) ?? '']);
  const options = candidates.map((p) => option(p.openId, p.name, chosen.has(p.openId)));
  if (multi) return `<select multiple size="${Math.min(6, Math.max(2, candidates.length))}" ${fieldAttrs(el, 'persons')}>${options.join('')}</select>`;
  const placeholder = textOf(el.placeholder);
  return `<select ${fieldAttrs(el, 'person')}>${option('', placeholder === '' ? '选择人员' : placeholder, chosen.has(''))}${options.join('')}</select>`;
}

function datePickerHtml(el: Json): string {
  const initial = str(el.initial_date);
  const value = initial !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? ` value="${initial}"` : '';
  return `<input type="date" ${fieldAttrs(el, 'date')}${value}>`;
}

function columnsHtml(el: Json, ctx: RenderContext, form: string | undefined): string {
  const mode = str(el.flex_mode) ?? 'none';
  const cols = list(el.columns).filter(isObject).map((c) => {
    const width = str(c.width) ?? 'auto';
    const weight = typeof c.weight === 'number' ? c.weight : 1;
    const style = width === 'weighted' ? ` style="flex:${weight} 1 0"` : /^\d+px$/.test(width) ? ` style="flex:0 0 ${width}"` : '';
    return `<div class="col col-${width === 'weighted' ? 'weighted' : 'auto'}"${style}>${elementsHtml(list(c.elements), ctx, form)}</div>`;
  });
  return `<div class="cols cols-${escapeHtml(mode)}">${cols.join('')}</div>`;
}

function panelHtml(el: Json, ctx: RenderContext, form: string | undefined): string {
  const title = isObject(el.header) ? richText(el.header.title, ctx) : '';
  return `<details class="panel"${el.expanded === true ? ' open' : ''}><summary>${title}</summary><div class="panel-body">${elementsHtml(list(el.elements), ctx, form)}</div></details>`;
}

function formHtml(el: Json, ctx: RenderContext): string {
  const name = str(el.name) ?? '';
  return `<form class="card-form" data-form="${escapeHtml(name)}" novalidate>${elementsHtml(list(el.elements), ctx, name)}</form>`;
}

function divHtml(el: Json, ctx: RenderContext): string {
  const text = isObject(el.text) ? el.text : {};
  const size = str(text.text_size) === 'notation' ? ' text-notation' : '';
  return `<div class="text${size}">${richText(text, ctx).replace(/\n/g, '<br>')}</div>`;
}

function markdownElement(el: Json, ctx: RenderContext): string {
  const size = str(el.text_size) ?? 'normal';
  const align = str(el.text_align) ?? 'left';
  return `<div class="md size-${escapeHtml(size)} align-${escapeHtml(align)}">${markdownHtml(str(el.content) ?? '', ctx)}</div>`;
}

/** One component; `form` is the enclosing form's name (fields and submit buttons belong to it). */
function elementHtml(el: unknown, ctx: RenderContext, form: string | undefined): string {
  if (!isObject(el)) return '';
  const tag = str(el.tag) ?? '';
  switch (tag) {
    case 'markdown': return markdownElement(el, ctx);
    case 'div': return divHtml(el, ctx);
    case 'hr': return '<hr class="card-hr">';
    case 'button': return buttonHtml(el, form);
    case 'column_set': return columnsHtml(el, ctx, form);
    case 'collapsible_panel': return panelHtml(el, ctx, form);
    case 'form': return formHtml(el, ctx);
    case 'input': return inputHtml(el);
    case 'select_static': return selectStaticHtml(el);
    case 'select_person': return personHtml(el, ctx, false);
    case 'multi_select_person': return personHtml(el, ctx, true);
    case 'date_picker': return datePickerHtml(el);
    case 'person': return `<span class="mention">@${escapeHtml(ctx.nameOf(str(el.user_id) ?? '') ?? '未知用户')}</span>`;
    default: return `<div class="unsupported">（此组件暂不支持预览：${escapeHtml(tag)}）</div>`;
  }
}

function elementsHtml(elements: unknown[], ctx: RenderContext, form: string | undefined): string {
  return elements.map((el) => elementHtml(el, ctx, form)).join('');
}

/** A whole card; a 1.0 card or a template reference is shown as a short note, not rendered. */
export function renderCard(card: unknown, ctx: RenderContext): string {
  if (!isObject(card) || card.schema !== '2.0') return '<div class="card"><div class="unsupported">（仅支持预览卡片 JSON 2.0）</div></div>';
  const body = isObject(card.body) ? list(card.body.elements) : [];
  return `<div class="card">${headerHtml(card.header, ctx)}<div class="card-body">${elementsHtml(body, ctx, undefined)}</div></div>`;
}
