/**
 * A whole JY meeting, from the first command to a decision's task 办结, driven only by pushed
 * events and taps on the cards the bot posted, through the stand-in with the real SDK. It goes on
 * from step-story.ts (setup → a 一般 and a 人事 topic → confirmation → the notice ten days ahead →
 * m4's leave with a written opinion → sign-in): the 一般 item by show of hands with the chair last
 * (his early tap refused), the 人事 item by secret ballot in private chats (the dissenter first),
 * both 表决结果 with their basis, 结束会议, 纪要 drafted, 修改 by the clerk, 审签 by the 书记 (JY-27),
 * the .docx read back from the stand-in, and a task made of a decision with 转为督办, then 办结 by
 * its owner. Every check is on what the stand-in holds, and on Redis where the outcome lives there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FIELDS, minutesItemField } from '../../cards/actions.js';
import { BUTTON, FIELD, STATUS, TITLE } from '../../cards/copy.js';
import { SECRET_VOTE_RECORDED, VOTE_RECORDED } from '../../handlers/cast-vote.js';
import { MEETING_CLOSED, VOTE_CLOSED } from '../../handlers/close-vote.js';
import { TASK_ALREADY, TASK_ASSIGNED, TASK_FORM_INVALID, TASK_FORM_OPENED } from '../../handlers/minutes-to-task.js';
import { SECRET_VOTE_OPENED, VOTE_OPENED } from '../../handlers/open-vote.js';
import type { StoredMessage } from '../../sandbox/open-api/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { evaluateItem, getProfile, RULE_FLAG_TEXT, type TopicKind, type VoteMethod } from '../../src/rules/index.js';
import { memberIdFor } from '../../src/services/committees.js';
import { decisionTaskId } from '../../src/services/tasks.js';
import { committeeKeys } from '../../src/store/keys.js';
import { BALLOTS, getDoc, listDocs, MEETINGS, MINUTES, TASKS } from '../../src/store/repos.js';
import { docxParagraphs } from '../support/unzip.js';
import { waitFor } from './receiver-setup.js';
import { buttonValues, expectEveryCardValid, NOW, privateCard, startWorld, tapValue, titleOf, type World } from './leave-world.js';
import { textOf } from './meeting-world.js';
import { groupContents, OPINION, PEOPLE, playToSignIn, PRESENT, REASON, storyChat, TOPICS, VOTING, type Person, type StoryChat } from './step-story.js';

let w: World;
beforeAll(async () => { w = await startWorld(); }, 30_000);
afterAll(async () => { await w.stop(); });

/** What a member reads on a card: its markdown, with the entities that keep typed text inert decoded. */
const shown = (content: unknown): string => textOf(content).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
const answered = (outcome: { body?: unknown }): unknown => (outcome.body as { card?: { data?: unknown } } | undefined)?.card?.data;
const WORDING = '会议同意该方案，由办公室牵头抓好落实。';
const DUE = '2026-12-20';

describe('a JY meeting from the first command to a decision\'s task 办结', () => {
  let s: StoryChat;
  beforeAll(() => { s = storyChat(w, 'JY'); });

  it('votes, announces, minutes, signs, files and follows up, each step checked where the group reads it', async () => {
    const { chatId, ou, committeeId: c, latest, chat } = s;
    const { topicIds: [general, personnel], meetingId: m, notice } = await playToSignIn(w, s);
    // The notice went out on time, at least two days ahead, and says nothing of lateness.
    const meeting = await getDoc(w.redis, c, MEETINGS, m);
    expect(meeting).toMatchObject({ noticeOnTime: true, noticeSentBy: memberIdFor(ou('clerk')) });
    expect(Date.parse(meeting?.startsAt ?? '') - Date.parse(meeting?.noticeSentAt ?? '')).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(JSON.stringify(latest(notice).content)).not.toContain(RULE_FLAG_TEXT.LATE_NOTICE);
    const inGroup = (title: string): StoredMessage[] => s.cardsInGroup().filter((msg) => titleOf(msg) === title);
    const nth = async (title: string, count: number): Promise<StoredMessage> => {
      await waitFor(() => inGroup(title).length >= count, `${count} × ${title}`);
      return inGroup(title)[count - 1] as StoredMessage;
    };
    /** The button `label` of one agenda item (the card holds one per item). */
    const itemButton = (msg: StoredMessage, label: string, topicId: string): Record<string, unknown> => {
      const found = buttonValues(latest(msg), label).find((v) => v.t === topicId);
      if (!found) throw new Error(`no ${label} for ${topicId} on ${titleOf(msg)}`);
      return found;
    };
    const decision = (kind: TopicKind, method: VoteMethod) =>
      evaluateItem(getProfile('JY'), { members: VOTING.length, present: PRESENT.length, recused: 0, topicKind: kind, method, writtenOpinions: kind === 'general' ? 1 : 0 });

    // 6. 会议主持 came with sign-in; only the chair opens the 一般 item's vote, by show of hands.
    const chairing = await nth(TITLE.chairing, 1);
    const openGeneral = itemButton(chairing, BUTTON.vote, general);
    const hands = { [FORM_FIELDS.chairVote.method]: 'hands' };
    const clerkOpens = await chat.unchanged(c, () => tapValue(w, ou('clerk'), chairing, openGeneral, hands));
    expect(clerkOpens.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CHAIR });
    expect((await tapValue(w, ou('chair'), chairing, openGeneral, hands)).toast).toEqual({ type: 'success', content: VOTE_OPENED });
    const vote = await nth(TITLE.vote, 1);
    expect(shown(vote.content)).toContain(TOPICS[0][0]);
    expect(shown(vote.content)).toContain('末位表态');
    expect(shown(vote.content)).toContain(`已表决 0 / ${PRESENT.length}`);

    // The chair speaks last: his early tap is refused with that reason and records nothing.
    const early = await chat.unchanged(c, () => s.tap('chair', vote, BUTTON.yes));
    expect(early.toast).toEqual({ type: 'error', content: USER_MESSAGES.CHAIR_MUST_SPEAK_LAST });
    for (const who of ['vice', 'm1', 'm2'] as const) expect((await s.tap(who, vote, BUTTON.yes)).toast?.content).toBe(VOTE_RECORDED);
    expect((await s.tap('m3', vote, BUTTON.no)).toast?.content).toBe(VOTE_RECORDED);
    // m4 is on leave: not signed in, so not in the vote.
    expect((await chat.unchanged(c, () => s.tap('m4', vote, BUTTON.yes))).toast?.content).toBe(USER_MESSAGES.NOT_PRESENT);
    expect((await s.tap('chair', vote, BUTTON.yes)).toast?.content).toBe(VOTE_RECORDED);
    await waitFor(() => shown(latest(vote).content).includes(`已表决 ${PRESENT.length} / ${PRESENT.length}`), 'everyone present has voted');
    expect((await chat.unchanged(c, () => s.tap('m1', vote, BUTTON.closeVote))).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await s.tap('chair', vote, BUTTON.closeVote)).toast?.content).toBe(VOTE_CLOSED);

    // 表决结果 of the 一般 item: passed, the counts and who chose what, the written opinion counted apart, the basis.
    const firstResult = shown((await nth(TITLE.voteResult, 1)).content);
    expect(firstResult).toContain('结果：**通过**');
    expect(firstResult).toContain('赞成 4 票 · 反对 1 票 · 弃权 0 票');
    expect(firstResult).toContain(`应到 ${VOTING.length} 人 · 实到 ${PRESENT.length} 人 · 回避 0 人 · 收到书面意见 1 份`);
    expect(firstResult).toContain(`**反对**：${PEOPLE.m3}`);
    expect(firstResult).toContain('JY-23a');
    for (const id of decision('general', 'hands').basis) expect(firstResult).toContain(id);

    // 7. The 人事 item by secret ballot: a private 无记名投票 to each member present, none to m4 or the observer.
    const openPersonnel = itemButton(chairing, BUTTON.vote, personnel);
    expect((await tapValue(w, ou('chair'), chairing, openPersonnel, { [FORM_FIELDS.chairVote.method]: 'secret' })).toast?.content).toBe(SECRET_VOTE_OPENED);
    const progress = await nth(TITLE.voteProgress, 1);
    const ballots = new Map<Person, StoredMessage>();
    for (const who of PRESENT) ballots.set(who, await privateCard(w, ou(who), TITLE.secretVote));
    const privateBallots = () => w.standIn.messages().filter((msg) => titleOf(msg) === TITLE.secretVote);
    expect(privateBallots().map((msg) => msg.openId).sort()).toEqual(PRESENT.map(ou).sort());
    expect(JSON.stringify(ballots.get('m1')?.content)).toContain('无记名投票提交后不能更改');

    // The dissenter votes first; every answer reads the same whatever the choice, and names none.
    const order: [Person, string][] = [['m3', BUTTON.no], ['chair', BUTTON.yes], ['vice', BUTTON.yes], ['m1', BUTTON.yes], ['m2', BUTTON.yes]];
    const answers = new Set<string>();
    for (const [who, label] of order) {
      const own = ballots.get(who) as StoredMessage;
      const outcome = await s.tap(who, own, label);
      expect(outcome.toast?.content).toBe(SECRET_VOTE_RECORDED);
      const card = JSON.stringify(answered(outcome));
      expect(card).toContain(STATUS.voted);
      for (const word of [BUTTON.yes, BUTTON.no, BUTTON.abstain]) expect(card).not.toContain(word);
      answers.add(card);
    }
    expect(answers.size).toBe(1);
    await waitFor(() => shown(latest(progress).content).includes(`已投 ${PRESENT.length} / ${PRESENT.length}`), 'every ballot cast');
    expect((await s.tap('chair', progress, BUTTON.closeVote)).toast?.content).toBe(VOTE_CLOSED);
    const secretResult = shown((await nth(TITLE.voteResult, 2)).content);
    expect(secretResult).toContain('结果：**通过**');
    expect(secretResult).toContain('赞成 4 票 · 反对 1 票 · 弃权 0 票');
    expect(secretResult).toContain('**参加投票**：');
    expect(secretResult).not.toMatch(/\*\*(赞成|反对|弃权)\*\*：/);
    expect(secretResult).toContain('JY-23b');
    for (const id of decision('personnel', 'secret').basis) expect(secretResult).toContain(id);
    // Nothing the group saw, no private card and no log line ties a member to a secret choice; nor does the ballot as stored.
    const aboutPersonnel = groupContents(w, chatId).filter((text) => text.includes(TOPICS[1][0]));
    expect(aboutPersonnel.length).toBeGreaterThan(3);
    for (const content of aboutPersonnel) expect(content).not.toMatch(/\*\*(赞成|反对|弃权)\*\*：/);
    expect(new Set(privateBallots().map((msg) => JSON.stringify(latest(msg).content))).size).toBe(1);
    for (const line of w.bot.log.lines) expect(line).not.toMatch(/"(yes|no|abstain)"|赞成|反对|弃权/);
    const secret = (await listDocs(w.redis, c, BALLOTS)).find((b) => b.topicId === personnel);
    expect(secret).toMatchObject({ method: 'secret', state: 'closed', result: { passed: true, counts: { yes: 4, no: 1, abstain: 0 } } });
    expect(secret?.result?.roll).toBeUndefined();
    await waitFor(async () => (await w.redis.exists(committeeKeys(c).aofPending)) === 0, 'the AOF rewrite after the secret ballot');

    // 8. The chair ends the meeting: the clerk's tap is refused first.
    const end = buttonValues(latest(chairing), BUTTON.endMeeting)[0] ?? {};
    expect((await chat.unchanged(c, () => tapValue(w, ou('clerk'), chairing, end))).toast?.content).toBe(USER_MESSAGES.NOT_CHAIR);
    expect((await tapValue(w, ou('chair'), chairing, end)).toast?.content).toBe(MEETING_CLOSED);

    // 9. /纪要: a member may not; the clerk's draft holds the record and both decisions.
    expect((await chat.unchanged(c, () => chat.command(ou('m1'), '/纪要'))).reply).toEqual({ text: USER_MESSAGES.NOT_CLERK });
    const minutes = await s.replyTo(await s.typed('clerk', '/纪要'));
    expect(titleOf(minutes)).toBe(TITLE.minutes);
    const draft = shown(minutes.content);
    for (const line of [`主持人:${PEOPLE.chair}`, `记录人:${PEOPLE.clerk}`, `应到会 ${VOTING.length} 人,实到会 ${PRESENT.length} 人。`, `${PEOPLE.m4}:${OPINION}`,
      `表态情况:${PEOPLE.vice} 赞成;${PEOPLE.m1} 赞成;${PEOPLE.m2} 赞成;${PEOPLE.m3} 反对;${PEOPLE.chair} 赞成`, '表决方式:无记名投票', '决定:通过', TOPICS[0][0], TOPICS[1][0]]) {
      expect(draft).toContain(line);
    }
    expect(draft).toContain(`缺席:${PEOPLE.m4}(请假:${REASON}`);

    // 修改 and 保存修改 by the clerk only; 审签 by the 书记 only (JY-27), then the card is 会议纪要（已签发）.
    expect((await chat.unchanged(c, () => s.tap('m1', minutes, BUTTON.editMinutes))).toast?.content).toBe(USER_MESSAGES.NOT_CLERK);
    expect((await s.tap('clerk', minutes, BUTTON.editMinutes)).toast?.type).toBe('info');
    const saved = await s.tap('clerk', minutes, BUTTON.saveMinutes, { [minutesItemField(general)]: WORDING });
    expect(saved.toast?.type).toBe('success');
    expect(shown(latest(minutes).content)).toContain(`会议议定:${WORDING}`);
    for (const who of ['vice', 'clerk'] as const) {
      expect((await chat.unchanged(c, () => s.tap(who, minutes, BUTTON.signOff))).toast?.content).toBe(USER_MESSAGES.NOT_COMMITTEE_CHAIR);
    }
    expect((await s.tap('chair', minutes, BUTTON.signOff)).toast?.type).toBe('success');
    await waitFor(() => titleOf(latest(minutes)) === TITLE.minutesSigned, '会议纪要（已签发）');
    expect(shown(latest(minutes).content)).toMatch(new RegExp(`审签\\*\\*：${PEOPLE.chair}（`));
    expect(await getDoc(w.redis, c, MINUTES, m)).toMatchObject({ status: 'signed', signedBy: memberIdFor(ou('chair')) });

    // The signed minutes reach the group as a Word file, read back from the stand-in.
    await waitFor(() => s.chat.sent().some((msg) => msg.msgType === 'file'), 'the .docx');
    const files = s.chat.sent().filter((msg) => msg.msgType === 'file');
    expect(files).toHaveLength(1);
    const uploaded = w.standIn.file(String((files[0]?.content as { file_key?: unknown }).file_key));
    const paragraphs = docxParagraphs(uploaded?.bytes ?? Buffer.alloc(0));
    for (const line of [`会议议定:${WORDING}`, '决定:通过', `${PEOPLE.m4}:${OPINION}`, '表决方式:无记名投票']) expect(paragraphs).toContain(line);
    expect(paragraphs.filter((p) => p === '决定:通过')).toHaveLength(2);
    expect(paragraphs).toContainEqual(expect.stringMatching(new RegExp(`^审签：${PEOPLE.chair}\\s`)));

    // 10. 转为督办 on each decision of the signed minutes: the office only; a bad date changes nothing.
    const signed = latest(minutes);
    // (With the world's clock standing still, both topics were submitted at one instant: the agenda orders them by id.)
    expect(buttonValues(signed, BUTTON.toTask).map((v) => v.t).sort()).toEqual([general, personnel].sort());
    for (const label of [BUTTON.editMinutes, BUTTON.signOff]) expect(buttonValues(signed, label)).toEqual([]);
    const toTask = itemButton(signed, BUTTON.toTask, general);
    expect((await chat.unchanged(c, () => tapValue(w, ou('m2'), signed, toTask))).toast?.content).toBe(USER_MESSAGES.NOT_CLERK);
    expect((await tapValue(w, ou('clerk'), signed, toTask)).toast).toEqual({ type: 'info', content: TASK_FORM_OPENED });
    const form = latest(minutes);
    expect(shown(form.content)).toContain(`**${FIELD.owner}**`);
    expect(shown(form.content)).toContain(`**${FIELD.due}**`);
    const assign = itemButton(form, BUTTON.assignTask, general);
    const owner = { [FORM_FIELDS.minutesTask.owner]: ou('m1') };
    const past = await chat.unchanged(c, () => tapValue(w, ou('clerk'), form, assign, { ...owner, [FORM_FIELDS.minutesTask.due]: '2026-11-30 +0800' }));
    expect(past.toast).toEqual({ type: 'error', content: USER_MESSAGES.INVALID_INPUT });
    const unreadable = await chat.unchanged(c, () => tapValue(w, ou('clerk'), form, assign, { ...owner, [FORM_FIELDS.minutesTask.due]: '12月40日' }));
    expect(unreadable.toast).toEqual({ type: 'error', content: TASK_FORM_INVALID });
    const byMember = await chat.unchanged(c, () => tapValue(w, ou('m1'), form, assign, { ...owner, [FORM_FIELDS.minutesTask.due]: `${DUE} +0800` }));
    expect(byMember.toast?.content).toBe(USER_MESSAGES.NOT_CLERK);

    // 交办: the task, its 督办事项 card in the group @-mentioning its owner; sent twice, still one task and one card.
    const made = await tapValue(w, ou('clerk'), form, assign, { ...owner, [FORM_FIELDS.minutesTask.due]: `${DUE} +0800` });
    expect(made.toast).toEqual({ type: 'success', content: TASK_ASSIGNED });
    expect(shown(answered(made))).toContain(`**已转督办**：${PEOPLE.m1}，12月20日（周日）前`);
    const again = await chat.unchanged(c, () => tapValue(w, ou('chair'), form, assign, { [FORM_FIELDS.minutesTask.owner]: ou('m2'), [FORM_FIELDS.minutesTask.due]: '2026-12-31 +0800' }));
    expect(again.toast).toEqual({ type: 'success', content: TASK_ASSIGNED });
    expect((await tapValue(w, ou('clerk'), signed, toTask)).toast).toEqual({ type: 'info', content: TASK_ALREADY });
    const taskCard = await nth(TITLE.task, 1);
    expect(shown(taskCard.content)).toContain(TOPICS[0][0]);
    expect(shown(taskCard.content)).toContain(`<at id=${ou('m1')}></at>`);
    expect(shown(taskCard.content)).toContain('12月20日');
    const tasks = await listDocs(w.redis, c, TASKS);
    expect(tasks).toEqual([expect.objectContaining({ id: decisionTaskId(m, general), meetingId: m, topicId: general, ownerId: memberIdFor(ou('m1')), due: DUE, status: 'open' })]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inGroup(TITLE.task)).toHaveLength(1);

    // 办结: not by another member; by its owner, after which the card reads 已办结.
    expect((await chat.unchanged(c, () => s.tap('m2', taskCard, BUTTON.done))).toast?.content).toBe(USER_MESSAGES.NOT_OWNER_OR_CLERK);
    const done = await s.tap('m1', taskCard, BUTTON.done);
    expect(done.toast?.type).toBe('success');
    expect(JSON.stringify(answered(done))).toContain(STATUS.taskDone);
    await waitFor(() => JSON.stringify(latest(taskCard).content).includes(STATUS.taskDone), '督办事项 已办结');
    expect(buttonValues(latest(taskCard), BUTTON.done)).toEqual([]);
    expect(await getDoc(w.redis, c, TASKS, decisionTaskId(m, general))).toMatchObject({ status: 'done', doneAt: NOW });

    // Every card sent or patched passes the card check under 30 KB.
    expectEveryCardValid(w);
  }, 90_000);
});
