/**
 * What the voting use cases share beyond the loaders (loaders.ts) and presence (presence.ts):
 * where a ballot's live state lives. Nothing here writes.
 */
import { liveKeys, type LiveKeys } from '../store/ballots.js';
import { BALLOTS, docKey } from '../store/repos.js';

/**
 * Key names are pure functions of the ids; building them (with their safety checks) costs more
 * than the rest of a cast's work in this process, so the names of recent ballots are kept.
 */
const keyCache = new Map<string, LiveKeys>();
const KEY_CACHE_SIZE = 5000;

export function ballotKeys(committeeId: string, ballotId: string): LiveKeys {
  const id = `${committeeId}/${ballotId}`;
  let keys = keyCache.get(id);
  if (!keys) {
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    keys = liveKeys(committeeId, ballotId, docKey(committeeId, BALLOTS, ballotId));
    keyCache.set(id, keys);
  }
  return keys;
}
