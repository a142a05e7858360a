/**
 * Graceful shutdown: on SIGTERM or SIGINT, close workers first (they finish
 * the job in hand, so nothing is left stalled to run twice), then queues and connections.
 */
import type { Logger } from '../log.js';
import type { Closable } from './queues.js';

export type ShutdownStage = 'workers' | 'queues' | 'connections';
const STAGES: readonly ShutdownStage[] = ['workers', 'queues', 'connections'];

export interface Shutdown {
  /** Registers something to close in a stage; stages run in order, members of a stage together. */
  add(stage: ShutdownStage, name: string, target: Closable): void;
  /** Closes everything once; later calls return the same promise. */
  run(): Promise<void>;
  /** Runs on the signals, then calls `exit` (process.exit by default); returns an uninstaller. */
  onSignals(signals?: readonly NodeJS.Signals[], exit?: (code: number) => void): () => void;
}

export function createShutdown(log: Logger): Shutdown {
  const members = new Map<ShutdownStage, { name: string; target: Closable }[]>(STAGES.map((stage) => [stage, []]));
  let running: Promise<void> | undefined;

  async function closeAll(): Promise<void> {
    for (const stage of STAGES) {
      const results = await Promise.allSettled((members.get(stage) ?? []).map(async ({ name, target }) => {
        try {
          await target.close();
        } catch (error) {
          log.error('close failed during shutdown', { stage, name, error: error instanceof Error ? error.name : 'unknown' });
          throw error;
        }
      }));
      log.info('shutdown stage closed', { stage, failed: results.filter((r) => r.status === 'rejected').length });
    }
  }

  const shutdown: Shutdown = {
    add(stage, name, target) {
      members.get(stage)?.push({ name, target });
    },
    run() {
      running ??= closeAll();
      return running;
    },
    onSignals(signals = ['SIGTERM', 'SIGINT'], exit = (code) => process.exit(code)) {
      const handler = (signal: NodeJS.Signals): void => {
        log.info('signal received: shutting down', { signal });
        shutdown.run().then(() => exit(0), () => exit(1));
      };
      for (const signal of signals) process.once(signal, handler);
      return () => { for (const signal of signals) process.off(signal, handler); };
    },
  };
  return shutdown;
}
