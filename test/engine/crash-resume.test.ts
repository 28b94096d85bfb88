import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openStore, type Store } from '../../src/store/database.js';
import { BIN, REPO_ROOT, runCli } from '../support/cli.js';
import { STAFF_SKU, STUDENT_SKU, sourceSystemBody, userFlowBody } from '../support/engine.js';
import { PG_BASE, storeVariants } from '../support/stores.js';

/**
 * `rosterlink run` killed with SIGKILL while it writes accounts, then run again: the second process finishes the
 * interrupted run (recover) and every person ends up linked to exactly one account, with its licence, and nothing
 * is created twice.
 */
const PERSONS = 3000;
let root: string;
let data: string;
let setup: string;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-crash-'));
  data = path.join(root, 'district');
  await generateDistrict({ persons: PERSONS, out: data, format: 'sds-v2.1', seed: 17 });
  setup = path.join(root, 'setup.json');
  fs.writeFileSync(
    setup,
    JSON.stringify({
      sourceSystem: sourceSystemBody(),
      outboundProvisioningFlowSet: { displayName: 'District' },
      provisioningFlows: [userFlowBody()],
    }),
  );
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Counts rows of a table of the store under test, from outside the child process. */
type Counter = (table: 'directory_users' | 'apply_journal') => Promise<number>;

function sqliteCounter(file: string): { count: Counter; close: () => void } {
  let db: Database.Database | null = null;
  return {
    count: async (table) => {
      if (!db) {
        if (!fs.existsSync(file)) return 0;
        db = new Database(file, { readonly: true, fileMustExist: true });
        db.pragma('busy_timeout = 1000');
      }
      try {
        return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      } catch {
        return 0; // not migrated yet
      }
    },
    close: () => db?.close(),
  };
}

function postgresCounter(schema: string): { count: Counter; close: () => Promise<void> } {
  const client = new pg.Client({ connectionString: PG_BASE });
  const connected = client.connect();
  return {
    count: async (table) => {
      await connected;
      try {
        const res = await client.query<{ n: string }>(`select count(*) as n from "${schema}".${table}`);
        return Number(res.rows[0].n);
      } catch {
        return 0;
      }
    },
    close: () => client.end(),
  };
}

/** Spawns `rosterlink run` and SIGKILLs it once some, but not all, accounts exist. */
async function runAndKill(args: string[], env: NodeJS.ProcessEnv, count: Counter): Promise<number> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 120_000;
  while (exitCode === undefined && Date.now() < deadline) {
    const n = await count('directory_users');
    if (n > 0 && n < PERSONS) {
      child.kill('SIGKILL');
      await exited;
      return n;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill('SIGKILL');
  await exited;
  throw new Error(`the run was not caught mid-way (exit ${String(exitCode)}):\n${output}`);
}

async function checkStore(store: Store): Promise<void> {
  const db = store.db;
  const users = await db.selectFrom('directory_users').select(['id', 'upn_lower', 'anchor_lower']).execute();
  const links = await db.selectFrom('links').select(['sourced_id', 'account_id']).execute();
  assert.equal(users.length, PERSONS, 'one account per person');
  assert.equal(links.length, PERSONS, 'one link per person');
  assert.equal(new Set(users.map((u) => u.upn_lower)).size, PERSONS, 'no duplicate UPN');
  assert.equal(new Set(users.map((u) => u.anchor_lower)).size, PERSONS, 'no duplicate anchor');
  const ids = new Set(users.map((u) => u.id));
  assert.equal(new Set(links.map((l) => l.account_id)).size, PERSONS, 'no account linked twice');
  assert.ok(
    links.every((l) => ids.has(l.account_id)),
    'every link names an existing account',
  );
  const anchors = new Map(users.map((u) => [u.id, u.anchor_lower]));
  assert.ok(links.every((l) => anchors.get(l.account_id) === `user_${l.sourced_id}`.toLowerCase()));
  const failed = await db
    .selectFrom('run_results')
    .select(['sourced_id', 'outcome', 'error_code', 'error_message'])
    .where((eb) => eb.or([eb('outcome', '=', 'failed'), eb('error_code', 'is not', null)]))
    .execute();
  assert.deepEqual(failed, [], 'no failed rows (e.g. Conflict from creating an account again)');
  const runs = await db.selectFrom('documents').select('data').where('collection', '=', 'runs').execute();
  const statuses = runs.map((r) => (JSON.parse(String(r.data)) as { status: string }).status);
  assert.ok(statuses.length >= 2, 'the interrupted run and the next one');
  assert.ok(
    statuses.every((s) => s === 'completed'),
    `run statuses: ${statuses.join(', ')}`,
  );
  // Licences are part of creating an account: an interrupted creation still gets them.
  const licences = await db.selectFrom('directory_license_assignments').select(['user_id', 'sku_id']).execute();
  assert.equal(new Set(licences.map((l) => l.user_id)).size, PERSONS, 'every account licensed');
  const skus = await db.selectFrom('directory_skus').select(['sku_id', 'consumed_units']).execute();
  assert.equal(
    skus.reduce((n, s) => n + s.consumed_units, 0),
    PERSONS,
    'seats consumed once per account',
  );
  const journal = await db.selectFrom('apply_journal').select('sourced_id').execute();
  assert.deepEqual(journal, [], 'no creation left in flight');
}

for (const variant of storeVariants()) {
  describe(`rosterlink run killed while applying (${variant.name})`, () => {
    test('the next run finishes it: every person linked exactly once', { timeout: 300_000 }, async () => {
      const home = fs.mkdtempSync(path.join(root, `${variant.name}-`));
      const schema = `rl_test_crash_${process.pid}_${Date.now().toString(36)}`;
      const db = variant.name === 'sqlite' ? `sqlite:${path.join(home, 'r.db')}` : `${PG_BASE}?schema=${schema}`;
      const env = { ...process.env, ROSTERLINK_HOME: home };
      const counter = variant.name === 'sqlite' ? sqliteCounter(path.join(home, 'r.db')) : postgresCounter(schema);
      try {
        for (const [part, id] of [
          ['STAFF_A3', STAFF_SKU],
          ['STUDENT_A1', STUDENT_SKU],
        ]) {
          const added = await runCli(['directory', 'sku', 'add', part, '--seats', '5000', '--sku-id', id, '--db', db], {
            env,
          });
          assert.equal(added.code, 0, added.stderr);
        }
        const args = ['run', '--data', data, '--setup', setup, '--db', db, '--json'];
        const caught = await runAndKill(args, env, counter.count);
        assert.ok(caught > 0 && caught < PERSONS);

        const resumed = await runCli(args, { env });
        assert.equal(resumed.code, 0, resumed.stderr);
        const stats = JSON.parse(resumed.stdout.trim().split('\n')[0]) as {
          status: string;
          decisions: Record<string, number>;
        };
        // The interrupted run was finished first, so this one finds everything in place.
        assert.equal(stats.status, 'completed');
        assert.equal(stats.decisions.noop, PERSONS);
        const store = await openStore(db);
        try {
          await checkStore(store);
        } finally {
          await store.close();
        }
      } finally {
        await counter.close();
        if (variant.name === 'postgres') await variant.cleanup(db);
      }
    });
  });
}
