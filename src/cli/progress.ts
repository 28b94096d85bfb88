import cliProgress from 'cli-progress';
import pino from 'pino';
import type { EngineProgress } from '../engine/user-flow.js';

/**
 * Progress for long commands: a bar on a TTY (stderr), one pino line per step otherwise, nothing with --json
 * (stdout then carries only the JSON result).
 */
export interface Progress {
  start(label: string, total: number): void;
  update(value: number, detail?: string): void;
  stop(): void;
}

export function createProgress(opts: { json?: boolean } = {}): Progress {
  if (process.stderr.isTTY && !opts.json) {
    const bar = new cliProgress.SingleBar(
      {
        format: '{label} [{bar}] {percentage}% | {detail}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let running = false;
    return {
      start(label, total) {
        if (running) bar.stop();
        bar.start(Math.max(total, 1), 0, { label, detail: '' });
        running = true;
      },
      update: (value, detail = '') => bar.update(value, { detail }),
      stop() {
        if (running) bar.stop();
        running = false;
      },
    };
  }
  const log = pino({ level: opts.json ? 'silent' : 'info' }, process.stderr);
  let label = '';
  let last = 0;
  return {
    start(l, total) {
      label = l;
      log.info({ step: l, total }, `${l} started`);
    },
    update(value, detail) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      log.info({ step: label, value, detail }, `${label}: ${detail ?? value}`);
    },
    stop: () => log.info({ step: label }, `${label} done`),
  };
}

/** An engine progress listener that starts a bar per step (plan, create, update) and shows `done of total`. */
export function engineProgressListener(progress: Progress, unit = ''): (p: EngineProgress) => void {
  let step = '';
  return (p) => {
    if (p.step !== step) progress.start((step = p.step), p.total);
    progress.update(p.done, `${p.done.toLocaleString()} of ${p.total.toLocaleString()}${unit}`);
  };
}
