/** Small readers of the renderer's HTML for tests (there is no DOM in node). */
import { expect } from 'vitest';

const VOID = new Set(['br', 'hr', 'input', 'img']);
/** A start tag whose attributes are all double-quoted (or bare names): nothing else may follow a `<`. */
const START = /^<([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*>/;
const END = /^<\/([a-z][a-z0-9]*)>/;

const decode = (s: string): string =>
  s.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Every `<` opens a well-formed tag, every element is closed in order, and no attribute is unquoted. */
export function expectWellFormed(html: string): void {
  const stack: string[] = [];
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const rest = html.slice(i);
    const end = END.exec(rest);
    if (end) {
      expect(stack.pop(), `closing </${end[1]}> at ${i}`).toBe(end[1]);
      continue;
    }
    const start = START.exec(rest);
    expect(start, `a bare "<" at ${i}: ${rest.slice(0, 40)}`).not.toBeNull();
    if (start?.[1] !== undefined && !VOID.has(start[1])) stack.push(start[1]);
  }
  expect(stack).toEqual([]);
}

/** The values of one attribute, in document order, as the browser reads them. */
export function attributes(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => decode(m[1] ?? ''));
}

/** The form fields: their names and kinds (data-field), in order. */
export function fieldsOf(html: string): { name: string; kind: string }[] {
  return [...html.matchAll(/\sname="([^"]*)" data-field="([^"]*)"/g)].map((m) => ({ name: decode(m[1] ?? ''), kind: m[2] ?? '' }));
}

/** What a reader sees: the text without tags, entities read. */
export const textContent = (html: string): string => decode(html.replace(/<[^>]*>/g, ''));
