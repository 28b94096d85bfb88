import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The writer's own automatic checkpoint stays on as a backstop, at this many pages (40 MB with 4 KiB pages). */
export const BACKSTOP_PAGES = 10_000;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Starts checkpointing a SQLite file store's WAL on a worker thread (see wal-checkpoint-worker.js): SQLite otherwise
 * checkpoints inside whichever commit crosses 1000 pages, which is the writer's own time. The worker does not keep
 * the process alive; `stop` ends it before the store closes.
 */
export function startWalCheckpointer(file: string, opts: { intervalMs?: number; minWalBytes?: number } = {}) {
  const worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), {
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      intervalMs: opts.intervalMs ?? 100,
      minWalBytes: opts.minWalBytes ?? 4 * 1024 * 1024,
    },
  });
  worker.unref();
  let stopped: Promise<void> | null = null;
  return {
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.once('error', () => resolve());
        worker.ref(); // waiting for the thread to end must keep the process alive
        worker.postMessage('stop');
      });
      return stopped;
    },
  } satisfies WalCheckpointer;
}
