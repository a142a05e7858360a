/**
 * The stand-in's chat history across a restart: what historyOf writes, restoreHistory reads back
 * whole (messages in order with their latest content and any extra field, urgents, files' bytes);
 * the file keepHistory keeps is owner-only, and a damaged one costs the old chat and nothing else.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HISTORY_FILE, keepHistory } from '../../sandbox/history-file.js';
import { historyOf, HistorySchema, restoreHistory } from '../../sandbox/open-api/history.js';
import { startStandIn } from '../../sandbox/open-api/index.js';
import { StandInState } from '../../sandbox/open-api/state.js';
import { memoryLogger } from '../../src/log.js';

const folders: string[] = [];
afterAll(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

function filled(): StandInState {
  const state = new StandInState();
  state.record({ messageId: 'om_user', chatId: 'oc_1', msgType: 'text', content: { text: '/议题列表' }, at: 1, sender: 'user', senderOpenId: 'ou_a', ...{ mentions: [{ openId: 'ou_bot', name: '议事' }] } });
  state.record({ messageId: 'om_card', chatId: 'oc_1', msgType: 'interactive', content: { schema: '2.0', header: { title: { content: '议题待确认' } } }, at: 2, sender: 'app', parentId: 'om_user' });
  state.record({ messageId: 'om_private', openId: 'ou_a', msgType: 'text', content: { text: '私聊' }, at: 3, sender: 'app' });
  state.urgents.push({ messageId: 'om_card', userIds: ['ou_a'], invalidUserIds: [], at: 4 });
  state.files.set('file_1', { fileKey: 'file_1', fileType: 'stream', fileName: '会议纪要.docx', bytes: Buffer.from([0, 1, 2, 250, 255]), at: 5 });
  return state;
}

describe('historyOf / restoreHistory', () => {
  it('brings back every message in order (the app\'s as its own list), extra fields, urgents and file bytes, through JSON', () => {
    const before = filled();
    const after = new StandInState();
    after.record({ messageId: 'om_stale', chatId: 'oc_9', msgType: 'text', content: { text: '旧的' }, at: 0, sender: 'app' });
    restoreHistory(after, HistorySchema.parse(JSON.parse(JSON.stringify(historyOf(before)))));
    expect([...after.messages.values()]).toEqual([...before.messages.values()]);
    expect(after.messageOrder.map((m) => m.messageId)).toEqual(['om_card', 'om_private']);
    expect(after.messages.get('om_user')).toMatchObject({ mentions: [{ openId: 'ou_bot', name: '议事' }] });
    expect(after.urgents).toEqual(before.urgents);
    expect(after.files.get('file_1')?.bytes.equals(Buffer.from([0, 1, 2, 250, 255]))).toBe(true);
    expect(after.messages.has('om_stale')).toBe(false);
  });
});

describe('keepHistory', () => {
  const standIn = () => startStandIn({ appId: 'cli_0123456789abcdef', appSecret: 's', verificationToken: 'v' });

  it('writes an owner-only file on close that a new stand-in starts from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-history-'));
    folders.push(dir);
    const first = await standIn();
    first.restoreHistory(historyOf(filled()));
    // A fresh keeper on a changed stand-in writes only on a change: push one more message.
    const kept = keepHistory(first, dir, memoryLogger());
    first.addChat('oc_1', ['ou_a']);
    first.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: '再来一条' }, { retry: false });
    await kept.close();
    await first.close();
    expect(statSync(join(dir, HISTORY_FILE)).mode & 0o077).toBe(0);
    const second = await standIn();
    const again = keepHistory(second, dir, memoryLogger());
    expect(second.messages().map((m) => m.messageId)).toEqual(['om_card', 'om_private']);
    expect(second.message('om_user')?.content).toEqual({ text: '/议题列表' });
    expect(second.file('file_1')?.fileName).toBe('会议纪要.docx');
    await again.close();
    await second.close();
  });

  it('starts with an empty chat, and says so, when the file is damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-history-'));
    folders.push(dir);
    writeFileSync(join(dir, HISTORY_FILE), '{"version":1,"messages":[{"messageId":');
    const log = memoryLogger();
    const s = await standIn();
    const kept = keepHistory(s, dir, log);
    expect(s.messages()).toEqual([]);
    expect(log.lines.join('\n')).toContain('not readable');
    await kept.close();
    await s.close();
    expect(readFileSync(join(dir, HISTORY_FILE), 'utf8')).toContain('{"version":1,"messages":[{"messageId":');
  });
});
