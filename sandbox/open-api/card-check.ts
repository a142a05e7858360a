/**
 * The stand-in's check of card JSON 2.0: a strict per-component key whitelist,
 * as Feishu refuses unknown properties in 2.0 cards. Failures carry the 230099 sub-code Feishu
 * reports (200621 parse / unknown property, 200861 1.0-only tag, 11310 element limit).
 * 1.0 cards (no `schema`) and template cards are accepted without structural checks.
 */
export interface CardProblem {
  sub: number;
  message: string;
}

const layout = ['direction', 'padding', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align'];
const common = ['tag', 'element_id', 'margin'];
const interactive = ['name', 'required', 'disabled', 'disabled_tips', 'behaviors', 'confirm', 'width', 'placeholder'];

const componentKeys: Record<string, readonly string[]> = {
  markdown: ['content', 'i18n_content', 'text_size', 'text_align', 'icon'],
  div: ['text', 'width', 'icon'],
  hr: [],
  column_set: ['columns', 'flex_mode', 'background_style', 'horizontal_spacing', 'horizontal_align', 'action'],
  column: ['elements', 'width', 'weight', 'background_style', 'action', ...layout],
  button: ['type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors', 'name', 'form_action_type'],
  form: ['name', 'elements', ...layout],
  input: [...interactive, 'default_value', 'i18n_default_value', 'max_length', 'input_type', 'rows', 'auto_resize', 'max_rows', 'show_icon', 'label', 'label_position'],
  select_static: [...interactive, 'options', 'initial_option', 'initial_index', 'type'],
  multi_select_static: [...interactive, 'options', 'selected_values', 'type'],
  select_person: [...interactive, 'options', 'initial_option', 'type'],
  multi_select_person: [...interactive, 'options', 'selected_values', 'type'],
  date_picker: [...interactive, 'initial_date'],
  picker_time: [...interactive, 'initial_time'],
  picker_datetime: [...interactive, 'initial_datetime'],
  checker: ['name', 'required', 'checked', 'text', 'overall_checkable', 'button_area', 'checked_style', 'padding', 'behaviors', 'hover_tips', 'disabled', 'disabled_tips', 'confirm'],
  overflow: ['options', 'width', 'value', 'behaviors', 'confirm', 'name'],
  collapsible_panel: ['expanded', 'header', 'background_color', 'border', 'elements', ...layout],
  interactive_container: ['elements', 'behaviors', 'width', 'height', 'background_style', 'has_border', 'border_color', 'corner_radius', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', ...layout],
  person: ['user_id', 'size', 'show_avatar', 'show_name', 'style'],
  person_list: ['persons', 'drop_invalid_user_id', 'lines', 'show_name', 'show_avatar', 'size', 'icon'],
  img: ['img_key', 'alt', 'title', 'corner_radius', 'scale_type', 'size', 'transparent', 'preview'],
  img_combination: ['combination_mode', 'img_list', 'combination_transparent', 'corner_radius'],
  table: ['page_size', 'row_height', 'row_max_height', 'freeze_first_column', 'header_style', 'columns', 'rows'],
  chart: ['chart_spec', 'aspect_ratio', 'color_theme', 'preview', 'height'],
  audio: ['file_key', 'i18n_file_key_key', 'audio_id', 'show_time', 'style', 'width'],
};
const topKeys = ['schema', 'config', 'card_link', 'header', 'body'];
const configKeys = ['streaming_mode', 'streaming_config', 'summary', 'locales', 'enable_forward', 'update_multi', 'width_mode', 'use_custom_translation', 'enable_forward_interaction', 'style'];
const headerKeys = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'];
const bodyKeys = ['elements', ...layout];
const rootOnly = new Set(['form', 'table']);
const formOnly = new Set(['multi_select_static', 'multi_select_person']);
const containers = new Set(['form', 'collapsible_panel', 'interactive_container', 'column_set']);
const elementIdPattern = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
const maxElements = 200;
const maxDepth = 5;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problem extends Error {
  constructor(readonly sub: number, message: string) {
    super(message);
  }
}

const parseErr = (detail: string): Problem =>
  new Problem(200621, `ErrMsg: parse card json err, please check whether the card json is correct; ErrorValue: ${detail}`);

function onlyKeys(obj: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw parseErr(`unknown property: ${key}, path: [${path}]`);
  }
}

interface Walk {
  ids: Set<string>;
  names: Set<string>;
}

function checkComponent(el: unknown, path: string, depth: number, inForm: boolean, walk: Walk): void {
  if (!isObject(el) || typeof el.tag !== 'string') throw parseErr(`component without tag, path: [${path}]`);
  const tag = el.tag;
  if (tag === 'note' || tag === 'action') {
    throw new Problem(200861, `ErrPath: ${path}(tag: ${tag}); ErrMsg: cards of schema V2 no longer support this capability; ErrorValue: unsupported tag ${tag}`);
  }
  const allowed = componentKeys[tag];
  if (allowed === undefined) throw parseErr(`unknown tag: ${tag}, path: [${path}]`);
  onlyKeys(el, [...common, ...allowed], path);
  if (rootOnly.has(tag) && depth > 0) throw parseErr(`${tag} must be a direct child of body, path: [${path}]`);
  if (formOnly.has(tag) && !inForm) throw parseErr(`${tag} is only allowed in a form, path: [${path}]`);
  if ((el.form_action_type !== undefined || el.required !== undefined) && !inForm) {
    throw parseErr(`form property outside a form, path: [${path}]`);
  }
  checkIds(el, path, walk);
  if (el.behaviors !== undefined) checkBehaviors(el.behaviors, path);
  if (tag === 'button' && el.text !== undefined && (!isObject(el.text) || el.text.tag !== 'plain_text')) {
    throw parseErr(`button text must be plain_text, path: [${path}]`);
  }
  const nextDepth = containers.has(tag) ? depth + 1 : depth;
  if (nextDepth > maxDepth) throw parseErr(`nesting deeper than ${maxDepth} levels, path: [${path}]`);
  const childInForm = inForm || tag === 'form';
  if (tag === 'column_set') {
    const columns = Array.isArray(el.columns) ? el.columns : [];
    columns.forEach((col, i) => checkColumn(col, `${path} -> columns -> [${i}]`, nextDepth, childInForm, walk));
  }
  if (Array.isArray(el.elements)) {
    el.elements.forEach((child, i) => checkComponent(child, `${path} -> elements -> [${i}]`, nextDepth, childInForm, walk));
  }
}

const behaviorKeys: Record<string, readonly string[]> = {
  callback: ['type', 'value'],
  open_url: ['type', 'default_url', 'android_url', 'ios_url', 'pc_url'],
};

/** `[{type:'callback', value:{…}}]` / `[{type:'open_url', default_url}]`; a string callback value breaks the SDKs (200671). */
function checkBehaviors(behaviors: unknown, path: string): void {
  if (!Array.isArray(behaviors)) throw parseErr(`behaviors is not an array, path: [${path}]`);
  behaviors.forEach((b, i) => {
    const at = `${path} -> behaviors -> [${i}]`;
    const keys = isObject(b) && typeof b.type === 'string' ? behaviorKeys[b.type] : undefined;
    if (!isObject(b) || keys === undefined) throw parseErr(`unknown behavior, path: [${at}]`);
    onlyKeys(b, keys, at);
    if (b.type === 'callback' && !isObject(b.value)) throw parseErr(`callback value must be an object, path: [${at}]`);
    if (b.type === 'open_url' && typeof b.default_url !== 'string') throw parseErr(`open_url without default_url, path: [${at}]`);
  });
}

function checkColumn(col: unknown, path: string, depth: number, inForm: boolean, walk: Walk): void {
  if (!isObject(col) || col.tag !== 'column') throw parseErr(`column_set child is not a column, path: [${path}]`);
  onlyKeys(col, [...common, ...(componentKeys.column ?? [])], path);
  checkIds(col, path, walk);
  const elements = Array.isArray(col.elements) ? col.elements : [];
  elements.forEach((child, i) => checkComponent(child, `${path} -> elements -> [${i}]`, depth, inForm, walk));
}

function checkIds(el: Json, path: string, walk: Walk): void {
  if (el.element_id !== undefined) {
    if (typeof el.element_id !== 'string' || !elementIdPattern.test(el.element_id)) throw parseErr(`invalid element_id, path: [${path}]`);
    if (walk.ids.has(el.element_id)) throw parseErr(`duplicate element_id ${el.element_id}, path: [${path}]`);
    walk.ids.add(el.element_id);
  }
  if (typeof el.name === 'string') {
    if (walk.names.has(el.name)) throw parseErr(`duplicate name ${el.name}, path: [${path}]`);
    walk.names.add(el.name);
  }
}

/** Objects with a `tag` anywhere in the card (the conservative reading of the 200-element rule). */
function countTagged(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countTagged(x), 0);
  if (!isObject(v)) return 0;
  const own = typeof v.tag === 'string' ? 1 : 0;
  return Object.values(v).reduce((n: number, x) => n + countTagged(x), own);
}

function checkV2(card: Json): void {
  onlyKeys(card, topKeys, '');
  if (card.config !== undefined) {
    if (!isObject(card.config)) throw parseErr('config is not an object, path: [config]');
    onlyKeys(card.config, configKeys, 'config');
    if (card.config.update_multi === false) throw parseErr('update_multi must be true in schema 2.0, path: [config]');
  }
  if (card.header !== undefined) {
    if (!isObject(card.header)) throw parseErr('header is not an object, path: [header]');
    onlyKeys(card.header, headerKeys, 'header');
    if (!isObject(card.header.title)) throw parseErr('header without title, path: [header]');
  }
  if (card.body === undefined) return;
  if (!isObject(card.body)) throw parseErr('body is not an object, path: [body]');
  onlyKeys(card.body, bodyKeys, 'body');
  if (countTagged(card) > maxElements) throw new Problem(11310, 'ErrMsg: element exceeds the limit; ErrorValue: elements');
  const walk: Walk = { ids: new Set(), names: new Set() };
  const elements = Array.isArray(card.body.elements) ? card.body.elements : [];
  elements.forEach((el, i) => checkComponent(el, `ROOT -> body -> elements -> [${i}]`, 0, false, walk));
}

/** Whether a card object is JSON 2.0. */
export const isV2 = (card: unknown): boolean => isObject(card) && card.schema === '2.0';

/** Checks a parsed card; `undefined` means Feishu would accept it. */
export function checkCard(card: unknown): CardProblem | undefined {
  try {
    if (!isObject(card)) throw parseErr('card is not a JSON object, path: []');
    if (card.type === 'template') {
      if (!isObject(card.data) || typeof card.data.template_id !== 'string') throw parseErr('template card without data.template_id, path: [data]');
      return undefined;
    }
    if (card.schema === undefined) return undefined;
    if (card.schema !== '2.0') throw parseErr(`unsupported schema ${JSON.stringify(card.schema)}, path: [schema]`);
    checkV2(card);
    return undefined;
  } catch (e) {
    if (e instanceof Problem) return { sub: e.sub, message: e.message };
    throw e;
  }
}

/** The `msg` Feishu sends with 230099. */
export const cardErrorMsg = (p: CardProblem): string => `Failed to create card content, ext=ErrCode: ${p.sub}; ${p.message}`;
