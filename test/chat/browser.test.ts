/**
 * The chat page in a real browser (Debian's chromium driven by playwright-core) over a whole
 * sandbox: as different people, only by typing and tapping in the page, the committee is set up,
 * a topic is submitted and confirmed, the notice goes out, a member asks for leave and the chair
 * grants it, members sign in, one item is voted by show of hands (the chair last) and one by
 * secret ballot in the private chats, the result cards appear, and the clerk assigns a task with
 * the command menu and the @-mention picker, and a general leave goes in on its date pickers.
 * Screenshots go to docs/screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FIELDS } from '../../cards/actions.js';
import { BUTTON, TITLE } from '../../cards/copy.js';
import { chatPage } from '../../sandbox/chat/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/start.js';
import { memoryLogger } from '../../src/log.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const P = { chair: 'ou_demo_chair', vice: 'ou_demo_vice', m1: 'ou_demo_m1', m2: 'ou_demo_m2', m3: 'ou_demo_m3', m4: 'ou_demo_m4', clerk: 'ou_demo_clerk', observer: 'ou_demo_observer' };
const S = FORM_FIELDS.setup;

let dataDir: string | undefined;
let sandbox: Sandbox;
let browser: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (.ci/run does it)`);
  dataDir = mkdtempSync(join(tmpdir(), 'yishi-browser-'));
  sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger('warn'), pages: chatPage });
  browser = await chromium.launchPersistentContext(join(dataDir, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  // Unset when the start itself failed.
  await (sandbox as Sandbox | undefined)?.close();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

/** The last message whose card title is exactly `title` (optionally holding `text`). */
const card = (title: string, text?: string): Locator => {
  const titled = page.locator('#messages .message').filter({ has: page.locator('.title-text', { hasText: new RegExp(`^${title}$`) }) });
  return (text === undefined ? titled : titled.filter({ hasText: text })).last();
};

async function as(openId: string, chat: 'group' | 'private' = 'group'): Promise<void> {
  await page.click(`#chats li[data-chat="${chat === 'group' ? 'group' : openId}"]`);
  await page.selectOption('#identity', openId);
}

async function say(text: string): Promise<void> {
  await page.fill('#input', text);
  const posted = page.waitForResponse((r) => r.url().endsWith('/chat/api/message'));
  await page.press('#input', 'Enter');
  expect((await posted).status()).toBe(200);
}

/** Taps a button of a card (through its confirm dialog when it has one): the bot's toast. */
async function tap(on: Locator, label: string, nth = 0): Promise<{ type: string; content: string } | undefined> {
  const button = on.getByRole('button', { name: label, exact: true }).nth(nth);
  const answered = page.waitForResponse((r) => r.url().endsWith('/chat/api/tap'));
  const confirm = await button.getAttribute('data-confirm-title');
  await button.click();
  if (confirm !== null) {
    await expect.poll(() => page.locator('#confirm').isVisible()).toBe(true);
    await page.click('#confirm-ok');
  }
  const answer = (await (await answered).json()) as { ok?: boolean; toast?: { type: string; content: string }; error?: string };
  expect(answer.error).toBeUndefined();
  return answer.toast;
}

async function shot(name: string, of: Locator): Promise<void> {
  await of.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, name) });
}

/** The date `days` ahead in Asia/Shanghai, YYYY-MM-DD. */
const dayAhead = (days: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + days * 86_400_000);

/** Twenty days ahead, the way a clerk writes a due date (12月20日). */
const dueDay = (): string => {
  const [month, day] = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' }).format(Date.now() + 20 * 86_400_000).split('/');
  return `${month}月${day}日`;
};

describe('the chat page in chromium', () => {
  it('runs a meeting from setup to the result cards, as each person in turn', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(sandbox.url);
    await expect.poll(() => page.locator('#identity option').count()).toBe(8);

    // The profile switcher, to a blank demo: the bot has just been added, only its setup card is there.
    const reset = page.waitForResponse((r) => r.url().endsWith('/chat/api/reset'));
    await page.selectOption('#profile', 'blank');
    await page.click('#confirm-ok');
    expect((await reset).status()).toBe(200);
    await expect.poll(() => page.locator('#messages .message').count()).toBe(1);

    // The clerk, who added the bot, fills in the setup card.
    await as(P.clerk);
    const setup = card(TITLE.setup);
    await setup.locator(`select[name="${S.profile}"]`).selectOption('JY');
    await setup.locator(`select[name="${S.chair}"]`).selectOption(P.chair);
    await setup.locator(`select[name="${S.viceChair}"]`).selectOption([P.vice]);
    await setup.locator(`select[name="${S.clerk}"]`).selectOption([P.clerk]);
    await setup.locator(`select[name="${S.observers}"]`).selectOption([P.observer]);
    expect((await tap(setup, BUTTON.saveSetup))?.type).toBe('success');

    // A member submits two topics; the chair confirms both.
    await as(P.m1);
    await say('/议题 关于机关作风建设的议题 一般');
    await say('/议题 关于干部任免的议题 人事');
    await as(P.chair);
    for (const title of ['关于机关作风建设的议题', '关于干部任免的议题']) {
      await tap(card(TITLE.topicPending, title), BUTTON.confirm);
      await card(TITLE.topicConfirmed, title).waitFor();
    }

    // The clerk schedules the meeting and sends the notice.
    await as(P.clerk);
    await say(`/会议 ${dayAhead(10)} 09:00 第一会议室`);
    await tap(card(TITLE.meetingDraft), BUTTON.sendNotice);
    const notice = card(TITLE.notice);
    await notice.waitFor();
    await expect.poll(() => notice.textContent()).toContain('关于干部任免的议题');
    await shot('notice.png', notice);

    // 刘芳 asks for leave in her private chat; the chair grants it in his.
    await as(P.m2);
    await tap(card(TITLE.notice), BUTTON.leave);
    await as(P.m2, 'private');
    const leave = card(TITLE.meetingLeave);
    await leave.locator(`[name="${FORM_FIELDS.meetingLeave.reason}"]`).fill('外出参加培训');
    await tap(leave, BUTTON.submitLeave);
    await as(P.chair, 'private');
    expect((await tap(card(TITLE.leaveApproval), BUTTON.approve))?.type).toBe('success');

    // The clerk opens sign-in; everyone present signs in.
    await as(P.clerk);
    await tap(card(TITLE.notice), BUTTON.openSignIn);
    await card(TITLE.signIn).waitFor();
    await card(TITLE.chairing).waitFor();
    const present = [P.chair, P.vice, P.m1, P.m3, P.m4];
    for (const who of present) {
      await as(who);
      await tap(card(TITLE.signIn), BUTTON.signIn);
    }
    await expect.poll(() => card(TITLE.signIn).textContent()).toContain('实到 5');

    // Show of hands on the first item: the chair speaks last, so his early tap is refused.
    await as(P.chair);
    await tap(card(TITLE.chairing), BUTTON.vote, 0);
    const vote = card(TITLE.vote);
    await vote.waitFor();
    expect((await tap(vote, BUTTON.yes))?.type).toBe('error');
    for (const who of [P.vice, P.m1, P.m3, P.m4]) {
      await as(who);
      await tap(card(TITLE.vote), BUTTON.yes);
    }
    await as(P.chair);
    await tap(card(TITLE.vote), BUTTON.yes);
    await tap(card(TITLE.vote), BUTTON.closeVote);
    const hands = card(TITLE.voteResult, '关于机关作风建设的议题');
    await hands.waitFor();
    expect(await hands.locator('.card-title .text-tag').textContent()).toBe('通过');
    expect(await hands.textContent()).toContain('赞成 5 票');

    // Secret ballot on the second item, cast in each voter's private chat behind a confirm.
    await tap(card(TITLE.chairing), BUTTON.vote, 0);
    await card(TITLE.voteProgress).waitFor();
    for (const [i, who] of present.entries()) {
      await as(who, 'private');
      const ballot = card(TITLE.secretVote);
      await ballot.waitFor();
      if (i === 0) {
        await ballot.getByRole('button', { name: BUTTON.yes, exact: true }).click();
        await expect.poll(() => page.locator('#confirm').isVisible()).toBe(true);
        await shot('secret-ballot.png', ballot);
        await page.click('#confirm-cancel');
      }
      await tap(ballot, i === 1 ? BUTTON.no : BUTTON.yes);
      await expect.poll(() => card(TITLE.secretVote).textContent()).toContain('已投票');
      expect(await card(TITLE.secretVote).getByRole('button').count()).toBe(0);
    }
    await as(P.chair);
    await expect.poll(() => card(TITLE.voteProgress).textContent()).toContain('已投 5 / 5');
    await tap(card(TITLE.voteProgress), BUTTON.closeVote);
    const secret = card(TITLE.voteResult, '关于干部任免的议题');
    await secret.waitFor();
    expect(await secret.locator('.card-title .text-tag').textContent()).toBe('通过');
    await expect.poll(() => secret.textContent()).toContain('赞成 4 票');
    await shot('result.png', secret);

    // The clerk assigns the decision as a task, with the command menu and the @-mention picker.
    await as(P.clerk);
    await page.click('#commands-button');
    await page.locator('#commands-menu button', { hasText: '/督办' }).click();
    expect(await page.inputValue('#input')).toBe('/督办 事项 ');
    await page.fill('#input', '/督办 落实作风建设 ');
    await page.click('#mention-button');
    await page.locator('#mention-menu button', { hasText: '张明' }).click();
    await page.keyboard.type(dueDay());
    expect(await page.inputValue('#input')).toBe(`/督办 落实作风建设 @张明 ${dueDay()}`);
    const posted = page.waitForResponse((r) => r.url().endsWith('/chat/api/message'));
    await page.press('#input', 'Enter');
    expect((await posted).status()).toBe(200);
    const task = card(TITLE.task);
    await task.waitFor();
    await expect.poll(() => task.textContent()).toContain('张明');
    await expect.poll(() => task.textContent()).toContain('落实作风建设');

    // General leave on its form, in a private chat: a required field left empty is caught in the
    // page; the date pickers' values reach the bot in Feishu's form_value format and it takes them.
    await as(P.m3, 'private');
    await say('/请假');
    const form = card(TITLE.generalLeave);
    await form.waitFor();
    const G = FORM_FIELDS.generalLeave;
    await form.locator(`[name="${G.start}"]`).fill(dayAhead(15));
    await form.locator(`[name="${G.end}"]`).fill(dayAhead(16));
    await form.locator(`[name="${G.kind}"]`).selectOption({ index: 1 });
    const taps = sandbox.standIn.cardActions().length;
    await form.getByRole('button', { name: BUTTON.submitApplication, exact: true }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('请填写必填项');
    expect(sandbox.standIn.cardActions()).toHaveLength(taps);
    await form.locator(`[name="${G.reason}"]`).fill('家中有事');
    const applied = await tap(form, BUTTON.submitApplication);
    expect(applied?.type).toBe('success');
    expect(sandbox.standIn.cardActions().at(-1)?.status).toBe(200);

    // 重置演示 (after its confirm) brings the demo back as chosen: blank, the setup card alone.
    await as(P.clerk);
    const again = page.waitForResponse((r) => r.url().endsWith('/chat/api/reset'));
    await page.click('#reset');
    await page.click('#confirm-ok');
    expect((await again).status()).toBe(200);
    await expect.poll(() => page.locator('#messages .message').count()).toBe(1);
    await card(TITLE.setup).waitFor();
  }, 120_000);
});
