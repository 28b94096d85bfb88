import type { Logger } from 'pino';
import type { RunService } from './run-service.js';

/**
 * Starts a run every `hours` (SDS runs twice a day), skipping a tick while a run is still going.
 * Returns a function that stops the schedule.
 */
export function scheduleRuns(runs: RunService, hours: number, log: Pick<Logger, 'info' | 'error'>): () => void {
  if (hours <= 0) return () => undefined;
  const timer = setInterval(() => {
    if (runs.running) return;
    runs
      .start()
      .then(({ id, done }) => {
        log.info({ runId: id }, 'scheduled run started');
        return done;
      })
      .catch((err: unknown) => log.error({ err }, 'scheduled run failed'));
  }, hours * 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
