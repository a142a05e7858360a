/** Shared set-up for the stand-in's own tests: a stand-in and a real node-sdk client pointed at it. */
import * as lark from '@larksuiteoapi/node-sdk';
import { memoryTokenCache, startStandIn } from '../../sandbox/open-api/index.js';
import type { StandIn, StandInOptions } from '../../sandbox/open-api/index.js';

export const app = {
  appId: 'cli_0123456789abcdef',
  appSecret: 'stand-in-secret',
  encryptKey: 'stand-in-encrypt-key',
  verificationToken: 'stand-in-verification-token',
};

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };

export async function standInWithClient(extra: Partial<StandInOptions> = {}): Promise<{ standIn: StandIn; client: lark.Client }> {
  const standIn = await startStandIn({ ...app, ...extra });
  // A private cache per client: the SDK's default token cache is shared by every client in the process.
  const cache = memoryTokenCache();
  const client = new lark.Client({ appId: app.appId, appSecret: app.appSecret, domain: standIn.url, logger: silent, cache });
  return { standIn, client };
}

/** The Feishu error a rejected SDK call carries (the SDK throws AxiosError on HTTP 4xx/5xx). */
export async function feishuError(call: Promise<unknown>): Promise<{ status: number; code: number; msg: string; headers: Record<string, string> }> {
  try {
    await call;
  } catch (e) {
    const r = (e as { response?: { status: number; data: { code: number; msg: string }; headers: Record<string, string> } }).response;
    if (r) return { status: r.status, code: r.data.code, msg: r.data.msg, headers: r.headers };
    throw e;
  }
  throw new Error('expected the call to fail');
}

export const card = (text: string): Record<string, unknown> => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: '会议通知' }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: text }] },
});
