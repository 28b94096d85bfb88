/**
 * Provisioning-run benchmark: a generated district imported into a SQLite store and configured like a real
 * tenant (creation with default passwords, licences per role group, grade, age group and contacts), then the
 * initial run (creates every account in the embedded directory) and a re-run with nothing changed.
 * Each phase runs in its own child process, so peak RSS (getrusage maxRSS) belongs to that phase alone.
 *
 *   node --import tsx bench/run/run.ts [--persons 100000] [--cpu-prof] [--keep] [--store-dir /dev/shm]
 *     [--postgres postgres://postgres@127.0.0.1:5432/test]
 *
 * With --postgres the store is a fresh schema in that database instead of a SQLite file (dropped afterwards).
 *
 * The district is generated into bench/out/ once and reused; the store is rebuilt on every invocation.
 * --cpu-prof writes one .cpuprofile per run phase into bench/out/prof/. With ROSTERLINK_TRACE_PHASES=1 each run prints
 * its own phases (roster read, links and prepare, lookups, plan, apply, saving results) to stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PhaseResult as Measure } from './phases.js';

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    child: { type: 'string' },
    data: { type: 'string' },
    db: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    /** Where the store is built (default bench/out/); e.g. /dev/shm to take the disk out of the figures. */
    'store-dir': { type: 'string' },
    /** A PostgreSQL database URL: the store is a fresh schema in it, dropped at the end. */
    postgres: { type: 'string' },
  },
});

if (values.child !== undefined) {
  const { runPhase } = await import('./phases.js');
  const m = await runPhase(values.child, values.data!, values.db!);
  process.stdout.write(`\n${JSON.stringify(m)}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  const persons = Number(values.persons);
  const data = join(root, 'bench', 'out', `run-sds-v2.1-${persons}`);
  if (!existsSync(join(data, 'users.csv'))) {
    const { generateDistrict } = await import('../../src/inbound/generate/generate-district.js');
    await generateDistrict({ persons, out: data, format: 'sds-v2.1', seed: 1 });
  }
  const home = join(values['store-dir'] ?? join(root, 'bench', 'out'), `run-store-${persons}`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const schema = `rl_bench_${process.pid}`;
  const db = values.postgres ? `${values.postgres}?schema=${schema}` : `sqlite:${join(home, 'rosterlink.db')}`;
  console.log(`district: ${data} (${persons} persons)`);
  console.log(`store: ${values.postgres ? `PostgreSQL, schema ${schema}` : db}`);
  console.log(
    `node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? 'cpu'}, ` +
      `load average ${os.loadavg()[0].toFixed(1)}`,
  );
  const results: Measure[] = [];
  for (const phase of ['prepare', 'initial run', 'no-change re-run']) {
    const prof =
      values['cpu-prof'] && phase !== 'prepare'
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            join(root, 'bench', 'out', 'prof'),
            '--cpu-prof-name',
            `${phase.replace(/\W+/g, '-')}.cpuprofile`,
          ]
        : [];
    const out = execFileSync(
      process.execPath,
      [...prof, '--import', 'tsx', here, '--child', phase, '--data', data, '--db', db],
      { cwd: root, maxBuffer: 1 << 26, env: { ...process.env, ROSTERLINK_HOME: home } },
    ).toString();
    results.push(JSON.parse(out.trim().split('\n').pop()!) as Measure);
  }
  console.log('');
  console.log('| phase | persons | seconds | persons/s | CPU seconds | peak RSS MB | directory writes | detail |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const rate = Math.round(r.persons / (r.ms / 1000)).toLocaleString('en');
    console.log(
      `| ${r.phase} | ${r.persons.toLocaleString('en')} | ${(r.ms / 1000).toFixed(2)} | ${rate} | ` +
        `${r.cpuMs === undefined ? '' : (r.cpuMs / 1000).toFixed(2)} | ${r.peakRssMb} | ` +
        `${r.writes?.toLocaleString('en') ?? ''} | ${r.detail ?? ''} |`,
    );
  }
  if (!values.keep) {
    rmSync(home, { recursive: true, force: true });
    if (values.postgres) await dropSchema(values.postgres, schema);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
