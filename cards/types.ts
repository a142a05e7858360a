/**
 * The subset of Feishu card JSON 2.0 our cards use, property for property as the platform names
 * them. Feishu refuses unknown properties in 2.0 cards, so only names listed here may be emitted.
 */

export type HeaderTemplate =
  | 'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine'
  | 'violet' | 'purple' | 'indigo' | 'grey' | 'default';

export type TagColor =
  | 'neutral' | 'blue' | 'turquoise' | 'lime' | 'orange' | 'violet' | 'indigo' | 'wathet'
  | 'green' | 'yellow' | 'red' | 'purple' | 'carmine';

export type TextSize =
  | 'heading-0' | 'heading-1' | 'heading-2' | 'heading-3' | 'heading-4' | 'heading' | 'normal' | 'notation'
  | 'xxxx-large' | 'xxx-large' | 'xx-large' | 'x-large' | 'large' | 'medium' | 'small' | 'x-small';

export type Align = 'left' | 'center' | 'right';
/** `small` 4px, `medium` 8px, `large` 12px, `extra_large` 16px, or `Npx` with N in 0–99. */
export type Spacing = 'small' | 'medium' | 'large' | 'extra_large' | `${number}px`;

/** Button text, placeholders, labels, option text, tips and confirm dialogs take plain text only. */
export interface PlainText {
  tag: 'plain_text';
  content: string;
}

export interface RichText {
  tag: 'plain_text' | 'lark_md';
  content: string;
}

export interface TextTag {
  tag: 'text_tag';
  text: PlainText;
  color?: TagColor;
}

export interface Header {
  title: RichText;
  subtitle?: RichText;
  /** Only the first three are shown. */
  text_tag_list?: TextTag[];
  template?: HeaderTemplate;
}

interface Base {
  element_id?: string;
  margin?: string;
}

export interface Markdown extends Base {
  tag: 'markdown';
  content: string;
  text_size?: TextSize;
  text_align?: Align;
}

export interface Div extends Base {
  tag: 'div';
  text: RichText & { text_size?: TextSize; text_color?: string; text_align?: Align; lines?: number };
  width?: 'fill' | 'auto' | `${number}px`;
}

export interface Hr extends Base {
  tag: 'hr';
}

export interface CallbackBehavior {
  type: 'callback';
  /** Always an object: a string value breaks the SDKs' callback parsing. */
  value: Record<string, unknown>;
}

export interface OpenUrlBehavior {
  type: 'open_url';
  default_url: string;
  android_url?: string;
  ios_url?: string;
  pc_url?: string;
}

export type Behavior = CallbackBehavior | OpenUrlBehavior;

export interface Confirm {
  title: PlainText;
  text: PlainText;
}

export type ButtonType =
  | 'default' | 'primary' | 'danger' | 'text' | 'primary_text' | 'danger_text'
  | 'primary_filled' | 'danger_filled' | 'laser';

export interface Button extends Base {
  tag: 'button';
  type?: ButtonType;
  size?: 'tiny' | 'small' | 'medium' | 'large';
  width?: 'default' | 'fill' | `${number}px`;
  /** At most 100 characters. */
  text: PlainText;
  hover_tips?: PlainText;
  disabled?: boolean;
  disabled_tips?: PlainText;
  confirm?: Confirm;
  behaviors?: Behavior[];
  /** In a form only: required and unique in the card. */
  name?: string;
  /** In a form only. */
  form_action_type?: 'submit' | 'reset';
}

interface Field extends Base {
  /** Required and card-unique inside a form. */
  name?: string;
  /** Meaningful inside a form only; never emitted outside one. */
  required?: boolean;
  disabled?: boolean;
  placeholder?: PlainText;
  width?: 'default' | 'fill' | `${number}px`;
}

export interface Input extends Field {
  tag: 'input';
  default_value?: string;
  /** 1–1000. */
  max_length?: number;
  input_type?: 'text' | 'multiline_text' | 'password';
  rows?: number;
  label?: PlainText;
  label_position?: 'top' | 'left';
}

export interface SelectOption {
  text: PlainText;
  /** Unique within the component: what comes back in the callback. */
  value: string;
}

export interface SelectStatic extends Field {
  tag: 'select_static';
  options: SelectOption[];
  /** 1-based; 0 selects nothing. Preferred to `initial_option`, whose meaning the docs leave open. */
  initial_index?: number;
  type?: 'default' | 'text';
}

/** Candidates by open_id; with no options the candidates are the chat's members. */
export interface PersonOption {
  value: string;
}

export interface SelectPerson extends Field {
  tag: 'select_person';
  options?: PersonOption[];
  initial_option?: string;
  type?: 'default' | 'text';
}

/** Inside a form only. */
export interface MultiSelectPerson extends Field {
  tag: 'multi_select_person';
  options?: PersonOption[];
  selected_values?: string[];
  type?: 'default' | 'text';
}

export interface DatePicker extends Field {
  tag: 'date_picker';
  /** yyyy-MM-dd */
  initial_date?: string;
}

export interface Person extends Base {
  tag: 'person';
  user_id: string;
  size?: 'extra_small' | 'small' | 'medium' | 'large';
  show_avatar?: boolean;
  show_name?: boolean;
  style?: 'normal' | 'capsule';
}

export interface Column extends Base {
  tag: 'column';
  elements: Element[];
  width?: 'auto' | 'weighted' | `${number}px`;
  /** 1–5, with `width: 'weighted'` only. */
  weight?: number;
  vertical_align?: 'top' | 'center' | 'bottom';
}

export interface ColumnSet extends Base {
  tag: 'column_set';
  columns: Column[];
  flex_mode?: 'none' | 'stretch' | 'flow' | 'bisect' | 'trisect';
  horizontal_spacing?: Spacing;
  horizontal_align?: Align;
}

export interface CollapsiblePanel extends Base {
  tag: 'collapsible_panel';
  expanded?: boolean;
  header: { title: { tag: 'plain_text' | 'markdown'; content: string } };
  elements: Element[];
}

/** Root only (a direct child of `body.elements`); holds at least one submit button. */
export interface Form extends Base {
  tag: 'form';
  name: string;
  elements: Element[];
}

export type FormField = Input | SelectStatic | SelectPerson | MultiSelectPerson | DatePicker;

export type Element =
  | Markdown | Div | Hr | Button | ColumnSet | CollapsiblePanel | Form | Person | FormField;

export interface CardConfig {
  /** 2.0 cards are always shared: `false` is refused. */
  update_multi: true;
  summary?: { content: string };
  width_mode?: 'default' | 'compact' | 'fill';
}

export interface Card {
  schema: '2.0';
  config: CardConfig;
  header?: Header;
  body: { elements: Element[] };
}
