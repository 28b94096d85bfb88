import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { RESULT_COLUMNS } from '../../src/reports/results-export.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

/** The README tour's step 4: `run --dry-run`, `run`, then `plan` on the same store, with examples/setup.json. */
describe('rosterlink run and plan with examples/setup.json', () => {
  let dir: string;
  let db: string;
  const setup = path.join(REPO_ROOT, 'examples', 'setup.json');
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-run-plan-'));
    db = `sqlite:${path.join(dir, 'rosterlink.db')}`;
    await generateDistrict({ persons: 150, out: path.join(dir, 'roster'), format: 'sds-v2.1', seed: 3 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a dry run decides for everyone and writes nothing to the directory', async () => {
    const res = await runCli([
      'run',
      '--data',
      path.join(dir, 'roster'),
      '--setup',
      setup,
      '--db',
      db,
      '--dry-run',
      '--json',
      '--results',
      path.join(dir, 'plan.csv'),
    ]);
    assert.equal(res.code, 0, res.stderr);
    const out = JSON.parse(res.stdout) as { runId: null; decisions: Record<string, number> };
    assert.equal(out.runId, null);
    assert.equal(out.decisions.create, 150);
    const csv = fs.readFileSync(path.join(dir, 'plan.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], RESULT_COLUMNS.join(','));
    assert.equal(csv.length, 151);
    const accounts = await runCli(['directory', 'list', '--json', '--db', db]);
    assert.deepEqual(JSON.parse(accounts.stdout), [], 'no account was created by the dry run');
  });

  it('a run creates everyone; plan then finds nothing to do', async () => {
    const res = await runCli(['run', '--setup', setup, '--db', db, '--json']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal((JSON.parse(res.stdout) as { decisions: Record<string, number> }).decisions.create, 150);
    const plan = await runCli(['plan', '--json', '--db', db, '--results', path.join(dir, 'after.json')]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.deepEqual(JSON.parse(plan.stdout), {
      decisions: { create: 0, link: 0, update: 0, noop: 150, conflict: 0, skip: 0 },
    });
    const rows = JSON.parse(fs.readFileSync(path.join(dir, 'after.json'), 'utf8')) as {
      decision: string;
      accountId: string;
    }[];
    assert.equal(rows.length, 150);
    assert.ok(rows.every((r) => r.decision === 'noop' && r.accountId));
  });

  it('bad arguments exit 2 with a message', async () => {
    const missing = await runCli(['run', '--data', path.join(dir, 'nope'), '--db', db]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
    const badCountry = await runCli(['plan', '--usage-location', 'USA', '--db', db]);
    assert.equal(badCountry.code, 2);
    assert.match(badCountry.stderr, /two-letter country code/);
  });
});
