/**
 * The long-connection side (LARK_MODE=ws): `POST /callback/ws/endpoint` hands out a ws:// URL on
 * the same server, where the stand-in speaks node-sdk's pbbp2 frames — using the SDK's own protobuf
 * codec, which registers itself in protobufjs' default root when the SDK is loaded.
 */
import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { newId } from './state.js';
import type { Transport, TransportResult } from './transport.js';

interface FrameHeader {
  key: string;
  value: string;
}
export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: FrameHeader[];
  payload?: Uint8Array;
}
interface FrameCodec {
  encode(frame: Frame): { finish(): Uint8Array };
  decode(bytes: Uint8Array): Frame;
}

const require = createRequire(import.meta.url);
require('@larksuiteoapi/node-sdk');
const sdkRequire = createRequire(require.resolve('@larksuiteoapi/node-sdk'));
const protobuf = sdkRequire('protobufjs/minimal') as { roots: Record<string, { pbbp2?: { Frame: FrameCodec } }> };
const codec = protobuf.roots.default?.pbbp2?.Frame;
if (!codec) throw new Error('node-sdk pbbp2 codec not found in protobufjs default root');
/** The SDK's pbbp2.Frame codec. */
export const frameCodec: FrameCodec = codec;

const controlMethod = 0;
const dataMethod = 1;
const serviceId = 1;

export interface WsClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

export interface AckRecord {
  messageId: string;
  frameType: 'event' | 'card';
  code: number | 'timeout' | 'no-connection';
  latencyMs: number;
}

const header = (frame: Frame, key: string): string | undefined => frame.headers.find((h) => h.key === key)?.value;

export class WsHub {
  readonly acks: AckRecord[] = [];
  pings = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, (frame: Frame) => void>();

  constructor(
    private readonly app: { appId: string; appSecret: string },
    readonly clientConfig: WsClientConfig,
  ) {}

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!(req.url ?? '').startsWith('/ws')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  /** The endpoint answer; wrong credentials → 514 (node-sdk treats it as fatal, as with Feishu). */
  endpoint(body: Record<string, unknown>, port: number): Record<string, unknown> {
    if (body.AppID !== this.app.appId || body.AppSecret !== this.app.appSecret) return { code: 514, msg: 'auth failed' };
    const url = `ws://127.0.0.1:${port}/ws?device_id=${newId('d', 6)}&service_id=${serviceId}`;
    return { code: 0, msg: 'ok', data: { URL: url, ClientConfig: this.clientConfig } };
  }

  get connections(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Drops every connection (the SDK then reconnects on its schedule). */
  dropAll(): void {
    for (const s of this.sockets) s.terminate();
  }

  close(): void {
    this.dropAll();
    this.wss.close();
  }

  transport(timeoutMs: () => number): Transport {
    return (plaintext, _forge, frameType) => this.send(plaintext, frameType, timeoutMs());
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data: Buffer) => {
      const frame = frameCodec.decode(new Uint8Array(data));
      if (frame.method === controlMethod && header(frame, 'type') === 'ping') {
        this.pings += 1;
        this.write(ws, { SeqID: 0, LogID: 0, service: frame.service, method: controlMethod, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify(this.clientConfig)) });
      } else if (frame.method === dataMethod) {
        const id = header(frame, 'message_id') ?? '';
        this.pending.get(id)?.(frame);
      }
    });
  }

  private write(ws: WebSocket, frame: Frame): void {
    ws.send(frameCodec.encode(frame).finish());
  }

  /** One data frame to one connection (Feishu's cluster mode: a random one); resolves with the ACK. */
  private send(plaintext: string, frameType: 'event' | 'card', timeoutMs: number): Promise<TransportResult> {
    const open = [...this.sockets].filter((s) => s.readyState === s.OPEN);
    const ws = open[Math.floor(Math.random() * open.length)];
    const messageId = newId('msg_', 8);
    if (!ws) {
      this.acks.push({ messageId, frameType, code: 'no-connection', latencyMs: 0 });
      return Promise.resolve({ status: 'error', latencyMs: 0 });
    }
    const started = performance.now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        this.acks.push({ messageId, frameType, code: 'timeout', latencyMs: performance.now() - started });
        resolve({ status: 'timeout', latencyMs: performance.now() - started });
      }, timeoutMs);
      this.pending.set(messageId, (ack) => {
        clearTimeout(timer);
        this.pending.delete(messageId);
        const latencyMs = performance.now() - started;
        const { code, body } = decodeAck(ack);
        this.acks.push({ messageId, frameType, code, latencyMs });
        resolve({ status: code, body, latencyMs });
      });
      const headers = [
        { key: 'type', value: frameType },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: '1' },
        { key: 'seq', value: '0' },
        { key: 'trace_id', value: newId('', 8) },
      ];
      this.write(ws, { SeqID: 0, LogID: 0, service: serviceId, method: dataMethod, headers, payload: Buffer.from(plaintext, 'utf8') });
    });
  }
}

/** ACK payload: `{code, data?: base64(JSON(handler return))}`. */
function decodeAck(frame: Frame): { code: number; body?: unknown } {
  try {
    const parsed = JSON.parse(Buffer.from(frame.payload ?? new Uint8Array()).toString('utf8')) as { code?: unknown; data?: unknown };
    const code = typeof parsed.code === 'number' ? parsed.code : 0;
    const body = typeof parsed.data === 'string' ? (JSON.parse(Buffer.from(parsed.data, 'base64').toString('utf8')) as unknown) : undefined;
    return { code, body };
  } catch {
    return { code: 0 };
  }
}
