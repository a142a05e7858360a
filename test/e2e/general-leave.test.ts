/**
 * General leave end to end: AJ staff, 3 working days typed as /请假 (AJ-15b: the 分管副主任, with the
 * tier-boundary flag explained), and a ZY county member, 8 days through the form 请假申请 (ZY-JD-4.2d:
 * the county principal consents, then the 市委分管领导 approves). Each approver in turn gets a
 * private 请假审批, the applicant sees every step, a later approver's early tap is refused, and
 * 销假 (button or /销假) is recorded and told to the approvers. Filing with the office is the
 * clerk's record, done here through the service as the office would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FIELDS } from '../../cards/actions.js';
import { GENERAL_LEAVE_REPEATED } from '../../handlers/request-leave.js';
import type { Member } from '../../src/domain/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { RULE_FLAG_TEXT } from '../../src/rules/index.js';
import { fileLeave, setApprovers } from '../../src/services/leave.js';
import { LEAVES, listDocs } from '../../src/store/repos.js';
import { waitFor } from './receiver-setup.js';
import {
  buttonValue, committeeWith, expectEveryCardValid, hasButton, p2p, privateCard, privateText, privateTo, say, startWorld, tap, tapValue, textOf, type World,
} from './leave-world.js';

let world: World;
beforeAll(async () => { world = await startWorld(); });
afterAll(async () => { await world.stop(); });

const AJ_ROSTER: Member[] = [
  { id: 'dir', openId: 'ou_aj_dir', name: '周主任', role: 'chair' },
  { id: 'dep', openId: 'ou_aj_dep', name: '吴副主任', role: 'viceChair' },
  { id: 'head', openId: 'ou_aj_head', name: '郑科长', role: 'member' },
  { id: 's1', openId: 'ou_aj_s1', name: '王干事', role: 'member' },
  { id: 'clerk1', openId: 'ou_aj_clerk', name: '赵秘书', role: 'clerk' },
];
const ZY_ROSTER: Member[] = [
  { id: 'cp', openId: 'ou_zy_cp', name: '陈书记', role: 'chair' },
  { id: 'lead1', openId: 'ou_zy_lead1', name: '林常委', role: 'member' },
  { id: 'lead2', openId: 'ou_zy_lead2', name: '何常委', role: 'member' },
  { id: 'city1', openId: 'ou_zy_city1', name: '市委韩副书记', role: 'observer' },
  { id: 'clerk1', openId: 'ou_zy_clerk', name: '钱秘书', role: 'clerk' },
];

async function onlyLeave(committeeId: string) {
  const leaves = await listDocs(world.redis, committeeId, LEAVES);
  expect(leaves).toHaveLength(1);
  return leaves[0]!;
}

describe('AJ staff: 3 working days (AJ-15b)', () => {
  const CHAT = 'oc_gl_aj';
  const REASON = '家中老人住院需要陪护';

  it('/请假 → 分管副主任 approves on a private 请假审批 showing days, tier, basis and the overlap flag → 销假', async () => {
    const c = await committeeWith(world, CHAT, 'AJ', AJ_ROSTER, '安居区人大常委会机关');
    await setApprovers(world.deps, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['head'], deputyInCharge: ['dep'], director: ['dir'] } });

    // Monday 7 to Wednesday 9 December 2026: three working days.
    await say(world, CHAT, 'ou_aj_s1', `/请假 12月7日 至 12月9日 事假 ${REASON}`);
    await waitFor(() => world.standIn.messages().some((m) => m.chatId === CHAT && textOf(m).includes('按规则计 3 天')), 'the reply in the group');
    expect(world.standIn.messages().filter((m) => m.chatId === CHAT && textOf(m).includes(REASON))).toEqual([]);

    const card = await privateCard(world, 'ou_aj_dep', '请假审批');
    const text = textOf(card);
    expect(text).toContain('3 天（按工作日计算）');
    expect(text).toContain('由分管副主任审批');
    expect(text).toContain('AJ-15b');
    expect(text).toContain(RULE_FLAG_TEXT.TIER_BOUNDARY_OVERLAP);
    expect(text).toContain(REASON);
    expect(hasButton(card, '同意') && hasButton(card, '不同意')).toBe(true);
    // Nobody else holds this step: neither the 科室负责人 nor the 主任 got a card.
    expect([...privateTo(world, 'ou_aj_head'), ...privateTo(world, 'ou_aj_dir')]).toEqual([]);
    await privateText(world, 'ou_aj_s1', '下一步由分管副主任审批');

    const approved = await tap(world, 'ou_aj_dep', card, '同意');
    expect(approved.toast?.type).toBe('success');
    expect(approved.cardApplied).toBe(true);
    expect(hasButton(world.standIn.messages().find((m) => m.messageId === card.messageId)!, '同意')).toBe(false);
    await privateText(world, 'ou_aj_s1', '已批准');
    const reminder = await privateCard(world, 'ou_aj_s1', '销假');
    expect(hasButton(reminder, '销假')).toBe(true);
    // Approved before it begins: the card says when to 销假 rather than that the leave is over.
    expect(textOf(reminder)).toContain('假期结束回到岗位后');

    // Before the office has filed the slip (AJ-15a), 销假 is refused and nothing changes.
    const early = await tap(world, 'ou_aj_s1', reminder, '销假');
    expect(early.toast).toEqual({ type: 'error', content: USER_MESSAGES.LEAVE_NOT_FILED });
    const leave = await onlyLeave(c);
    await fileLeave(world.deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'office' });

    const back = await tap(world, 'ou_aj_s1', reminder, '销假');
    expect(back.toast).toEqual({ type: 'success', content: '已销假。' });
    await privateText(world, 'ou_aj_dep', '王干事已销假。请假时间：12月7日（周一） 至 12月9日（周三）。');
    expect(await onlyLeave(c)).toMatchObject({ status: 'returned', returnedBy: 's1', returnedOnTime: true });
  });
});

describe('ZY county member: 8 days (ZY-JD-4.2d), consent then approval', () => {
  const CHAT = 'oc_gl_zy';
  const REASON = '回老家探望生病的父母';

  it('the form 请假申请 → 县区委主要负责同志 consents → 市委分管领导 approves, each in turn → /销假', async () => {
    const c = await committeeWith(world, CHAT, 'ZY', ZY_ROSTER, '县委常委会');
    await setApprovers(world.deps, { committeeId: c, actorId: 'clerk1', assignments: { countyPrincipal: ['cp'], cityLeaderInCharge: ['city1'] } });

    await say(world, p2p('ou_zy_lead1'), 'ou_zy_lead1', '/请假', 'p2p');
    const form = await privateCard(world, 'ou_zy_lead1', '请假申请');
    for (const label of ['开始日期', '结束日期', '类型', '请假事由']) expect(textOf(form)).toContain(label);
    const F = FORM_FIELDS.generalLeave;
    const filled = { [F.start]: '2026-12-07 +0800', [F.end]: '2026-12-14 +0800', [F.kind]: 'private', [F.reason]: REASON };
    const submitted = await tap(world, 'ou_zy_lead1', form, '提交申请', filled);
    expect(submitted.toast?.content).toContain('按规则计 8 天');
    // A second tap is the same request: answered as recorded, no second leave (onlyLeave below).
    expect((await tap(world, 'ou_zy_lead1', form, '提交申请', filled)).toast).toEqual({ type: 'info', content: GENERAL_LEAVE_REPEATED });

    const consent = await privateCard(world, 'ou_zy_cp', '请假审批');
    expect(textOf(consent)).toContain('8 天');
    expect(textOf(consent)).toContain('由县区委主要负责同志同意');
    expect(textOf(consent)).toContain('ZY-JD-4.2d');
    expect(privateTo(world, 'ou_zy_city1')).toEqual([]);

    // The 市委分管领导 may not act before the consent: the early tap is refused.
    const early = await tap(world, 'ou_zy_city1', consent, '同意');
    expect(early.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_YOUR_TURN });
    const other = await tap(world, 'ou_zy_lead2', consent, '同意');
    expect(other.toast?.type).toBe('error');

    const spent = buttonValue(consent, '同意');
    expect((await tap(world, 'ou_zy_cp', consent, '同意')).toast?.type).toBe('success');
    await privateText(world, 'ou_zy_lead1', '县区委主要负责同志已同意');
    const approval = await privateCard(world, 'ou_zy_city1', '请假审批');
    expect(textOf(approval)).toContain('由市委分管领导审批');
    // The consent card's buttons are spent: its step has been decided.
    expect((await tapValue(world, 'ou_zy_cp', consent, spent)).toast).toEqual({ type: 'error', content: USER_MESSAGES.INVALID_STATE });

    expect((await tap(world, 'ou_zy_city1', approval, '同意')).toast?.type).toBe('success');
    await privateText(world, 'ou_zy_lead1', '已批准');
    await privateCard(world, 'ou_zy_lead1', '销假');
    const leave = await onlyLeave(c);
    expect(leave.steps.map((s) => [s.role, s.kind, s.status, s.actorId])).toEqual([
      ['countyPrincipal', 'consent', 'approved', 'cp'], ['cityLeaderInCharge', 'approve', 'approved', 'city1'],
    ]);
    await fileLeave(world.deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'cityOrgDept' });

    await say(world, p2p('ou_zy_lead1'), 'ou_zy_lead1', '/销假', 'p2p');
    await privateText(world, 'ou_zy_lead1', '已销假');
    await privateText(world, 'ou_zy_cp', '林常委已销假。请假时间：12月7日（周一） 至 12月14日（周一）。');
    await privateText(world, 'ou_zy_city1', '林常委已销假。请假时间：12月7日（周一） 至 12月14日（周一）。');
  });

  it('the reason reaches only the applicant and the approvers, in private', () => {
    const holders = world.standIn.messages().filter((m) => textOf(m).includes(REASON));
    expect(holders.length).toBeGreaterThan(0);
    for (const m of holders) expect(['ou_zy_lead1', 'ou_zy_cp', 'ou_zy_city1', 'ou_zy_clerk']).toContain(m.openId);
    expect(world.standIn.messages().filter((m) => m.chatId === CHAT)).toEqual([]);
  });
});

describe('every card', () => {
  it('passes the stand-in\'s card JSON 2.0 check and stays under 30 KB', () => {
    expect(expectEveryCardValid(world)).toBeGreaterThan(6);
  });
});
