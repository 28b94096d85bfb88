import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowedRate,
  GRAPH_WRITE_LIMITS,
  parseLimits,
  scaleLimits,
  WriteBudget,
  type WriteLimits,
} from './write-budget.js';

/** Drives a budget on a simulated clock; returns the time of every write taken. */
async function simulate(limits: WriteLimits, writes: number, batch = 20): Promise<number[]> {
  let now = 0;
  const budget = new WriteBudget({
    limits,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const times: number[] = [];
  while (times.length < writes) {
    const n = Math.min(batch, writes - times.length);
    await budget.take(n);
    for (let i = 0; i < n; i++) times.push(now);
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

test("Graph's limits: never more than 3,000 writes in any 150 s, and at least 95 % of the allowed rate", async () => {
  const times = await simulate(GRAPH_WRITE_LIMITS, 20_000);
  assert.ok(maxInWindow(times, 150_000) <= 3000, `max in a window: ${maxInWindow(times, 150_000)}`);
  assert.ok(maxInWindow(times, 300_000) <= 18_000);
  const rate = times.length / (times.at(-1)! / 1000);
  assert.ok(rate / allowedRate(GRAPH_WRITE_LIMITS) >= 0.95, `rate ${rate.toFixed(2)}/s`);
});

test('scaled limits (300 / 15 s) hold the same way, at over 90 % of the rate', async () => {
  const limits = scaleLimits(GRAPH_WRITE_LIMITS, 10);
  assert.deepEqual(limits.perAppTenant, { writes: 300, windowSeconds: 15 });
  const times = await simulate(limits, 3000);
  assert.ok(maxInWindow(times, 15_000) <= 300);
  assert.ok(times.length / (times.at(-1)! / 1000) / allowedRate(limits) >= 0.9);
});

test('a tiny limit still makes progress and still holds', async () => {
  const limits = { perAppTenant: { writes: 5, windowSeconds: 1 }, perTenant: { writes: 100, windowSeconds: 1 } };
  const times = await simulate(limits, 40, 1);
  assert.ok(maxInWindow(times, 1000) <= 5);
});

test('after a quiet spell the budget catches up in one burst, and the window still holds', async () => {
  let now = 0;
  const budget = new WriteBudget({ now: () => now, sleep: async (ms) => void (now += ms) });
  // The defaults docs/directory-targets.md states: a burst of 10 % of 2,970 usable writes, paced at 2,970 / 150 s.
  assert.equal(budget.maxTake, 297);
  assert.ok(Math.abs(budget.rate - 19.8) < 1e-9, `rate ${budget.rate}`);
  const times: number[] = [];
  const take = async (n: number) => {
    await budget.take(n);
    for (let i = 0; i < n; i++) times.push(now);
  };
  for (let i = 0; i < 50; i++) await take(20); // steady
  const before = now;
  now += 10_000; // reading accounts back, say
  await take(150);
  assert.ok(now - before - 10_000 < 100, 'the writes a 10 s pause saved up go out at once');
  for (let i = 0; i < 500; i++) await take(20);
  assert.ok(maxInWindow(times, 150_000) <= 3000);
});

test('pause holds every write back', async () => {
  let now = 0;
  const budget = new WriteBudget({ now: () => now, sleep: async (ms) => void (now += ms) });
  budget.pause(2000);
  await budget.take(1);
  assert.ok(now >= 2000);
});

test('parseLimits', () => {
  assert.deepEqual(parseLimits('300/15'), {
    perAppTenant: { writes: 300, windowSeconds: 15 },
    perTenant: GRAPH_WRITE_LIMITS.perTenant,
  });
  assert.deepEqual(parseLimits('10/1, 20/2s').perTenant, { writes: 20, windowSeconds: 2 });
  assert.throws(() => parseLimits('fast'), /not a write limit/);
  assert.throws(() => parseLimits('0/10'), /not a write limit/);
});
