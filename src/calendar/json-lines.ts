/**
 * Line numbers for JSON problems, so that an office editing a file by hand is told where to look.
 * JSON.parse reports a character offset (or nothing, at the end of input) and zod reports a path;
 * both become a 1-based line here.
 */

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i += 1) if (text[i] === '\n') line += 1;
  return line;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The offset of the first syntax error in `text`, or null for valid JSON. JSON.parse's own message
 * gives no offset for some errors on Node 20, so the grammar is checked here.
 */
export function syntaxErrorOffset(text: string): number | null {
  let at = 0;
  const space = () => {
    while (/[ \t\n\r]/.test(text[at] ?? '')) at += 1;
  };
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  const string = (): boolean => {
    if (text[at] !== '"') return false;
    for (at += 1; at < text.length; ) {
      const char = text.charCodeAt(at);
      if (char === 0x22) return (at += 1), true;
      if (char < 0x20 || (char === 0x5c && !match(ESCAPE))) return false;
      if (char !== 0x5c) at += 1;
    }
    return false;
  };
  const members = (close: string, member: () => boolean): boolean => {
    at += 1;
    space();
    if (text[at] === close) return (at += 1), true;
    for (;;) {
      if (!member()) return false;
      space();
      if (text[at] === close) return (at += 1), true;
      if (text[at] !== ',') return false;
      at += 1;
      space();
    }
  };
  const value = (): boolean => {
    space();
    const first = text[at];
    if (first === '{') return members('}', () => string() && (space(), text[at] === ':') && ((at += 1), value()));
    if (first === '[') return members(']', value);
    if (first === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, at)) return (at += word.length), true;
    return match(NUMBER);
  };
  if (!value()) return at;
  space();
  return at < text.length ? at : null;
}

/** Walks valid JSON text with a cursor, to find where a value starts. */
class Cursor {
  offset = 0;
  constructor(private readonly text: string) {}

  peek(): string | undefined {
    return this.text[this.offset];
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.offset] ?? '')) this.offset += 1;
  }

  /** Reads a string token at the cursor and returns its value. */
  readString(): string {
    const start = this.offset;
    this.offset += 1;
    while (this.text[this.offset] !== '"') this.offset += this.text[this.offset] === '\\' ? 2 : 1;
    this.offset += 1;
    return JSON.parse(this.text.slice(start, this.offset)) as string;
  }

  /** Skips one value of any kind. */
  skipValue(): void {
    this.skipSpace();
    const first = this.text[this.offset];
    if (first === '"') {
      this.readString();
    } else if (first === '{' || first === '[') {
      this.eachMember(() => this.skipValue());
    } else {
      while (this.offset < this.text.length && !/[\s,\]}]/.test(this.text[this.offset] ?? '')) this.offset += 1;
    }
  }

  /** Visits each member of the object or array at the cursor with its key (a name or an index). */
  eachMember(visit: (key: string | number) => boolean | void): boolean {
    const isObject = this.text[this.offset] === '{';
    this.offset += 1;
    for (let index = 0; ; index += 1) {
      this.skipSpace();
      if (this.text[this.offset] === '}' || this.text[this.offset] === ']') {
        this.offset += 1;
        return false;
      }
      let key: string | number = index;
      if (isObject) {
        key = this.readString();
        this.skipSpace();
        this.offset += 1; // the colon
      }
      this.skipSpace();
      if (visit(key) === true) return true;
      this.skipSpace();
      if (this.text[this.offset] === ',') this.offset += 1;
    }
  }
}

/**
 * The line where the value at `path` starts in valid JSON `text`; the line of the deepest part of
 * the path that exists when the rest does not (a missing field is reported at its parent).
 */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  const cursor = new Cursor(text);
  cursor.skipSpace();
  let found = cursor.offset;
  for (const step of path) {
    const here = cursor.peek();
    if (here !== '{' && here !== '[') break;
    const hit = cursor.eachMember((key) => {
      if (String(key) !== String(step)) {
        cursor.skipValue();
        return false;
      }
      found = cursor.offset;
      return true;
    });
    if (!hit) break;
  }
  return lineAt(text, found);
}
