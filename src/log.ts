/**
 * A small structured logger, shaped like the node-sdk's so one instance can serve both. Callers
 * pass ids and codes only: never a payload, a message body or a ballot choice.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** A logger that writes one JSON line per entry to `sink` (stdout by default). */
export function createLogger(level: LogLevel = 'info', sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`), base: LogFields = {}): Logger {
  const threshold = ORDER.indexOf(level);
  const write = (at: LogLevel) => (message: string, fields: LogFields = {}): void => {
    if (ORDER.indexOf(at) < threshold) return;
    sink(JSON.stringify({ level: at, time: new Date().toISOString(), msg: message, ...base, ...fields }));
  };
  return {
    trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}

/** A logger that keeps every line in memory, for tests that read what was logged. */
export function memoryLogger(level: LogLevel = 'trace'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger(level, (line) => lines.push(line)), { lines });
}
