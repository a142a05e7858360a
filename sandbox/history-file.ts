/**
 * The stand-in's chat history kept in the data folder, so that after a restart the chat shows
 * what it showed before and its cards can still be tapped (the bot's state is in Redis anyway).
 * Written aside and renamed into place, owner-only; saved a moment after each change and at close.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistorySchema, type StandIn } from './open-api/index.js';
import type { Logger } from '../src/log.js';

export const HISTORY_FILE = 'stand-in-history.json';
const SAVE_EVERY_MS = 1_000;

export interface HistoryFile {
  /** Writes the history now if it changed since the last write. */
  save(): void;
  /** Stops the timer and writes a last time. */
  close(): Promise<void>;
}

/** What changes whenever the history does (sends, updates, urgents, pushed messages), a wipe included. */
const signature = (standIn: StandIn): string => [
  standIn.messages().length, standIn.messages().at(-1)?.messageId, standIn.updates().length, standIn.updates().at(-1)?.at,
  standIn.urgents().length, standIn.deliveries().length, standIn.deliveries().at(-1)?.eventId,
].join(':');

function load(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function keepHistory(standIn: StandIn, dataDir: string, log: Logger): HistoryFile {
  const path = join(dataDir, HISTORY_FILE);
  if (existsSync(path)) {
    const parsed = HistorySchema.safeParse(load(path));
    // A damaged file costs the old chat only: the committee itself is in Redis.
    if (parsed.success) standIn.restoreHistory(parsed.data);
    else log.warn('the saved chat history is not readable; the chat starts empty', { file: HISTORY_FILE });
  }
  let written = signature(standIn);
  const save = (): void => {
    const now = signature(standIn);
    if (now === written) return;
    const aside = `${path}.${process.pid}`;
    writeFileSync(aside, JSON.stringify(standIn.history()), { mode: 0o600 });
    renameSync(aside, path);
    written = now;
  };
  const timer = setInterval(() => {
    try {
      save();
    } catch (error) {
      log.warn('could not save the chat history', { error: (error as Error).name });
    }
  }, SAVE_EVERY_MS).unref();
  return {
    save,
    close: () => {
      clearInterval(timer);
      save();
      return Promise.resolve();
    },
  };
}
