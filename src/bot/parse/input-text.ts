/**
 * Helpers for the text after a command word. Parsers scan a half-width copy of the text and cut
 * the free parts (titles, places, reasons) from the text as typed: the copy has the same length,
 * so an offset in one is the same offset in the other.
 */
import { InputError, type InputProblem } from '../../errors.js';

/** Full-width ASCII (！ to ～, so ０-９ and ：) and the ideographic space as ASCII, one char for one. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** A text as typed and its half-width copy, read from left to right. */
export class InputText {
  readonly plain: string;
  offset = 0;

  constructor(readonly raw: string) {
    this.plain = toHalfWidth(raw);
  }

  /** Whether the rest is only whitespace. */
  get atEnd(): boolean {
    return this.plain.slice(this.offset).trim() === '';
  }

  skipSpace(): void {
    while (/\s/.test(this.plain[this.offset] ?? '')) this.offset += 1;
  }

  /** Whether the cursor is at a space or the end: a word must not run on. */
  get atBoundary(): boolean {
    return this.offset >= this.plain.length || /\s/.test(this.plain[this.offset] ?? '');
  }

  /** Matches a sticky pattern at the cursor and moves past it. */
  match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.offset;
    const found = pattern.exec(this.plain);
    if (found !== null) this.offset = pattern.lastIndex;
    return found;
  }

  /** The next whitespace-separated word as typed, without moving. */
  peekWord(): string {
    const start = this.offset + (/^\s*/.exec(this.plain.slice(this.offset))?.[0].length ?? 0);
    return this.raw.slice(start).split(/\s/, 1)[0] ?? '';
  }

  /** Takes the next word as typed (half-width when `plain`). */
  takeWord(plain = false): string {
    this.skipSpace();
    const word = this.peekWord();
    const taken = (plain ? this.plain : this.raw).slice(this.offset, this.offset + word.length);
    this.offset += word.length;
    return taken;
  }

  /** The rest as typed, trimmed, with runs of whitespace as one space. */
  rest(): string {
    return collapse(this.raw.slice(this.offset));
  }
}

/** Trimmed, with each run of whitespace (the ideographic space too) as one space. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const QUOTE_MAX = 20;

/** Typed text as a message quotes it: at most 20 characters, so a pasted page is not echoed back. */
export function clip(text: string): string {
  const chars = [...text];
  return chars.length <= QUOTE_MAX ? text : `${chars.slice(0, QUOTE_MAX).join('')}…`;
}

/** The one error type of every parser. */
export function refuse(problem: InputProblem, message: string): never {
  throw new InputError(problem, message);
}

/** A free text (title, place, reason) within the length its domain schema allows. */
export function limited(text: string, maxLength: number | null, what: string, example: string): string {
  if (maxLength !== null && [...text].length > maxLength) refuse('too_long', `${what}太长了（最多 ${maxLength} 字）。请简短些，如"${example}"。`);
  return text;
}
