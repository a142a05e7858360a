import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  QUEUE_PREFIX, committeeKeys, hashedId, inboundDedupKey, inboundJobId, outboxJobId, outboxKeys, patchJobId, rateLimitKeys, safeId,
} from '../../src/store/keys.js';

describe('ids in keys', () => {
  it('keeps plain ids as they are and refuses any other', () => {
    expect(safeId('m-7.a_b')).toBe('m-7.a_b');
    for (const bad of ['', 'a:b', 'a}b', '{c:x}', 'a b', 'x'.repeat(129), '议题']) expect(() => safeId(bad)).toThrow(RangeError);
  });

  it('hashes a foreign id to 41 characters with no ":" that are never all digits, one per id', () => {
    const ids = ['om_1', 'om_2', 'a:b', 'a_b', '{c:x}', '7', 'h0123', hashedId('om_1'), '议题', 'x'.repeat(10_000)];
    const hashed = ids.map(hashedId);
    for (const h of hashed) expect(h).toMatch(/^h[0-9a-f]{40}$/);
    expect(new Set(hashed).size).toBe(ids.length);
    expect(hashedId('om_1')).toBe(hashed[0]);
    expect(() => hashedId('')).toThrow(RangeError);
  });

  it('gives every key our prefix and every job id the hashed form', () => {
    const ob = outboxKeys('app');
    const rl = rateLimitKeys('app');
    for (const key of [committeeKeys('c1').committee, inboundDedupKey('evt', 'a:b'), ob.card('om_x'), ob.sent('notice|m-7'), rl.appSecond, rl.target('chat', 'oc:1'), QUEUE_PREFIX]) {
      expect(key.startsWith('yishi:')).toBe(true);
    }
    expect(ob.card('a:b')).toBe(`yishi:{ob:app}:card:${hashedId('a:b')}`);
    expect(rl.target('user', 'ou_1')).toBe(`yishi:{rl:app}:user:${hashedId('ou_1')}`);
    expect(inboundJobId('e:1')).toBe(`evt-${hashedId('e:1')}`);
    expect(outboxJobId('reply', 'help:om_1')).toBe(`reply-${hashedId('help:om_1')}`);
    expect(patchJobId('om_1', 3)).toBe(`patch-${hashedId('om_1')}-3`);
  });

  it('is the only source file that spells the key prefix', () => {
    const root = resolve(import.meta.dirname, '../..');
    const offenders = ['src', 'handlers'].flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(dir, file))
      .filter((file) => file !== join('src', 'store', 'keys.ts') && /yishi:|'yishi'/.test(readFileSync(join(root, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });
});
