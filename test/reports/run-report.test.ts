import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RUNS } from '../../src/configuration/entity-sets.js';
import { setUpDemoDistrict } from '../../src/demo/demo-district.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { renderReport, ReportTally } from '../../src/reports/html-report.js';
import { RESULT_COLUMNS, resultsToCsv } from '../../src/reports/results-export.js';
import { writeRunReport } from '../../src/reports/run-report.js';
import { RunResultRepository } from '../../src/store/repositories/run-results.js';

describe('run reports', () => {
  let dir: string;
  let runtime: Runtime;
  let runId: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-report-'));
    runtime = await openRuntime(`sqlite:${path.join(dir, 'rosterlink.db')}`);
    await setUpDemoDistrict(runtime, dir);
    const started = await runtime.runs.start();
    await started.done;
    runId = started.id;
  });
  after(async () => {
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every run writes report.html, results.csv and results.json beside the store', () => {
    for (const f of ['report.html', 'results.csv', 'results.json'])
      assert.ok(fs.existsSync(path.join(dir, 'reports', runId, f)), f);
  });

  it('totals in the report and the results equal the run statistics', async () => {
    const run = await runtime.config.get(RUNS, runId);
    const decisions = run.data._decisions as Record<string, number>;
    const html = fs.readFileSync(path.join(dir, 'reports', runId, 'report.html'), 'utf8');
    for (const [decision, n] of Object.entries(decisions)) {
      assert.match(html, new RegExp(`data-decision="${decision}">${n}<`), decision);
    }
    const rows = JSON.parse(fs.readFileSync(path.join(dir, 'reports', runId, 'results.json'), 'utf8')) as {
      decision: string;
      role: string | null;
      roleGroup: string | null;
    }[];
    const fromJson: Record<string, number> = {};
    for (const r of rows) fromJson[r.decision] = (fromJson[r.decision] ?? 0) + 1;
    assert.ok(rows.length > 0, 'the demo run has results');
    for (const decision of new Set([...Object.keys(decisions), ...Object.keys(fromJson)])) {
      assert.equal(fromJson[decision] ?? 0, decisions[decision] ?? 0, decision);
      assert.match(html, new RegExp(`data-decision="${decision}">${decisions[decision] ?? 0}<`), decision);
    }
    const stats = run.data._statistics as {
      inboundTotals: { matchedPeopleByRole: { count: number }[]; unmatchedPeopleByRole: { count: number }[] };
    };
    const inStats = [...stats.inboundTotals.matchedPeopleByRole, ...stats.inboundTotals.unmatchedPeopleByRole].reduce(
      (a, c) => a + c.count,
      0,
    );
    assert.equal(
      inStats,
      rows.filter((r) => r.roleGroup).length,
      'matched + unmatched people = people with a role group',
    );
    const csv = fs
      .readFileSync(path.join(dir, 'reports', runId, 'results.csv'), 'utf8')
      .trim()
      .split('\n');
    assert.equal(csv[0], RESULT_COLUMNS.join(','));
    assert.equal(csv.length - 1, rows.length);
    assert.match(html, /Ambiguous match: 2 accounts have mail/);
  });

  it('writes the files a page of rows at a time, the same as from all rows at once', async () => {
    const rows = await new RunResultRepository(runtime.store.db).list(runId);
    assert.ok(rows.length > 14, 'more rows than two pages');
    const paged = await writeRunReport(runtime, runId, path.join(dir, 'paged'), 7);
    assert.equal(fs.readFileSync(paged.json, 'utf8'), JSON.stringify(rows, null, 2));
    assert.equal(fs.readFileSync(paged.csv, 'utf8'), resultsToCsv(rows));
    const whole = fs.readFileSync(path.join(dir, 'reports', runId, 'report.html'), 'utf8');
    assert.equal(fs.readFileSync(paged.html, 'utf8'), whole);
  });

  it('escapes roster text in the HTML', () => {
    const evil = `<img src=x onerror="alert(1)">&'`;
    const out = renderReport({
      runId: 'r1',
      displayName: evil,
      status: 'succeeded',
      startDateTime: '2026-01-01T00:00:00Z',
      endDateTime: null,
      tally: new ReportTally(),
      findingsByCode: { [evil]: { severity: 'error', count: 1 } },
      candidates: {},
    });
    assert.ok(!out.includes(evil));
    assert.ok(out.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;'));
  });

  it('the HTML is self-contained: no external URL is loaded', () => {
    const html = fs.readFileSync(path.join(dir, 'reports', runId, 'report.html'), 'utf8');
    assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=["']?https?:/i);
    assert.doesNotMatch(html, /@import|url\(/i);
  });

  it('rosterlink report regenerates the files of a run', async () => {
    fs.rmSync(path.join(dir, 'reports', runId), { recursive: true });
    const { runCli } = await import('../support/cli.js');
    const res = await runCli(['report', runId, '--db', `sqlite:${path.join(dir, 'rosterlink.db')}`]);
    assert.equal(res.code, 0, res.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'reports', runId, 'report.html')));
    const missing = await runCli(['report', 'nope', '--db', `sqlite:${path.join(dir, 'rosterlink.db')}`]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /industryDataRun with id 'nope' was not found/);
  });
});
