import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEmulationOptions } from '../../src/api/graph/directory/index.js';
import type { NewAccount } from '../../src/directory/types.js';
import { startGraphTarget, type GraphTarget } from '../support/graph-target.js';

const PEOPLE = 120;

const people = (): NewAccount[] =>
  Array.from({ length: PEOPLE }, (_, i) => ({
    userPrincipalName: `s${i}@faults.example.edu`,
    displayName: `Student ${i}`,
    password: 'Correct-Horse-7',
    forceChangePasswordNextSignIn: true,
    anchor: `User_${i}`,
    usageLocation: 'US',
    ageGroup: 'minor',
  }));

/** Creates, updates half, licenses a third: what an engine run writes. Returns every per-item failure and the retries. */
async function provision(target: GraphTarget): Promise<{ failures: string[]; retried: number }> {
  await target.service.addSku({ skuPartNumber: 'STUDENT', seats: PEOPLE });
  // Generous write limits: this test is about faults, not pacing (see write-budget.test.ts and the benchmark).
  const limits = {
    perAppTenant: { writes: 100_000, windowSeconds: 1 },
    perTenant: { writes: 100_000, windowSeconds: 1 },
  };
  const dir = target.directory({ maxAttempts: 40, backoffMs: 5, concurrency: 4, limits });
  const failures: string[] = [];
  const note = (what: string) => (r: { ok: boolean; error?: { code: string } }, i: number) => {
    if (!r.ok) failures.push(`${what} ${i}: ${r.error?.code}`);
  };
  const created = await dir.createAccounts(people());
  created.forEach(note('create'));
  const ids = created.flatMap((r) => (r.ok ? [r.value.id] : []));
  (await dir.updateAccounts(ids.filter((_, i) => i % 2 === 0).map((id) => ({ id, changes: { grade: '05' } })))).forEach(
    note('update'),
  );
  (await dir.assignLicenses(ids.filter((_, i) => i % 3 === 0).map((id) => ({ id, skus: ['STUDENT'] })))).forEach(
    note('licence'),
  );
  return { failures, retried: dir.stats.throttled + dir.stats.faults };
}

/** The directory as an administrator sees it, without ids and timestamps. */
async function state(target: GraphTarget) {
  const { accounts } = await target.service.list({ offset: 0, limit: 10_000, orderBy: [] });
  const parts = new Map((await target.service.subscribedSkus()).map((s) => [s.skuId, s.skuPartNumber]));
  return accounts
    .map((a) => ({
      upn: a.userPrincipalName,
      anchor: a.anchor,
      grade: a.grade,
      licences: a.assignedLicenses.map((l) => parts.get(l.skuId)),
      ageGroup: a.ageGroup,
    }))
    .sort((x, y) => x.upn.localeCompare(y.upn));
}

async function runAgainst(emulation?: GraphEmulationOptions) {
  const target = await startGraphTarget({ emulation });
  try {
    const { failures, retried } = await provision(target);
    const seats = (await target.service.subscribedSkus())[0].consumedUnits;
    return { failures, retried, state: await state(target), seats };
  } finally {
    await target.close();
  }
}

test('with 20 % injected 429/503/504 faults the graph adapter ends in the same directory state as a clean run', async () => {
  const clean = await runAgainst();
  assert.deepEqual(clean.failures, []);
  assert.equal(clean.state.length, PEOPLE);
  const faulty = await runAgainst({ faultRate: 0.2, faultRetryAfterSeconds: 0 });
  assert.equal(clean.retried, 0, 'a clean run retries nothing');
  assert.ok(faulty.retried > 0, 'faults were injected and retried');
  assert.deepEqual(faulty.failures, [], 'no failed writes: every fault was retried or reconciled');
  assert.equal(faulty.state.length, PEOPLE, 'no duplicate and no missing account');
  assert.equal(new Set(faulty.state.map((s) => s.anchor)).size, PEOPLE, 'one account per anchor');
  assert.deepEqual(faulty.state, clean.state);
  assert.equal(faulty.seats, clean.seats, 'retried licence assignments took no extra seat');
});
