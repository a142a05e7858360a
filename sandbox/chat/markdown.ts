/**
 * Feishu card markdown → HTML, for the chat page. Only the syntax Feishu documents is read
 * (bold, strike, links, line breaks, lists, `<at>`, `<font>`, `<local_datetime>`, `<text_tag>`,
 * `<person>`, entities); every other character, tag-looking text included, is shown as text.
 */

/** Names shown for open_ids in mentions; unknown ids read as 未知用户, as Feishu shows them. */
export interface MarkdownContext {
  nameOf(openId: string): string | undefined;
  timeZone: string;
  /** For `<local_datetime>` without a `millisecond`: the message's send time. */
  sentAtMs?: number;
}

const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made inert in HTML, inside an element or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c] ?? c);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Markdown text as the reader sees it: entities (how cards escape typed text) become characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const textHtml = (raw: string): string => escapeHtml(decodeEntities(raw));

/** Feishu's colour names (a hue with an optional shade): anything else is shown uncoloured. */
const COLOUR = /^(default|white|grey|red|orange|yellow|green|turquoise|blue|wathet|indigo|purple|violet|carmine|lime|sunflower)(-\d{2,4})?$/;
export const colourClass = (name: string | undefined, prefix: string): string => {
  const m = COLOUR.exec(name ?? '');
  return m?.[1] === undefined ? `${prefix}-default` : `${prefix}-${m[1]}`;
};

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`${name}\\s*=\\s*(?:'([^']*)'|"([^"]*)"|([^\\s>]+))`).exec(tag);
  return m === null ? undefined : decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsAt(ms: number, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

const WEEKDAYS: Record<string, string> = { Sun: '周日', Mon: '周一', Tue: '周二', Wed: '周三', Thu: '周四', Fri: '周五', Sat: '周六' };

/** A `<local_datetime>` in the committee's zone, in the shape its `format_type` names. */
export function localTime(ms: number, formatType: string, timeZone: string): string {
  const p = partsAt(ms, timeZone);
  const hm = `${p.hour}:${p.minute}`;
  const month = Number(p.month);
  const day = Number(p.day);
  switch (formatType) {
    case 'date_short': return `${month}月${day}日 ${hm}`;
    case 'date': return `${p.year}年${month}月${day}日 ${hm}`;
    case 'week': return `${p.year}年${month}月${day}日 ${WEEKDAYS[p.weekday ?? ''] ?? ''} ${hm}`;
    case 'week_short': return `${month}月${day}日 ${WEEKDAYS[p.weekday ?? ''] ?? ''} ${hm}`;
    case 'time': return hm;
    case 'time_sec': return `${hm}:${p.second}`;
    case 'timezone': return timeZone;
    default: return `${p.year}-${p.month}-${p.day} ${hm}`;
  }
}

const safeUrl = (url: string | undefined): string | undefined => (url !== undefined && /^https?:\/\//i.test(url) ? url : undefined);

/** The inline tokens Feishu's markdown reads; anything between them is text. */
const INLINE = /<at\s[^>]*>\s*<\/at>|<person\s[^>]*>\s*<\/person>|<local_datetime\b[^>]*>\s*<\/local_datetime>|<font\s[^>]*>|<\/font>|<text_tag\s[^>]*>|<\/text_tag>|<a\s[^>]*>|<\/a>|<br\s*\/?>|\*\*|~~|\[([^\]\n]*)\]\(([^)\s]*)\)/gi;

type Open = 'strong' | 'del' | 'font' | 'tag' | 'a';
const CLOSE: Record<Open, string> = { strong: '</strong>', del: '</del>', font: '</span>', tag: '</span>', a: '</a>' };

/** One line (or list item) of inline markdown; every element opened is closed before the end. */
export function inline(source: string, ctx: MarkdownContext): string {
  const out: string[] = [];
  const open: Open[] = [];
  const close = (kind: Open): void => {
    if (!open.includes(kind)) return;
    for (let top = open.pop(); top !== undefined; top = open.pop()) {
      out.push(CLOSE[top]);
      if (top === kind) return;
    }
  };
  const toggle = (kind: 'strong' | 'del'): void => {
    if (open.includes(kind)) close(kind);
    else {
      open.push(kind);
      out.push(`<${kind}>`);
    }
  };
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    out.push(textHtml(source.slice(last, m.index)));
    last = m.index + m[0].length;
    const token = m[0];
    const lower = token.toLowerCase();
    if (token === '**') toggle('strong');
    else if (token === '~~') toggle('del');
    else if (lower.startsWith('<at')) out.push(mentionHtml(token, ctx));
    else if (lower.startsWith('<person')) out.push(`<span class="mention">@${escapeHtml(ctx.nameOf(attr(token, 'id') ?? '') ?? '未知用户')}</span>`);
    else if (lower.startsWith('<local_datetime')) out.push(dateHtml(token, ctx));
    else if (lower.startsWith('<font')) {
      open.push('font');
      out.push(`<span class="${colourClass(attr(token, 'color'), 'fg')}">`);
    } else if (lower === '</font>') close('font');
    else if (lower.startsWith('<text_tag')) {
      open.push('tag');
      out.push(`<span class="text-tag ${colourClass(attr(token, 'color'), 'tag')}">`);
    } else if (lower === '</text_tag>') close('tag');
    else if (lower.startsWith('<a')) {
      const href = safeUrl(attr(token, 'href'));
      open.push('a');
      out.push(href === undefined ? '<a>' : `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">`);
    } else if (lower === '</a>') close('a');
    else if (lower.startsWith('<br')) out.push('<br>');
    else out.push(linkHtml(m[1] ?? '', m[2], ctx));
  }
  out.push(textHtml(source.slice(last)));
  while (open.length > 0) close(open[open.length - 1] as Open);
  return out.join('');
}

function mentionHtml(token: string, ctx: MarkdownContext): string {
  const ids = (attr(token, 'ids') ?? attr(token, 'id') ?? '').split(',').filter((id) => id !== '');
  const names = ids.map((id) => (id === 'all' ? '所有人' : ctx.nameOf(id) ?? '未知用户'));
  return names.map((n) => `<span class="mention">@${escapeHtml(n)}</span>`).join(' ');
}

function dateHtml(token: string, ctx: MarkdownContext): string {
  const ms = Number(attr(token, 'millisecond') ?? ctx.sentAtMs ?? NaN);
  if (!Number.isFinite(ms)) return '';
  return `<time class="local-time">${escapeHtml(localTime(ms, attr(token, 'format_type') ?? 'date_num', ctx.timeZone))}</time>`;
}

function linkHtml(text: string, url: string | undefined, ctx: MarkdownContext): string {
  const href = safeUrl(decodeEntities(url ?? ''));
  const label = inline(text, ctx);
  return href === undefined ? label : `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
}

/**
 * A whole markdown text: `- ` and `1. ` lines become lists (an indented line continues the item
 * above), `#` lines headings, `---` a divider, and every other newline a line break.
 */
export function markdownHtml(source: string, ctx: MarkdownContext): string {
  const out: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | undefined;
  const endList = (): void => {
    if (list === undefined) return;
    out.push(`<${list.kind}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.kind}>`);
    list = undefined;
  };
  const lines: string[] = [];
  const flushLines = (): void => {
    if (lines.length > 0) out.push(`<p>${lines.join('<br>')}</p>`);
    lines.length = 0;
  };
  for (const line of source.split('\n')) {
    const item = /^\s{0,3}(?:([-*])|(\d+)\.)\s+(.*)$/.exec(line);
    if (item !== null) {
      flushLines();
      const kind = item[1] === undefined ? 'ol' : 'ul';
      if (list?.kind !== kind) endList();
      list ??= { kind, items: [] };
      list.items.push(inline(item[3] ?? '', ctx));
      continue;
    }
    if (list !== undefined && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1] += `<br>${inline(line.trim(), ctx)}`;
      continue;
    }
    endList();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading !== null) {
      flushLines();
      out.push(`<div class="md-h${heading[1]?.length ?? 1}">${inline(heading[2] ?? '', ctx)}</div>`);
    } else if (/^\s*(?:---+|<hr\s*\/?>)\s*$/i.test(line)) {
      flushLines();
      out.push('<hr>');
    } else if (line.trim() === '') flushLines();
    else lines.push(inline(line, ctx));
  }
  endList();
  flushLines();
  return out.join('');
}
