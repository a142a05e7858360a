/** src/scheduler/shutdown.ts: closes workers, then queues, then connections, once. */
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import { createShutdown } from '../../src/scheduler/shutdown.js';

describe('graceful shutdown', () => {
  it('closes stage by stage, keeps going past a failure, and runs only once', async () => {
    const log = memoryLogger();
    const shutdown = createShutdown(log);
    const order: string[] = [];
    const closing = (name: string, ms: number, fail = false) => ({
      close: async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        order.push(name);
        if (fail) throw new Error('boom');
      },
    });
    shutdown.add('connections', 'redis', closing('redis', 0));
    shutdown.add('queues', 'outbox-queue', closing('queue', 0, true));
    shutdown.add('workers', 'outbox-worker', closing('worker-slow', 30));
    shutdown.add('workers', 'inbound-worker', closing('worker-fast', 1));
    await Promise.all([shutdown.run(), shutdown.run()]);
    expect(order).toEqual(['worker-fast', 'worker-slow', 'queue', 'redis']);
    expect(log.lines.filter((l) => l.includes('close failed'))).toHaveLength(1);
  });

  it('runs on a signal and then exits with code 0', async () => {
    const shutdown = createShutdown(memoryLogger());
    let closed = false;
    shutdown.add('workers', 'w', { close: () => { closed = true; return Promise.resolve(); } });
    const exited = new Promise<number>((resolve) => {
      const uninstall = shutdown.onSignals(['SIGUSR2'], (code) => { uninstall(); resolve(code); });
    });
    process.kill(process.pid, 'SIGUSR2');
    expect(await exited).toBe(0);
    expect(closed).toBe(true);
  });
});
