/** Every committee in the store, for what must be done for each at start (e.g. its duty reminders). */
import type { Redis } from 'ioredis';
import { COMMITTEE_PATTERN, committeeIdOfKey } from './keys.js';
import { guarded } from './unavailable.js';

export async function scanCommitteeIds(redis: Redis): Promise<string[]> {
  const ids = new Set<string>();
  let cursor = '0';
  do {
    const [next, found] = await guarded(() => redis.scan(cursor, 'MATCH', COMMITTEE_PATTERN, 'COUNT', 1000));
    cursor = next;
    for (const key of found) {
      const id = committeeIdOfKey(key);
      if (id !== null) ids.add(id);
    }
  } while (cursor !== '0');
  return [...ids].sort();
}
