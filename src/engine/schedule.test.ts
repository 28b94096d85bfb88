import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunService } from './run-service.js';
import { scheduleRuns } from './schedule.js';

/** A stand-in with the two members scheduleRuns uses; it records starts and can be "busy". */
function fakeRuns(busy: () => boolean) {
  const starts: number[] = [];
  const runs = {
    get running() {
      return busy();
    },
    start: async () => {
      starts.push(Date.now());
      return { id: `run-${starts.length}`, done: Promise.resolve({}) };
    },
  } as unknown as RunService;
  return { runs, starts };
}

const quiet = { info: () => undefined, error: () => undefined };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduleRuns', () => {
  it('starts a run every interval until stopped', async () => {
    const { runs, starts } = fakeRuns(() => false);
    const stop = scheduleRuns(runs, 0.05 / 3600, quiet); // every 50 ms
    await wait(180);
    stop();
    const seen = starts.length;
    assert.ok(seen >= 2 && seen <= 4, `${seen} runs in 180 ms`);
    await wait(120);
    assert.equal(starts.length, seen, 'no run after stop');
  });

  it('skips a tick while a run is still going, and does nothing with hours 0', async () => {
    const busy = fakeRuns(() => true);
    const stopBusy = scheduleRuns(busy.runs, 0.03 / 3600, quiet);
    const off = fakeRuns(() => false);
    const stopOff = scheduleRuns(off.runs, 0, quiet);
    await wait(120);
    stopBusy();
    stopOff();
    assert.equal(busy.starts.length, 0);
    assert.equal(off.starts.length, 0);
  });
});
