import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { RUNS } from '../../configuration/entity-sets.js';
import { applySetup, bindConnectorSourceSystem, readSetupFile } from '../../engine/setup-file.js';
import { decisionCounts, peopleByRole } from '../../engine/statistics.js';
import type { ResultRow } from '../../engine/types.js';
import { ensureInboundFlow } from '../../ingest/default-setup.js';
import { loadRoster } from '../../ingest/load-roster.js';
import { openRuntime, type Runtime } from '../../main.js';
import { resultsToCsv } from '../../reports/results-export.js';
import { RunResultRepository } from '../../store/repositories/run-results.js';
import { UsageError } from '../main.js';
import { dbOption } from '../options.js';
import { createProgress, engineProgressListener } from '../progress.js';
import { directoryFlags, type DirectoryFlags } from './directory-flags.js';
import { engineOptions, type EngineFlags } from './engine-flags.js';

interface RunOptions extends EngineFlags, DirectoryFlags {
  data?: string;
  setup?: string;
  dryRun?: boolean;
  db: string;
  results?: string;
  json?: boolean;
}

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('import roster data, configure from a setup file, run the provisioning flows and report')
    .option('--data <path>', 'roster folder or .zip to import first')
    .option(
      '--setup <file>',
      'setup.json with sourceSystem, outboundProvisioningFlowSet and provisioningFlows (Graph JSON)',
    )
    .option('--dry-run', 'plan only: write nothing to the directory')
    .option('--results <file>', 'write the per-person rows (.json or .csv)')
    .option('--json', 'print the statistics and decisions as one JSON object')
    .addOption(dbOption());
  engineOptions.register(cmd);
  directoryFlags.register(cmd);
  cmd.action(async (opts: RunOptions) => {
    if (opts.data && !fs.existsSync(opts.data)) throw new UsageError(`--data '${opts.data}' does not exist`);
    if (opts.setup && !fs.existsSync(opts.setup)) throw new UsageError(`--setup '${opts.setup}' does not exist`);
    const runtime = await openRuntime(opts.db, {
      engine: engineOptions.read(opts),
      ...directoryFlags.runtimeOptions(opts),
    });
    try {
      const progress = createProgress({ json: opts.json });
      const setup = opts.setup ? await applySetup(runtime.store, runtime.config, readSetupFile(opts.setup)) : null;
      const inbound = await ensureInboundFlow(runtime.config);
      if (setup?.sourceSystem) await bindConnectorSourceSystem(runtime.config, inbound, setup.sourceSystem.id);
      if (opts.data) {
        progress.start('import', 1);
        const loaded = await loadRoster(runtime.store, runtime.box, { flowId: inbound.id, path: opts.data });
        progress.stop();
        if (loaded.catastrophic) {
          process.stderr.write(`rosterlink: import stopped: ${loaded.catastrophic.message}\n`);
          process.exitCode = 2;
          return;
        }
      }
      progress.start(opts.dryRun ? 'plan' : 'run', 1);
      runtime.runs.setProgressListener(engineProgressListener(progress));
      const { statistics, rows } = opts.dryRun ? await dryRun(runtime) : await realRun(runtime);
      progress.stop();
      if (opts.results) writeResults(opts.results, rows);
      const decisions = decisionCounts(rows);
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...statistics, decisions })}\n`);
      else process.stdout.write(summary(statistics, decisions, rows, opts, runtime.reportsRoot));
    } finally {
      await runtime.close();
    }
  });
}

async function realRun(runtime: Runtime) {
  // A run that a killed process left unfinished is completed first (it links, rather than re-creates, its accounts).
  await runtime.runs.recover();
  const { id, done } = await runtime.runs.start();
  await done;
  const run = await runtime.config.get(RUNS, id);
  const rows = await new RunResultRepository(runtime.store.db).list(id);
  return { statistics: run.data._statistics as Record<string, unknown>, rows };
}

/** A dry run reports the shape of getStatistics too, computed from the plan (runId null). */
async function dryRun(runtime: Runtime) {
  const rows = await runtime.runs.plan();
  const { matched, unmatched } = peopleByRole(rows);
  const errors = rows.some((r) => r.decision === 'conflict');
  return {
    rows,
    statistics: {
      runId: null,
      status: errors ? 'completedWithErrors' : 'completed',
      activityStatistics: [],
      inboundTotals: { matchedPeopleByRole: matched, unmatchedPeopleByRole: unmatched },
    },
  };
}

function writeResults(file: string, rows: ResultRow[]) {
  fs.writeFileSync(file, file.endsWith('.csv') ? resultsToCsv(rows) : JSON.stringify(rows, null, 2));
}

function summary(
  stats: Record<string, unknown>,
  decisions: Record<string, number>,
  rows: ResultRow[],
  opts: RunOptions,
  reportsRoot: string | null,
): string {
  const failed = rows.filter((r) => r.outcome === 'failed' || r.errorCode).length;
  const lines = [
    `${opts.dryRun ? 'Dry run (nothing written)' : `Run ${String(stats.runId)}`}: ${String(stats.status)}`,
    `  ${Object.entries(decisions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  if (failed) lines.push(`  ${failed} rows failed or partly failed; see the results for error codes`);
  if (opts.results) lines.push(`  per-person results in ${opts.results}`);
  if (reportsRoot && !opts.dryRun)
    lines.push(`  report: ${path.join(reportsRoot, String(stats.runId), 'report.html')}`);
  return `${lines.join('\n')}\n`;
}
