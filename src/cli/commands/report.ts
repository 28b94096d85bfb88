import type { Command } from 'commander';
import { RUNS } from '../../configuration/entity-sets.js';
import { openRuntime } from '../../main.js';
import { writeRunReport } from '../../reports/run-report.js';
import { UsageError } from '../main.js';
import { dbOption } from '../options.js';

interface ReportOptions {
  db: string;
  out?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report [runId]')
    .description('(re)write report.html, results.csv and results.json of a run (default: the latest)')
    .option('--out <dir>', 'folder to write into (default: reports/ beside the store)')
    .addOption(dbOption())
    .action(async (runId: string | undefined, opts: ReportOptions) => {
      const runtime = await openRuntime(opts.db);
      try {
        const root = opts.out ?? runtime.reportsRoot;
        if (!root) throw new UsageError('an in-memory store has no reports folder: pass --out <dir>');
        const id = runId ?? (await runtime.config.list(RUNS)).at(-1)?.id;
        if (!id) throw new UsageError('there is no run yet: start one with `rosterlink run`');
        const written = await writeRunReport(runtime, id, root);
        process.stdout.write(`${written.html}\n${written.csv}\n${written.json}\n`);
      } finally {
        await runtime.close();
      }
    });
}
