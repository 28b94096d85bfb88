/**
 * `rosterlink generate` and `rosterlink import` as a user runs them: one JSON object on stdout with --json, the
 * findings report (CSV, physical line numbers), exit codes 0 / 2, a defective OneRoster 1.2 sample and a zip.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sharedData } from '../inbound/support/shared-data.js';
import { buildZip } from '../inbound/support/zip-writer.js';
import { runCli, type CliResult } from '../support/cli.js';
import { deriveRoster, mentionsUser, readRows, tempFolder } from '../support/roster-files.js';

const REPORT_HEADER = 'file,line,sourcedId,severity,code,field,value,message';
const SUMMARY_KEYS = ['people', 'orgs', 'roles', 'errors', 'warnings', 'findingsByCode'];

interface Summary {
  people: { active: number; inactive: number };
  orgs: { active: number; inactive: number };
  roles: { active: number; inactive: number };
  errors: number;
  warnings: number;
  findingsByCode: Record<string, number>;
}

/** stdout must be exactly one JSON object (one line, nothing else). */
function summaryOf(r: CliResult): Summary {
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines.length, 2, `one line of JSON, then the newline: ${JSON.stringify(r.stdout)}`);
  assert.equal(lines[1], '');
  const summary = JSON.parse(lines[0]) as Summary;
  assert.deepEqual(Object.keys(summary), SUMMARY_KEYS);
  return summary;
}

function reportRows(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  assert.equal(text.split(/\r?\n/, 1)[0], REPORT_HEADER);
  return parse(text, { columns: true }) as Record<string, string>[];
}

describe('rosterlink generate + import', () => {
  const work = tempFolder('rosterlink-cli-import-');
  const district = path.join(work.dir, 'district');
  const db = (name: string) => `sqlite:${path.join(work.dir, name, 'rosterlink.db')}`;
  after(() => work.cleanup());

  before(async () => {
    const r = await runCli(['generate', '--persons', '300', '--out', district, '--seed', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Wrote \d+ students, \d+ staff, \d+ contacts, \d+ orgs to /);
  });

  it('imports a generated district: one JSON object with the counts of the files, and an empty report', async () => {
    const report = path.join(work.dir, 'clean.csv');
    const r = await runCli(['import', district, '--json', '--report', report, '--db', db('clean')]);
    const s = summaryOf(r);
    assert.deepEqual(s, {
      people: { active: readRows(district, 'users.csv').length, inactive: 0 },
      orgs: { active: readRows(district, 'orgs.csv').length, inactive: 0 },
      roles: { active: readRows(district, 'roles.csv').length, inactive: 0 },
      errors: 0,
      warnings: 0,
      findingsByCode: {},
    });
    assert.equal(readFileSync(report, 'utf8').trim(), REPORT_HEADER);
  });

  it('a re-import without a person reports them inactive', async () => {
    const target = db('reimport');
    summaryOf(await runCli(['import', district, '--json', '--db', target]));
    const id = readRows(district, 'users.csv').find((u) => u.sourcedId.startsWith('2'))!.sourcedId;
    const roles = readRows(district, 'roles.csv').filter((r) => r.userSourcedId === id).length;
    const without = deriveRoster(district, work.dir, 'without', {
      drop: (file, row) => mentionsUser(file, row, id),
    });
    const s = summaryOf(await runCli(['import', without, '--json', '--db', target]));
    assert.deepEqual(s.people, { active: readRows(district, 'users.csv').length - 1, inactive: 1 });
    assert.deepEqual(s.roles, { active: readRows(district, 'roles.csv').length - roles, inactive: roles });
  });

  it('reports findings with their physical line numbers', async () => {
    const dir = deriveRoster(district, work.dir, 'defective');
    const file = path.join(dir, 'users.csv');
    const lines = readFileSync(file, 'utf8').split('\r\n');
    // Data row 2 (line 3) gets a phone with a line break: it spans lines 3-4, so the next row starts on line 5.
    const cells = (line: string) => line.split(',');
    const broken = cells(lines[2]);
    broken[7] = '"+1 555\n0100"';
    const bad = cells(lines[3]);
    bad[7] = 'call-me';
    lines[2] = broken.join(',');
    lines[3] = bad.join(',');
    writeFileSync(file, lines.join('\r\n'));
    const report = path.join(work.dir, 'defective.csv');
    const s = summaryOf(await runCli(['import', dir, '--json', '--report', report, '--db', db('defective')]));
    assert.equal(s.errors, 0);
    assert.deepEqual(s.findingsByCode, { LINE_BREAK_IN_VALUE: 1, INVALID_PHONE: 1 });
    const rows = reportRows(report);
    const lineBreak = rows.find((f) => f.code === 'LINE_BREAK_IN_VALUE')!;
    const phone = rows.find((f) => f.code === 'INVALID_PHONE')!;
    assert.deepEqual(
      [lineBreak.file, lineBreak.line, lineBreak.sourcedId, lineBreak.severity, lineBreak.field],
      ['users.csv', '3', broken[0], 'warning', 'phone'],
    );
    assert.deepEqual(
      [phone.file, phone.line, phone.sourcedId, phone.severity, phone.field, phone.value],
      ['users.csv', '5', bad[0], 'warning', 'phone', 'call-me'],
    );
    const physical = readFileSync(file, 'utf8').split(/\r\n|\n/);
    assert.ok(physical[Number(phone.line) - 1].startsWith(`${bad[0]},`), 'the line holds the record');
  });

  it('a catastrophic input exits 2 with the reason on stderr and keeps the data set', async () => {
    const target = db('catastrophic');
    const first = summaryOf(await runCli(['import', district, '--json', '--db', target]));
    const broken = deriveRoster(district, work.dir, 'no-roles', { without: ['roles.csv'] });
    const report = path.join(work.dir, 'catastrophic.csv');
    const r = await runCli(['import', broken, '--json', '--report', report, '--db', target]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /import stopped: roles\.csv not found/);
    const s = JSON.parse(r.stdout) as Summary;
    assert.deepEqual([s.people, s.orgs, s.roles], [first.people, first.orgs, first.roles]);
    assert.deepEqual(s.findingsByCode, { MISSING_REQUIRED_FILE: 1 });
    const [finding] = reportRows(report);
    assert.deepEqual([finding.file, finding.line, finding.severity], ['roles.csv', '0', 'catastrophic']);
  });

  it('a bad path, flag or store URL exits 2', async () => {
    const cases = [
      ['import', path.join(work.dir, 'missing'), '--db', 'sqlite::memory:'],
      ['import', district, '--bogus', '--db', 'sqlite::memory:'],
      ['import', district, '--format', 'sds-v9', '--db', 'sqlite::memory:'],
      ['import', district, '--db', 'mysql://nowhere'],
      ['import'],
      ['generate', '--persons', 'many', '--out', path.join(work.dir, 'x')],
    ];
    for (const args of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.notEqual(r.stderr, '', args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  it('imports the defective OneRoster 1.2 sample with its findings', async () => {
    const report = path.join(work.dir, 'oneroster.csv');
    const set = sharedData('catalyst-moodle-enrol-oneroster', 'v1p2_full_dataset');
    const s = summaryOf(await runCli(['import', set, '--json', '--report', report, '--db', db('oneroster')]));
    assert.ok(s.people.active > 0 && s.roles.active > 0 && s.orgs.active > 0, JSON.stringify(s));
    assert.ok(s.warnings > 0);
    for (const code of ['UNKNOWN_HEADER', 'INVALID_DATE', 'UNSUPPORTED_FILE'])
      assert.ok(s.findingsByCode[code] > 0, code);
    const rows = reportRows(report);
    const total = Object.values(s.findingsByCode).reduce((a, b) => a + b, 0);
    assert.equal(rows.length, total);
    assert.equal(rows.length, s.errors + s.warnings);
    assert.ok(rows.some((f) => f.code === 'UNSUPPORTED_FILE' && f.file === 'userprofiles.csv'));
  });

  it('imports a zip of the district like the folder', async () => {
    const files = ['orgs.csv', 'users.csv', 'roles.csv', 'academicSessions.csv', 'classes.csv', 'enrollments.csv'];
    const zip = path.join(work.dir, 'district.zip');
    writeFileSync(
      zip,
      buildZip(files.map((name) => ({ name, data: readFileSync(path.join(district, name)), method: 'deflate' }))),
    );
    const s = summaryOf(await runCli(['import', zip, '--json', '--db', db('zip')]));
    assert.equal(s.errors, 0);
    assert.deepEqual(s.people, { active: readRows(district, 'users.csv').length, inactive: 0 });
    assert.deepEqual(s.roles, { active: readRows(district, 'roles.csv').length, inactive: 0 });
  });
});
