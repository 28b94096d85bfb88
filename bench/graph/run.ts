/**
 * Graph adapter under Microsoft Graph's write limits: N creates through GraphDirectory against a `rosterlink serve`
 * child process with `--emulate-throttling` (sliding-window write limits per app+tenant and per tenant, 429 +
 * Retry-After beyond them). Reports achieved writes/s ÷ allowed writes/s, failed writes and duplicate accounts.
 *
 *   node --import tsx bench/graph/run.ts [--count 20000] [--limits 3000/150,18000/300] [--scale 1]
 *        [--time-scale 1] [--batch 500] [--faults 0] [--record docs/benchmarks.md]
 *
 * --scale n divides each limit's writes and window by n (300/15 s at 10): the same writes/s, a shorter warm-up.
 * --time-scale n divides only the windows (3000/15 s at 10: ten times the rate), to test at higher rates quickly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { issueLocalToken } from '../../src/auth/local-tokens.js';
import {
  GraphDirectory,
  allowedRate,
  parseLimits,
  scaleLimits,
  type WriteLimits,
} from '../../src/directory/graph/index.js';
import type { NewAccount } from '../../src/directory/types.js';
import { openStore } from '../../src/store/database.js';
import { DirectoryUserRepository } from '../../src/store/repositories/directory-users.js';
import { recordSection } from './record.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    limits: { type: 'string', default: '3000/150,18000/300' },
    scale: { type: 'string', default: '1' },
    'time-scale': { type: 'string', default: '1' },
    batch: { type: 'string', default: '500' },
    faults: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '4' },
    record: { type: 'string' },
  },
});

const count = Number(args.count);
const timeScale = Number(args['time-scale']);
const scaled = scaleLimits(parseLimits(args.limits), Number(args.scale));
const limits: WriteLimits = {
  perAppTenant: { ...scaled.perAppTenant, windowSeconds: scaled.perAppTenant.windowSeconds / timeScale },
  perTenant: { ...scaled.perTenant, windowSeconds: scaled.perTenant.windowSeconds / timeScale },
};
const spec = (l: WriteLimits) =>
  `${l.perAppTenant.writes}/${l.perAppTenant.windowSeconds},${l.perTenant.writes}/${l.perTenant.windowSeconds}`;

async function startServer(db: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const argv = [
    'bin/rosterlink.js',
    'serve',
    '--port',
    '0',
    '--db',
    db,
    '--log-level',
    'fatal', // injected 503/504s would otherwise be logged as server errors
    '--schedule-hours',
    '0',
  ];
  argv.push('--emulate-throttling', spec(limits));
  if (Number(args.faults) > 0) argv.push('--inject-faults', args.faults);
  const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function people(n: number): NewAccount[] {
  return Array.from({ length: n }, (_, i) => ({
    userPrincipalName: `bench${i}@graph-bench.example.edu`,
    displayName: `Bench Student ${i}`,
    password: 'Correct-Horse-7',
    forceChangePasswordNextSignIn: true,
    anchor: `User_bench_${i}`,
    usageLocation: 'US',
    ageGroup: 'minor',
  }));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-graph-bench-'));
  const db = `sqlite:${path.join(dir, 'rosterlink.db')}`;
  const store = await openStore(db);
  const token = await issueLocalToken(store, {
    permissions: ['User.ReadWrite.All'],
    app: true,
    expiresInSeconds: 24 * 3600,
  });
  await store.close();
  const server = await startServer(db);
  const directory = new GraphDirectory({
    baseUrl: server.url,
    tokens: async () => token,
    limits,
    concurrency: Number(args.concurrency),
    maxAttempts: 20,
  });
  const inputs = people(count);
  const batch = Number(args.batch);
  let ok = 0;
  const failures = new Map<string, number>();
  const started = Date.now();
  let lastLog = started;
  // Batches of 500, as the engine's apply step sends them.
  for (let i = 0; i < inputs.length; i += batch) {
    for (const r of await directory.createAccounts(inputs.slice(i, i + batch))) {
      if (r.ok) ok++;
      else failures.set(r.error.code, (failures.get(r.error.code) ?? 0) + 1);
    }
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      const s = (lastLog - started) / 1000;
      process.stderr.write(`  ${ok} created in ${s.toFixed(0)} s (${(ok / s).toFixed(2)}/s)\n`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await server.stop();

  const check = await openStore(db);
  const users = await new DirectoryUserRepository(check.db, check.traits).count();
  const dupes = await check.db
    .selectFrom('directory_users')
    .select('anchor_lower')
    .groupBy('anchor_lower')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  await check.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const allowed = allowedRate(limits);
  const achieved = ok / seconds;
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  const stats = directory.stats;
  const rows: [string, string][] = [
    ['creates requested', String(count)],
    ['write limits (per app+tenant, per tenant)', `${spec(limits)} (writes/seconds)`],
    ['allowed writes/s (tightest limit)', allowed.toFixed(2)],
    ['client write budget (writes/s)', directory.budget.rate.toFixed(2)],
    ['elapsed', `${seconds.toFixed(1)} s`],
    ['achieved writes/s', achieved.toFixed(2)],
    ['achieved ÷ allowed', (achieved / allowed).toFixed(3)],
    ['failed writes', failed === 0 ? '0' : `${failed} (${[...failures].map(([c, n]) => `${c} ${n}`).join(', ')})`],
    ['accounts in the directory', String(users)],
    ['duplicate accounts (same anchor)', String(dupes.length)],
    ['$batch envelopes / sub-requests', `${stats.envelopes} / ${stats.requests}`],
    ['retried: 429 / faults', `${stats.throttled} / ${stats.faults}`],
  ];
  const table = ['| Measure | Value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  process.stdout.write(`\n${table}\n`);
  if (args.record) {
    const label = `${count} creates, limits ${spec(limits)}${Number(args.faults) > 0 ? `, ${args.faults} faults` : ''}`;
    recordSection(path.resolve(ROOT, args.record), label, table);
    process.stdout.write(`\nrecorded in ${args.record}\n`);
  }
  if (failed > 0 || dupes.length > 0 || users !== count) process.exitCode = 1;
}

await main();
