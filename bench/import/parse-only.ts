/**
 * Parse-only benchmark of the inbound reader: readRoster (validation, normalization, batches to a no-op
 * consumer, no database) against bare csv-parse streaming the same files. Each measurement runs in its own
 * child process so peak RSS (getrusage maxRSS) is not shared.
 *
 *   node --import tsx bench/import/parse-only.ts --dir <roster folder or .zip>
 *   node --import tsx bench/import/parse-only.ts --persons 100000 [--format sds-v2.1|oneroster-1.1]
 *   node --import tsx bench/import/parse-only.ts --persons 1000000 --synthetic
 *
 * With --persons, a district is generated into bench/out/ (src/inbound/generate when present, otherwise a
 * plain users/roles/orgs roster synthesized here) and reused on the next run.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';

interface Measure {
  mode: string;
  rows: number;
  ms: number;
  peakRssMb: number;
  detail?: string;
}

const here = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    persons: { type: 'string' },
    format: { type: 'string', default: 'sds-v2.1' },
    /** Use the plain users/roles/orgs roster even when the generator exists. */
    synthetic: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  const dir = values.dir ?? '';
  const m = values.child === 'bare' ? await bare(dir) : await roster(dir);
  process.stdout.write(JSON.stringify(m));
} else {
  await main();
}

async function main(): Promise<void> {
  const persons = Number(values.persons ?? '100000');
  const dir = values.dir ?? (await generated(persons, values.format ?? 'sds-v2.1', values.synthetic === true));
  const sizes = csvFiles(dir).map((f) => statSync(f).size);
  console.log(`roster: ${dir} (${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB of CSV)`);
  console.log(`node ${process.version}, ${(await import('node:os')).availableParallelism()} cores`);
  const results = ['bare', 'roster'].map((mode) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', here, '--child', mode, '--dir', dir], {
      cwd: root,
      maxBuffer: 1 << 24,
    });
    return JSON.parse(out.toString()) as Measure;
  });
  for (const r of results) {
    const rate = Math.round(r.rows / (r.ms / 1000)).toLocaleString('en');
    console.log(
      `${r.mode.padEnd(32)} ${String(r.rows).padStart(9)} rows  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ` +
        `${rate.padStart(11)} rows/s  peak RSS ${String(r.peakRssMb).padStart(5)} MB${r.detail ? `  ${r.detail}` : ''}`,
    );
  }
  console.log(`readRoster / bare csv-parse time: ${(results[1].ms / results[0].ms).toFixed(2)}x`);
}

function csvFiles(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
}

/** csv-parse's own stream, arrays, BOM handling: the floor the reader is compared with. */
async function bare(dir: string): Promise<Measure> {
  const t0 = performance.now();
  let rows = 0;
  for (const file of csvFiles(dir)) {
    for await (const _ of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true }))) rows++;
  }
  return { mode: 'bare csv-parse (stream, arrays)', rows, ms: performance.now() - t0, peakRssMb: peakRss() };
}

async function roster(dir: string): Promise<Measure> {
  const { readRoster } = await import('../../src/inbound/read-roster.js');
  const t0 = performance.now();
  const res = await readRoster({ path: dir, onBatch: () => {} });
  const rows = Object.values(res.counts.rows).reduce((a, b) => a + b, 0) + Object.keys(res.counts.rows).length;
  const a = res.counts.accepted;
  const detail =
    `${res.format} persons=${a.persons} roles=${a.roles} enrollments=${a.enrollments} ` +
    `errors=${res.counts.findings.error} warnings=${res.counts.findings.warning}` +
    (res.catastrophic ? ` CATASTROPHIC ${res.catastrophic.code}` : '');
  return { mode: 'readRoster (validate + batches)', rows, ms: performance.now() - t0, peakRssMb: peakRss(), detail };
}

function peakRss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB
}

async function generated(persons: number, format: string, synthetic: boolean): Promise<string> {
  const out = join(root, 'bench', 'out', synthetic ? `import-synthetic-${persons}` : `import-${format}-${persons}`);
  if (existsSync(join(out, 'users.csv'))) return out;
  const generator = join(root, 'src', 'inbound', 'generate', 'generate-district.ts');
  const t0 = performance.now();
  if (!synthetic && existsSync(generator)) {
    const { generateDistrict } = await import('../../src/inbound/generate/generate-district.js');
    await generateDistrict({ persons, out, format: format as 'sds-v2.1' | 'oneroster-1.1', seed: 1 });
  } else {
    await synthesize(persons, out);
  }
  console.log(`generated ${persons} persons in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

/** Fallback when the generator is absent: SDS v2.1 orgs/users/roles, ~1.1 roles per person. */
async function synthesize(persons: number, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const schools = Math.max(1, Math.round(persons / 500));
  const orgs = ['sourcedId,name,type,parentSourcedId', 'd1,District,district,'];
  for (let s = 0; s < schools; s++) orgs.push(`s${s},School ${s},school,d1`);
  await writeFile(join(out, 'orgs.csv'), orgs.join('\r\n') + '\r\n');
  const users = ['sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms'];
  const roles = ['userSourcedId,orgSourcedId,role,sessionSourcedId,grade,isPrimary,roleStartDate,roleEndDate'];
  for (let i = 0; i < persons; i++) {
    users.push(`${1000000 + i},u${i}@contoso.edu,Given${i % 997},Family${i % 1009},,u${i}@contoso.edu,,,`);
    const school = `s${i % schools}`;
    roles.push(`${1000000 + i},${school},student,,${String((i % 12) + 1).padStart(2, '0')},TRUE,,`);
    if (i % 10 === 0) roles.push(`${1000000 + i},s${(i + 1) % schools},student,,,FALSE,,`);
  }
  await writeFile(join(out, 'users.csv'), users.join('\r\n') + '\r\n');
  await writeFile(join(out, 'roles.csv'), roles.join('\r\n') + '\r\n');
}
