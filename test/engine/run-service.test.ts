import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RUNS, SOURCE_SYSTEMS } from '../../src/configuration/entity-sets.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { configure, load, sourceSystemBody, type Configured } from '../support/engine.js';

describe('RunService', () => {
  let dir: string;
  let runtime: Runtime;
  let setup: Configured;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-runs-'));
    await generateDistrict({ persons: 60, out: dir, format: 'sds-v2.1', seed: 11 });
    runtime = await openRuntime('sqlite::memory:');
    // No matching rules yet: the flow is not ready.
    setup = await configure(runtime, { sourceSystem: { displayName: 'SIS without rules' } });
    await load(runtime, setup.inbound, dir);
  });
  after(async () => {
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a dry run of a flow that is not ready plans nothing, as a real run would do nothing', async () => {
    assert.deepEqual(await runtime.runs.plan(), []);
    const { id, done } = await runtime.runs.start();
    const summary = await done;
    assert.equal(summary.writes, 0);
    const run = await runtime.config.get(RUNS, id);
    const outbound = (run.data._statistics as { activityStatistics: { status: string }[] }).activityStatistics.at(-1);
    assert.equal(outbound?.status, 'skipped');
    await runtime.config.update(SOURCE_SYSTEMS, setup.sourceSystem.id, sourceSystemBody());
    assert.equal(
      (await runtime.runs.plan()).filter((r) => r.decision === 'create').length,
      60,
      'ready now: plans everyone',
    );
  });

  it('two starts at the same moment: the second is refused, only one run exists', async () => {
    const before = (await runtime.config.list(RUNS)).length;
    const [first, second] = await Promise.allSettled([runtime.runs.start(), runtime.runs.start()]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'rejected');
    assert.match(String((second as PromiseRejectedResult).reason), /already in progress/);
    await (first as PromiseFulfilledResult<{ done: Promise<unknown> }>).value.done;
    assert.equal((await runtime.config.list(RUNS)).length, before + 1);
  });
});
