/**
 * Line numbers for JSON problems, so that an office editing a file by hand is told where to look.
 * JSON.parse gives no offset for some errors on Node 20 and zod reports a path, so one small scan
 * of the JSON grammar finds both the first syntax error and where a path's value starts.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 64;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

interface Scan {
  /** Offset of the first syntax error, or null for valid JSON. */
  errorAt: number | null;
  /** Offset where the value at the target path starts, or its deepest existing parent. */
  targetAt: number;
}

function scan(text: string, target: readonly PropertyKey[]): Scan {
  let at = 0;
  let targetAt = 0;
  let targetDepth = -1;
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
  const members = (close: string, member: (index: number) => boolean): boolean => {
    at += 1;
    space();
    if (text[at] === close) return (at += 1), true;
    for (let index = 0; ; index += 1) {
      if (!member(index)) return false;
      space();
      if (text[at] === close) return (at += 1), true;
      if (text[at] !== ',') return false;
      at += 1;
      space();
    }
  };
  const value = (path: readonly string[]): boolean => {
    space();
    // Far deeper than any holiday file; refusing it keeps the recursion off the stack limit.
    if (path.length > MAX_DEPTH) return false;
    if (path.length > targetDepth && path.length <= target.length && path.every((key, i) => key === String(target[i]))) {
      [targetDepth, targetAt] = [path.length, at];
    }
    const first = text[at];
    if (first === '{') {
      return members('}', () => {
        const keyAt = at;
        if (!string()) return false;
        const key = JSON.parse(text.slice(keyAt, at)) as string;
        space();
        return text[at] === ':' && ((at += 1), value([...path, key]));
      });
    }
    if (first === '[') return members(']', (index) => value([...path, String(index)]));
    if (first === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, at)) return (at += word.length), true;
    return match(NUMBER);
  };
  const valid = value([]);
  space();
  return { errorAt: !valid || at < text.length ? at : null, targetAt };
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i += 1) if (text[i] === '\n') line += 1;
  return line;
}

/** The offset of the first syntax error in `text`, or null when it is valid JSON. */
export function syntaxErrorOffset(text: string): number | null {
  return scan(text, []).errorAt;
}

/**
 * The line where the value at `path` starts in valid JSON `text`, or the line of the deepest part
 * of the path that exists (a missing field is reported at its parent).
 */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  return lineAt(text, scan(text, path).targetAt);
}
