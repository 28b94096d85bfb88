/**
 * Import benchmark: for each size, generates an SDS v2.1 district into a temporary folder and times
 *   (a) bare csv-parse of the same files and (b) readRoster alone (both from parse-only.ts),
 *   (c) the full `rosterlink import` path: the CLI's command (store, default inbound flow, loadRoster, counts)
 *       into a fresh SQLite file store.
 * Every phase runs in its own child process; peak RSS is that child's getrusage maxRSS (worker threads
 * included). Times are measured inside the child, so Node start-up and TypeScript loading are left out.
 *
 *   node --import tsx bench/import/run.ts [--persons 100000,1000000] [--repeat 1] [--keep]
 *
 * With --repeat n each phase runs n times and the fastest run is shown (the machine may be shared).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface Measure {
  mode: string;
  rows: number;
  ms: number;
  peakRssMb: number;
  /** User + system CPU seconds of the child, all threads (from /proc; null where there is none). */
  cpuS?: number | null;
  detail?: string;
}

/** The targets of the inbound issue, for 1 M persons. */
const TARGET = { persons: 1_000_000, seconds: 25, rssMb: 1536, timesBare: 3 };

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));
const parseOnly = join(root, 'bench', 'import', 'parse-only.ts');
const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000,1000000' },
    repeat: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    child: { type: 'string' },
    dir: { type: 'string' },
    db: { type: 'string' },
  },
});

if (values.child === 'import') {
  await importChild(values.dir!, values.db!);
} else {
  await main();
}

async function main(): Promise<void> {
  const sizes = values.persons!.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error('--persons: comma-separated integers');
  const repeat = Math.max(1, Number(values.repeat));
  console.log(
    `${new Date().toISOString()}  node ${process.version}  ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? '?'})  ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB  load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const rows: string[][] = [];
  for (const persons of sizes) {
    const work = mkdtempSync(join(os.tmpdir(), 'rosterlink-bench-import-'));
    try {
      const dir = join(work, 'roster');
      const t0 = performance.now();
      const { generateDistrict } = await import('../../src/inbound/generate/generate-district.js');
      const g = await generateDistrict({ persons, out: dir, format: 'sds-v2.1', seed: 1 });
      const mb = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 1e6;
      console.log(
        `\n${persons.toLocaleString('en')} persons (+${g.contacts.toLocaleString('en')} contacts, ${g.roles.toLocaleString('en')} roles, ` +
          `${g.enrollments.toLocaleString('en')} enrollments): ${mb.toFixed(0)} MB of CSV, generated in ${secs(performance.now() - t0)} s`,
      );
      const best = (run: () => Measure) => {
        let m: Measure | undefined;
        for (let i = 0; i < repeat; i++) {
          const next = run();
          if (m === undefined || next.ms < m.ms) m = next;
        }
        return m!;
      };
      const bare = best(() => child(parseOnly, ['--child', 'bare', '--dir', dir]));
      const reader = best(() => child(parseOnly, ['--child', 'roster', '--dir', dir]));
      const full = best(() => {
        const db = join(work, `store-${Date.now()}`, 'rosterlink.db');
        try {
          return child(here, ['--child', 'import', '--dir', dir, '--db', db]);
        } finally {
          rmSync(join(db, '..'), { recursive: true, force: true });
        }
      });
      full.rows = bare.rows;
      for (const [phase, m] of [
        ['(a) bare csv-parse', bare],
        ['(b) readRoster', reader],
        ['(c) rosterlink import', full],
      ] as const) {
        rows.push([
          persons.toLocaleString('en'),
          phase,
          m.rows.toLocaleString('en'),
          secs(m.ms),
          Math.round(m.rows / (m.ms / 1000)).toLocaleString('en'),
          m.cpuS == null ? '?' : m.cpuS.toFixed(1),
          String(m.peakRssMb),
          (m.ms / bare.ms).toFixed(2),
        ]);
      }
      console.log(`  ${reader.detail ?? ''}`);
      console.log(`  ${full.detail ?? ''}`);
      if (persons === TARGET.persons) verdict(full, bare);
    } finally {
      if (values.keep) console.log(`  kept ${work}`);
      else rmSync(work, { recursive: true, force: true });
    }
  }
  console.log(`\n${table(['persons', 'phase', 'rows', 's', 'rows/s', 'CPU s', 'peak RSS MB', '× bare'], rows)}`);
}

/**
 * The CLI's import command, in this process (so getrusage covers it, writer thread included). The time runs until
 * the process is about to exit, as a user waits for it: that includes the writer thread's WAL checkpoint.
 */
async function importChild(dir: string, db: string): Promise<void> {
  const { main: cli } = await import('../../src/cli/main.js');
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (out += String(chunk)),
    true
  )) as typeof process.stdout.write;
  const t0 = performance.now();
  const code = await cli(['node', 'rosterlink', 'import', dir, '--json', '--db', `sqlite:${db}`]);
  const returned = performance.now() - t0;
  process.stdout.write = write;
  if (code !== 0) throw new Error(`rosterlink import exited ${code}: ${out}`);
  const s = JSON.parse(out) as {
    people: { active: number };
    roles: { active: number };
    errors: number;
    warnings: number;
  };
  process.on('exit', () => {
    const ms = performance.now() - t0;
    const size = statSync(db).size / 1e6;
    const m: Measure = {
      mode: 'import',
      rows: 0,
      ms,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      detail:
        `import: people=${s.people.active} roles=${s.roles.active} errors=${s.errors} warnings=${s.warnings}; ` +
        `command returned after ${secs(returned)} s, the writer thread's checkpoint ended at ${secs(ms)} s; store ${size.toFixed(0)} MB`,
    };
    process.stdout.write(JSON.stringify(m));
  });
}

function child(script: string, args: string[]): Measure {
  const before = childrenCpu();
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const after = childrenCpu();
  const m = JSON.parse(out.toString()) as Measure;
  m.cpuS = before === null || after === null ? null : after - before;
  return m;
}

/**
 * CPU seconds of this process's finished children (Linux /proc/self/stat cutime + cstime), so each phase's CPU
 * time can be told apart from the machine's other load. Includes the child's start-up (~1 s with tsx).
 */
function childrenCpu(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    return (Number(fields[13]) + Number(fields[14])) / ticks; // fields 16 and 17 of stat(5)
  } catch {
    return null;
  }
}

function verdict(full: Measure, bare: Measure): void {
  const checks = [
    [`≤ ${TARGET.seconds} s`, full.ms / 1000 <= TARGET.seconds],
    [`RSS ≤ ${TARGET.rssMb} MB`, full.peakRssMb <= TARGET.rssMb],
    [`≤ ${TARGET.timesBare}× bare parse`, full.ms <= TARGET.timesBare * bare.ms],
  ] as const;
  console.log(`  targets: ${checks.map(([what, ok]) => `${what} ${ok ? 'met' : 'MISSED'}`).join(', ')}`);
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

function secs(ms: number): string {
  return (ms / 1000).toFixed(1);
}
