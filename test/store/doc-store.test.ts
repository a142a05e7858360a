import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { commit, readDoc, update } from '../../src/store/doc-store.js';
import { committeeKeys } from '../../src/store/keys.js';
import { runScript } from '../../src/store/scripts.js';
import { freshId, useRedis } from '../support/store.js';

const Note = z.object({ version: z.number(), text: z.string() });
const ctx = useRedis();
const at = new Date('2025-06-18T01:00:00Z');

describe('versioned documents with an audit entry in the same script', () => {
  it('writes documents, index entries and the audit entry together', async () => {
    const c = freshId();
    const keys = committeeKeys(c);
    const ok = await commit(ctx.redis, {
      committeeId: c, at,
      docs: [{ key: keys.doc('note', 'a'), value: { version: 0, text: '一' } }, { key: keys.doc('note', 'b'), value: { version: 0, text: '二' } }],
      indexes: [{ key: keys.index('note'), member: 'a' }, { key: keys.index('note'), member: 'b' }],
      audit: { actor: 'u1', action: 'note.create', subject: 'a', data: {} },
    });
    expect(ok).toBe(true);
    expect(await readDoc(ctx.redis, keys.doc('note', 'a'), Note)).toEqual({ version: 1, text: '一' });
    expect((await ctx.redis.smembers(keys.index('note'))).sort()).toEqual(['a', 'b']);
    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action)).toEqual(['note.create']);
  });

  it('refuses a stale version and writes nothing, not even the audit entry', async () => {
    const c = freshId();
    const key = committeeKeys(c).doc('note', 'a');
    await commit(ctx.redis, { committeeId: c, at, docs: [{ key, value: { version: 0, text: '一' } }], audit: { actor: 'u1', action: 'create', subject: 'a', data: {} } });
    const stale = await commit(ctx.redis, { committeeId: c, at, docs: [{ key, value: { version: 0, text: '改' } }], audit: { actor: 'u2', action: 'edit', subject: 'a', data: {} } });
    expect(stale).toBe(false);
    expect(await readDoc(ctx.redis, key, Note)).toEqual({ version: 1, text: '一' });
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(1);
  });

  it('update() retries a lost race so that 20 concurrent increments all count', async () => {
    const c = freshId();
    const key = committeeKeys(c).doc('counter', 'x');
    const Counter = z.object({ version: z.number(), n: z.number() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => update(ctx.redis, async () => {
      const current = (await readDoc(ctx.redis, key, Counter)) ?? { version: 0, n: 0 };
      return { commit: { committeeId: c, at, docs: [{ key, value: { ...current, n: current.n + 1 } }], audit: { actor: `u${i}`, action: 'inc', subject: 'x', data: {} } }, result: null };
    })));
    expect((await readDoc(ctx.redis, key, Counter))?.n).toBe(20);
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 20 });
  });

  it('a script flushed from the server cache is loaded again (NOSCRIPT)', async () => {
    const c = freshId();
    await ctx.redis.script('FLUSH');
    const ok = await commit(ctx.redis, { committeeId: c, at, docs: [{ key: committeeKeys(c).doc('note', 'z'), value: { version: 0, text: '三' } }], audit: null });
    expect(ok).toBe(true);
    await expect(runScript(ctx.redis, 'commit-docs', ['a', 'b'], [0, 0, '', '', ''])).resolves.toBe('OK');
  });
});

describe('the audit log is hash-chained', () => {
  async function logOfThree(): Promise<string> {
    const c = freshId();
    for (const [i, action] of ['a', 'b', 'c'].entries()) {
      const key = committeeKeys(c).doc('note', action);
      await commit(ctx.redis, { committeeId: c, at: new Date(at.getTime() + i), docs: [{ key, value: { version: 0, text: action } }], audit: { actor: 'u', action, subject: action, data: { i } } });
    }
    return c;
  }

  it('verifies an untouched log', async () => {
    expect(await verifyAuditLog(ctx.redis, await logOfThree())).toEqual({ ok: true, entries: 3 });
  });

  it('detects an altered entry', async () => {
    const c = await logOfThree();
    const key = committeeKeys(c).auditLog;
    const second = JSON.parse((await ctx.redis.lindex(key, 1))!) as Record<string, unknown>;
    await ctx.redis.lset(key, 1, JSON.stringify({ ...second, actor: 'someone-else' }));
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: false, brokenAt: 2, reason: 'altered' });
  });

  it('detects a removed entry in the middle and a removed last entry', async () => {
    const middle = await logOfThree();
    const key = committeeKeys(middle).auditLog;
    await ctx.redis.lrem(key, 1, (await ctx.redis.lindex(key, 1))!);
    expect(await verifyAuditLog(ctx.redis, middle)).toMatchObject({ ok: false, brokenAt: 2 });

    const tail = await logOfThree();
    await ctx.redis.rpop(committeeKeys(tail).auditLog);
    expect(await verifyAuditLog(ctx.redis, tail)).toMatchObject({ ok: false, reason: 'head_mismatch' });
  });

  it('detects a rewritten entry whose own hash was recomputed (the next link breaks)', async () => {
    const c = await logOfThree();
    const key = committeeKeys(c).auditLog;
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../src/crypto-util.js');
    const first = JSON.parse((await ctx.redis.lindex(key, 0))!) as { prev: string; hash: string };
    const { hash: _old, ...body } = { ...first, actor: 'forger' };
    const hash = createHash('sha256').update(`${body.prev}\n${canonicalJson(body)}`).digest('hex');
    await ctx.redis.lset(key, 0, JSON.stringify({ ...body, hash }));
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: false, brokenAt: 2, reason: 'chain_broken' });
  });
});
