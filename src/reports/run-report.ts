import fs from 'node:fs';
import path from 'node:path';
import type { ConfigurationService } from '../configuration/configuration-service.js';
import { RUNS } from '../configuration/entity-sets.js';
import type { DirectoryAdapter } from '../directory/types.js';
import type { Store } from '../store/database.js';
import { InboundLoadRepository } from '../store/repositories/inbound-loads.js';
import { RunResultRepository } from '../store/repositories/run-results.js';
import { renderReport, ReportTally } from './html-report.js';
import { RESULTS_CSV_HEADER, resultsCsvLines } from './results-export.js';

export interface WrittenReport {
  dir: string;
  html: string;
  csv: string;
  json: string;
}

/**
 * Writes report.html, results.csv and results.json of a run into `<reportsRoot>/<runId>/`. The rows are read from
 * the store a page at a time and appended to the two files; the HTML needs only their sums (ReportTally), so a
 * 100 000-person run is never held in memory whole.
 */
export async function writeRunReport(
  deps: { store: Store; config: ConfigurationService; directory: DirectoryAdapter },
  runId: string,
  reportsRoot: string,
  // Small pages keep each page's text short-lived: with 5 000-row pages garbage collection took most of the time.
  pageSize = 500,
): Promise<WrittenReport> {
  const run = await deps.config.get(RUNS, runId);
  const dir = path.join(reportsRoot, run.id);
  fs.mkdirSync(dir, { recursive: true });
  const out = {
    dir,
    html: path.join(dir, 'report.html'),
    csv: path.join(dir, 'results.csv'),
    json: path.join(dir, 'results.json'),
  };
  const tally = new ReportTally();
  const csv = fs.openSync(out.csv, 'w');
  const json = fs.openSync(out.json, 'w');
  try {
    fs.writeSync(csv, RESULTS_CSV_HEADER);
    for await (const page of new RunResultRepository(deps.store.db).pages(run.id, pageSize)) {
      // The layout of JSON.stringify(rows, null, 2): a page's array without its brackets is its rows, indented.
      const rows = JSON.stringify(page, null, 2).slice(1, -2);
      fs.writeSync(json, tally.rowCount === 0 ? `[${rows}` : `,${rows}`);
      tally.add(page);
      fs.writeSync(csv, resultsCsvLines(page));
    }
    fs.writeSync(json, tally.rowCount === 0 ? '[]' : '\n]');
  } finally {
    fs.closeSync(csv);
    fs.closeSync(json);
  }
  const candidateIds = [...new Set(tally.conflicts.flatMap((r) => r.candidateIds))];
  const accounts = await deps.directory.getAccounts(candidateIds);
  const candidates = Object.fromEntries(
    [...accounts].map(([id, a]) => [id, { upn: a.userPrincipalName, displayName: a.displayName }]),
  );
  fs.writeFileSync(
    out.html,
    renderReport({
      runId: run.id,
      displayName: String(run.data.displayName),
      status: String(run.data.status),
      startDateTime: String(run.data.startDateTime),
      endDateTime: (run.data.endDateTime as string | null) ?? null,
      tally,
      findingsByCode: await findingsByCode(deps.store),
      candidates,
    }),
  );
  return out;
}

/** Errors and warnings of each inbound flow's current data set, by code. */
async function findingsByCode(store: Store): Promise<Record<string, { severity: string; count: number }>> {
  const loads = await store.db
    .selectFrom('inbound_loads')
    .select(['id', 'flow_id', 'load_seq'])
    .where('status', '=', 'completed')
    .execute();
  const latest = new Map<string, { id: string; seq: number }>();
  for (const l of loads)
    if ((latest.get(l.flow_id)?.seq ?? -1) < l.load_seq) latest.set(l.flow_id, { id: l.id, seq: l.load_seq });
  const out: Record<string, { severity: string; count: number }> = {};
  const repo = new InboundLoadRepository(store.db);
  for (const { id } of latest.values()) {
    for (const r of await repo.countsByCode(id)) {
      const entry = (out[r.code] ??= { severity: r.severity, count: 0 });
      entry.count += r.count;
    }
  }
  return out;
}
