// Periodic duties (A13, A14): records by date or window label, status from windowCompliance.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import type { ProfileId, ProfileOverrides } from '../../src/rules/index.js';
import { duties, getProfile } from '../../src/rules/index.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { dutyRecordForm, dutyStatus, recordDuty } from '../../src/services/duties.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { DUTY_RECORDS, getDoc, indexKey } from '../../src/store/repos.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';

const ctx = useRedis();
const roster: Member[] = [
  { id: 'chair1', openId: 'ou_chair1', name: '陈书记', role: 'chair' },
  { id: 'm1', openId: 'ou_m1', name: '林常委', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
];

async function setup(profileId: ProfileId, now: string, overrides?: ProfileOverrides) {
  const deps: ServiceDeps = { redis: ctx.redis, clock: manualClock(now), log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  const c = (await createCommittee(deps, { chatId: freshId('du'), name: '县委常委会', profileId, roster, actorOpenId: 'ou_clerk1', ...(overrides && { overrides }) })).id;
  return { deps, c };
}


describe('recording duties and reading their windows', () => {
  it('TC44 (ZY-JD-4.3b) the H1 absence summary is pending on 2025-06-20 with due 06-30 and a reminder from 06-20; a window label then satisfies it', async () => {
    const { deps, c } = await setup('ZY', '2025-06-20T02:00:00Z');
    const before = await dutyStatus(deps, { viewerId: 'clerk1', committeeId: c });
    expect(before.map((s) => s.duty.id)).toEqual(duties(getProfile('ZY')).map((d) => d.id));
    const summary = before.find((s) => s.duty.id === 'absenceSummary');
    expect(summary?.compliance).toMatchObject({ satisfied: [], missing: [], pending: '2025-H1', nextDue: '2025-06-30T23:59:59+08:00', remindFrom: '2025-06-20T09:00:00+08:00' });
    expect(summary?.due?.due).toBe('2025-06-30T23:59:59+08:00');

    const record = await recordDuty(deps, { committeeId: c, dutyId: 'absenceSummary', entry: '2025-H1', actorId: 'clerk1', note: '已报市委组织部' });
    expect(record).toMatchObject({ version: 1, dutyId: 'absenceSummary', entries: [{ entry: '2025-H1', recordedBy: 'clerk1', note: '已报市委组织部' }] });
    const after = (await dutyStatus(deps, { viewerId: 'clerk1', committeeId: c, asOf: '2025-06-20' })).find((s) => s.duty.id === 'absenceSummary');
    expect(after?.compliance).toMatchObject({ satisfied: ['2025-H1'], missing: [] });
    expect(after?.compliance.pending).toBeUndefined();
    expect(after?.entries).toEqual(['2025-H1']);
    expect((await readAuditLog(ctx.redis, c)).map((e) => [e.action, e.subject])).toEqual([['committee.create', c], ['duty.record', 'absenceSummary']]);
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 2 });
  });

  it('TC56 (MS-1c) dated entries: Jan–Feb and Mar–Apr satisfied, May–Jun missing on 2025-07-01, gap flagged', async () => {
    const { deps, c } = await setup('MS', '2025-07-01T02:00:00Z');
    await recordDuty(deps, { committeeId: c, dutyId: 'streetNpcStudy', entry: '2025-01-15', actorId: 'clerk1' });
    const second = await recordDuty(deps, { committeeId: c, dutyId: 'streetNpcStudy', entry: '2025-04-02T10:00:00+08:00', actorId: 'chair1' });
    expect(second.version).toBe(2);
    const status = (await dutyStatus(deps, { viewerId: 'clerk1', committeeId: c, asOf: '2025-07-01' })).find((s) => s.duty.id === 'streetNpcStudy');
    expect(status?.compliance).toMatchObject({ satisfied: ['2025-01/02', '2025-03/04'], missing: ['2025-05/06'], overdueSince: '2025-06-30T23:59:59+08:00', flags: ['GAP_TOO_LONG'] });
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 3 });
  });

  it('the reminder lead comes from the profile (reminderLeadDays override)', async () => {
    const { deps, c } = await setup('ZY', '2025-06-20T02:00:00Z', { reminderLeadDays: 5 });
    const summary = (await dutyStatus(deps, { viewerId: 'clerk1', committeeId: c })).find((s) => s.duty.id === 'absenceSummary');
    expect(summary?.compliance.remindFrom).toBe('2025-06-25T09:00:00+08:00');
  });

  it('refuses an unknown duty, a bad date or label, a future date, a plain member and bad input, changing nothing', async () => {
    const { deps, c } = await setup('ZY', '2025-06-20T02:00:00Z');
    const base = { committeeId: c, dutyId: 'monthlyStandingMeeting', actorId: 'clerk1' };
    const cases: [() => Promise<unknown>, string][] = [
      [() => recordDuty(deps, { ...base, dutyId: 'streetNpcStudy', entry: '2025-06-01' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '2025-13' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '2025-H1' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '2025-02-30' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '2025-06-18T10:00:00' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '2025-06-21' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '' }), 'INVALID_INPUT'],
      [() => recordDuty(deps, { ...base, entry: '2025-06-18', actorId: 'm1' }), 'NOT_CLERK'],
      [() => recordDuty(deps, { ...base, entry: '2025-06-18', actorId: 'stranger' }), 'NOT_A_MEMBER'],
      [() => dutyStatus(deps, { viewerId: 'clerk1', committeeId: c, asOf: 'next week' }), 'INVALID_INPUT'],
    ];
    for (const [call, code] of cases) expect((await refusal(call())).refusal).toBe(code);
    expect(await getDoc(ctx.redis, c, DUTY_RECORDS, 'monthlyStandingMeeting')).toBeNull();
    expect(await ctx.redis.scard(indexKey(c, DUTY_RECORDS))).toBe(0);
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(1);
    const ok = await recordDuty(deps, { ...base, entry: '2025-06-20' });
    expect(ok.entries).toHaveLength(1);
  });
});

describe('opening the 登记完成 form', () => {
  it('gives the duty to the office only, refuses an unknown duty, and writes nothing', async () => {
    const { deps, c } = await setup('ZY', '2025-06-18T03:00:00Z');
    const before = await readAuditLog(ctx.redis, c);
    expect(await dutyRecordForm(deps, { committeeId: c, dutyId: 'lifeMeeting', actorId: 'clerk1' })).toEqual(duties(getProfile('ZY')).find((d) => d.id === 'lifeMeeting'));
    expect((await dutyRecordForm(deps, { committeeId: c, dutyId: 'lifeMeeting', actorId: 'chair1' })).id).toBe('lifeMeeting');
    expect((await refusal(dutyRecordForm(deps, { committeeId: c, dutyId: 'lifeMeeting', actorId: 'm1' }))).refusal).toBe('NOT_CLERK');
    expect((await refusal(dutyRecordForm(deps, { committeeId: c, dutyId: 'lifeMeeting', actorId: 'outsider' }))).refusal).toBe('NOT_A_MEMBER');
    expect((await refusal(dutyRecordForm(deps, { committeeId: c, dutyId: 'branchCommitteeMeeting', actorId: 'clerk1' }))).refusal).toBe('INVALID_INPUT');
    expect(await readAuditLog(ctx.redis, c)).toEqual(before);
  });
});
