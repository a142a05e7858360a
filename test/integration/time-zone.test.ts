/** TZ_DEFAULT reaches the services, and no committee can be set up, or stored, outside UTC+8. */
import { describe, expect, it } from 'vitest';
import { CommitteeSchema } from '../../src/domain/index.js';
import { committeeIdOfChat, createCommittee } from '../../src/services/committees.js';
import { loadCommittee } from '../../src/services/context.js';
import { committeeKeys } from '../../src/store/keys.js';
import { refusalOf } from '../support/refusal.js';
import { freshId, useRedis } from '../support/store.js';
import { rosterOf, testDeps } from './voting-fixtures.js';

const ctx = useRedis();
const input = (chatId: string) => ({ chatId, name: '党组', profileId: 'JY' as const, roster: rosterOf(5), actorOpenId: 'ou_clerk1' });

describe('the committee time zone', () => {
  it('is TZ_DEFAULT as given to the services, else Asia/Shanghai, unless the committee names its own', async () => {
    const configured = { ...testDeps(ctx.redis), defaultTimeZone: 'Asia/Hong_Kong' };
    expect((await createCommittee(configured, input(freshId('oc')))).timeZone).toBe('Asia/Hong_Kong');
    expect((await createCommittee(testDeps(ctx.redis), input(freshId('oc')))).timeZone).toBe('Asia/Shanghai');
    const own = await createCommittee(configured, { ...input(freshId('oc')), timeZone: 'Asia/Taipei' });
    expect((await loadCommittee(configured, own.id)).timeZone).toBe('Asia/Taipei');
  });

  it('refuses a zone outside UTC+8 and stores nothing', async () => {
    for (const timeZone of ['Europe/Berlin', 'Asia/Urumqi', '+08:00']) {
      const chat = freshId('oc');
      expect(await refusalOf(createCommittee(testDeps(ctx.redis), { ...input(chat), timeZone }))).toBe('INVALID_INPUT');
      expect(await ctx.redis.exists(committeeKeys(committeeIdOfChat(chat)).committee)).toBe(0);
    }
    const chat = freshId('oc');
    expect(await refusalOf(createCommittee({ ...testDeps(ctx.redis), defaultTimeZone: 'Europe/Berlin' }, input(chat)))).toBe('INVALID_INPUT');
    expect(await ctx.redis.exists(committeeKeys(committeeIdOfChat(chat)).committee)).toBe(0);
  });

  it('is checked again when a stored committee is read', async () => {
    const stored = await createCommittee(testDeps(ctx.redis), input(freshId('oc')));
    expect(CommitteeSchema.safeParse({ ...stored, timeZone: 'Europe/Berlin' }).success).toBe(false);
    expect(CommitteeSchema.safeParse(stored).success).toBe(true);
  });
});
