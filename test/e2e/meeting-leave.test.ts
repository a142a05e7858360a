/**
 * 会议请假 end to end: 请假 on the notice sends the member a private form with one 书面意见 per
 * topic; 提交请假 records the reason and the opinion on that topic only; under NT (NT-3.5c) the
 * chair approves or refuses it on a private 请假审批 and the member is told; under ZY the absence is
 * recorded without approval. The notice's counts follow; the reason reaches nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAVE_FORM_SENT } from '../../handlers/open-meeting-leave.js';
import { MEETING_LEAVE_REPEATED, meetingLeaveAnswer } from '../../handlers/submit-meeting-leave.js';
import { FORM_FIELDS, opinionField } from '../../cards/actions.js';
import { ATTENDANCE, attendanceId, getDoc } from '../../src/store/repos.js';
import { roster, snapshot } from '../integration/meeting-fixture.js';
import { waitFor } from './receiver-setup.js';
import {
  committeeWith, expectEveryCardValid, hasButton, noticedMeeting, privateCard, privateText, privateTo, say, startWorld, tap, textOf, type World,
} from './leave-world.js';

let world: World;
beforeAll(async () => { world = await startWorld(); });
afterAll(async () => { await world.stop(); });

const noticeShows = (chatId: string, counts: string) =>
  waitFor(() => world.standIn.messages().some((m) => m.chatId === chatId && textOf(m).includes('会议通知') && textOf(m).includes(counts)), `the notice to show ${counts}`);

describe('NT: meeting leave needs the chair\'s approval (NT-3.5c)', () => {
  const CHAT = 'oc_leave_nt';
  const REASON = '赴省厅参加住房保障业务培训';
  const OPINION = '同意该议题，建议加快实施进度';

  it('请假 → private form → 提交请假 with an opinion on one topic → the chair approves → the member is told; counts follow', async () => {
    const c = await committeeWith(world, CHAT, 'NT', roster(5));
    const { meetingId, topicIds, notice } = await noticedMeeting(world, CHAT, c, 2);
    await noticeShows(CHAT, '请假 0 人');

    const opened = await tap(world, 'ou_m1', notice, '请假');
    expect(opened.toast).toEqual({ type: 'info', content: LEAVE_FORM_SENT });
    const form = await privateCard(world, 'ou_m1', '会议请假');
    const formText = textOf(form);
    expect(formText).toContain('请假事由');
    expect(formText.match(/书面意见：第 \d 项/g)).toHaveLength(2);
    expect(hasButton(form, '提交请假')).toBe(true);

    const [t1, t2] = topicIds as [string, string];
    const filled = { [FORM_FIELDS.meetingLeave.reason]: REASON, [opinionField(t1)]: OPINION, [opinionField(t2)]: '' };
    const submitted = await tap(world, 'ou_m1', form, '提交请假', filled);
    expect(submitted.toast).toEqual({ type: 'success', content: meetingLeaveAnswer(true) });
    const approval = await privateCard(world, 'ou_chair1', '请假审批');
    // A second tap is answered as recorded and asks the chair nothing more.
    const before = await snapshot(world.redis, c);
    expect((await tap(world, 'ou_m1', form, '提交请假', filled)).toast).toEqual({ type: 'info', content: MEETING_LEAVE_REPEATED });
    expect(await snapshot(world.redis, c)).toEqual(before);
    expect(textOf(approval)).toContain(REASON);
    expect(textOf(approval)).toContain('NT-3.5c');
    expect(hasButton(approval, '同意') && hasButton(approval, '不同意')).toBe(true);
    await noticeShows(CHAT, '请假 1 人');

    const approved = await tap(world, 'ou_chair1', approval, '同意');
    expect(approved.toast?.type).toBe('success');
    expect(approved.cardApplied).toBe(true);
    await privateText(world, 'ou_m1', '已同意');
    const record = await getDoc(world.redis, c, ATTENDANCE, attendanceId(meetingId, 'm1'));
    expect(record?.leave).toMatchObject({ status: 'approved', decidedBy: 'chair1', reason: REASON, writtenOpinions: [{ topicId: t1, text: OPINION }] });
    await noticeShows(CHAT, '已确认 0 人 · 请假 1 人 · 未回复 4 人');
  });

  it('/请假 <原因> asks leave for the next meeting; 不同意 is told to the member and the count goes back', async () => {
    await say(world, CHAT, 'ou_m2', '/请假 家中有急事需要处理');
    await waitFor(() => world.standIn.messages().some((m) => m.chatId === CHAT && m.msgType === 'text' && textOf(m).includes(meetingLeaveAnswer(true))), 'the reply');
    const approvals = () => privateTo(world, 'ou_chair1').filter((m) => textOf(m).includes('家中有急事需要处理'));
    await waitFor(() => approvals().length === 1, 'the second approval card');
    expect(privateTo(world, 'ou_chair1').filter((m) => textOf(m).includes(REASON))).toHaveLength(1);
    await noticeShows(CHAT, '请假 2 人');
    const [approval] = approvals();
    const refused = await tap(world, 'ou_chair1', approval!, '不同意');
    expect(refused.toast?.type).toBe('success');
    await privateText(world, 'ou_m2', '未同意');
    await noticeShows(CHAT, '请假 1 人');
  });

  it('the reasons reach only the member and the chair, the written opinion only the record: never the group', () => {
    const allowed = ['ou_m1', 'ou_m2', 'ou_chair1', 'ou_clerk1'];
    for (const secret of [REASON, '家中有急事需要处理', OPINION]) {
      const holders = world.standIn.messages().filter((m) => textOf(m).includes(secret));
      for (const m of holders) {
        expect(m.chatId === undefined || m.chatId.startsWith('oc_p2p_'), `"${secret}" in ${m.chatId ?? ''}`).toBe(true);
        expect(allowed).toContain(m.openId);
      }
      // The reasons are on the chair's 请假审批; the opinion is shown only where the meeting reads it.
      expect(holders.length > 0).toBe(secret !== OPINION);
    }
  });
});

describe('ZY: a meeting absence is recorded without approval (the profile does not regulate it)', () => {
  const CHAT = 'oc_leave_zy';

  it('提交请假 records the leave and the written opinion; nobody is asked to approve', async () => {
    const c = await committeeWith(world, CHAT, 'ZY', roster(5));
    const { meetingId, topicIds, notice } = await noticedMeeting(world, CHAT, c, 1);
    await tap(world, 'ou_m3', notice, '请假');
    const form = await privateCard(world, 'ou_m3', '会议请假');
    const [t1] = topicIds as [string];
    const submitted = await tap(world, 'ou_m3', form, '提交请假', { [FORM_FIELDS.meetingLeave.reason]: '下乡调研', [opinionField(t1)]: '赞成' });
    expect(submitted.toast).toEqual({ type: 'success', content: meetingLeaveAnswer(false) });
    const record = await getDoc(world.redis, c, ATTENDANCE, attendanceId(meetingId, 'm3'));
    expect(record?.leave).toMatchObject({ status: 'recorded', writtenOpinions: [{ topicId: t1, text: '赞成' }] });
    await noticeShows(CHAT, '请假 1 人');
    expect(world.standIn.messages().filter((m) => textOf(m).includes('下乡调研') && m.openId !== 'ou_m3')).toEqual([]);
    expect(privateTo(world, 'ou_chair1').filter((m) => textOf(m).includes('下乡调研'))).toEqual([]);
  });
});

describe('every card', () => {
  it('passes the stand-in\'s card JSON 2.0 check and stays under 30 KB', () => {
    expect(expectEveryCardValid(world)).toBeGreaterThan(5);
  });
});
