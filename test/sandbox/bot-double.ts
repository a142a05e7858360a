/**
 * Minimal bots for the driver's tests: one built on node-sdk's own EventDispatcher (so the SDK is
 * the judge of our encryption and signatures), one that records raw pushes and answers as told.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import { decryptField } from '../../sandbox/open-api/crypto.js';
import { app } from './helpers.js';

export interface BotDouble {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<BotDouble> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/lark/event`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };

export function sdkDispatcher(handles: Record<string, (data: unknown) => unknown>): lark.EventDispatcher {
  return new lark.EventDispatcher({ encryptKey: app.encryptKey, verificationToken: app.verificationToken, logger: silent }).register(handles);
}

/** A bot whose HTTP handling is node-sdk's `adaptDefault` over an EventDispatcher. */
export function sdkBot(dispatcher: lark.EventDispatcher): Promise<BotDouble> {
  const handle = lark.adaptDefault('/lark/event', dispatcher, { autoChallenge: true });
  return listen(createServer((req, res) => void handle(req, res)));
}

export interface RawPush {
  headers: IncomingHttpHeaders;
  raw: string;
  /** Decrypted (or plain) envelope. */
  plain: Record<string, unknown>;
  at: number;
}

export type Answer = { status: number; body?: unknown; delayMs?: number };

/** A bot that records every push and answers with `answer(n)` for the n-th push (0-based). */
export async function rawBot(answer: (n: number, push: RawPush) => Answer): Promise<BotDouble & { pushes: RawPush[] }> {
  const pushes: RawPush[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const outer = JSON.parse(raw) as { encrypt?: string };
      const plain = JSON.parse(outer.encrypt !== undefined ? decryptField(app.encryptKey, outer.encrypt) : raw) as Record<string, unknown>;
      const push: RawPush = { headers: req.headers, raw, plain, at: performance.now() };
      pushes.push(push);
      const a = answer(pushes.length - 1, push);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(a.body === undefined ? '' : JSON.stringify(a.body));
      }, a.delayMs ?? 0);
    });
  });
  return Object.assign(await listen(server), { pushes });
}
