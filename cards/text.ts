/**
 * Text for card markdown: escaping what people typed, shortening it to keep a card under 30 KB,
 * mentions, and times in the committee's zone written the Chinese way (12月10日（周四）09:00).
 */
import { WEEKDAY_NAMES } from './copy.js';

/**
 * Characters that would make typed text act as markdown or as a card tag (`<at id=all>` in a
 * topic title would notify the whole group), written as the HTML entities Feishu's markdown reads.
 */
const MARKDOWN_SPECIAL = /[\\`*_~[\]()<>#|!&]/g;

/** Typed text made inert in a markdown component; newlines become spaces. */
export function esc(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(MARKDOWN_SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

/** At most `max` characters (code points, so no half of a surrogate pair), ending in "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Typed text for markdown, shortened first (so an entity is never cut in half). */
export function typed(text: string, max: number): string {
  return esc(clip(text, max));
}

/** A mention that notifies the person (markdown only). */
export function at(openId: string): string {
  return `<at id=${openId}></at>`;
}

/** A time the reader's client shows in the reader's own zone. */
export function localDatetime(ms: number): string {
  return `<local_datetime millisecond='${ms}' format_type='date_num'></local_datetime>`;
}

interface LocalParts { year: number; month: number; day: number; weekday: number; hour: string; minute: string }

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(at: Date | string, timeZone: string): LocalParts {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(typeof at === 'string' ? new Date(at) : at).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), weekday,
    hour: parts.hour ?? '00', minute: parts.minute ?? '00',
  };
}

/** 12月10日（周四）09:00 in the committee's zone. */
export function formatWhen(at: Date | string, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${p.month}月${p.day}日（${WEEKDAY_NAMES[p.weekday] ?? ''}）${p.hour}:${p.minute}`;
}

/** 12月10日（周四） for a calendar date written YYYY-MM-DD. */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return `${utc.getUTCMonth() + 1}月${utc.getUTCDate()}日（${WEEKDAY_NAMES[utc.getUTCDay()] ?? ''}）`;
}

/** The local calendar date (YYYY-MM-DD) of an instant, for a date picker's initial value. */
export function localDate(at: Date | string, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Typed text inside a plain text message: no `<at …>` of its own can notify anyone. */
export const plainText = (text: string): string => text.replace(/</g, '＜').replace(/>/g, '＞');

/** An @-mention in a plain text message (a card's markdown writes `<at id=…>` instead). */
export const textMention = (openId: string): string => `<at user_id="${openId}"></at>`;
