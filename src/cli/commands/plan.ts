import fs from 'node:fs';
import type { Command } from 'commander';
import { decisionCounts } from '../../engine/statistics.js';
import { openRuntime } from '../../main.js';
import { resultsToCsv } from '../../reports/results-export.js';
import { dbOption } from '../options.js';
import { createProgress, engineProgressListener } from '../progress.js';
import { directoryFlags, type DirectoryFlags } from './directory-flags.js';
import { engineOptions, type EngineFlags } from './engine-flags.js';

interface PlanOptions extends EngineFlags, DirectoryFlags {
  db: string;
  results?: string;
  json?: boolean;
}

export function registerPlan(program: Command): void {
  const cmd = program
    .command('plan')
    .description('dry run: the decision a run would take for every person, writing nothing')
    .option('--results <file>', 'write the rows (.json or .csv)')
    .option('--json', 'print the decision counts as JSON')
    .addOption(dbOption());
  engineOptions.register(cmd);
  directoryFlags.register(cmd);
  cmd.action(async (opts: PlanOptions) => {
    const runtime = await openRuntime(opts.db, {
      engine: engineOptions.read(opts),
      ...directoryFlags.runtimeOptions(opts),
    });
    try {
      const progress = createProgress({ json: opts.json });
      runtime.runs.setProgressListener(engineProgressListener(progress, ' people'));
      const rows = await runtime.runs.plan();
      progress.stop();
      if (opts.results)
        fs.writeFileSync(
          opts.results,
          opts.results.endsWith('.csv') ? resultsToCsv(rows) : JSON.stringify(rows, null, 2),
        );
      const decisions = decisionCounts(rows);
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ decisions })}\n`
          : `${Object.entries(decisions)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}\n`,
      );
    } finally {
      await runtime.close();
    }
  });
}
