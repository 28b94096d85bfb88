import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { findingsToCsv } from '../../inbound/findings-report.js';
import { ensureInboundFlow } from '../../ingest/default-setup.js';
import { loadRoster, type LoadResult } from '../../ingest/load-roster.js';
import { openRuntime } from '../../main.js';
import { UsageError } from '../main.js';
import { dbOption } from '../options.js';
import { createProgress } from '../progress.js';

interface ImportOptions {
  format: 'auto' | 'sds-v2.1' | 'oneroster-1.1' | 'oneroster-1.2';
  db: string;
  report?: string;
  json?: boolean;
  inboundFlow?: string;
}

export function registerImport(program: Command): void {
  program
    .command('import <path>')
    .description('validate a roster (folder or .zip) and make it the current data set of an inbound flow')
    .addOption(
      new Option('--format <format>', 'roster format')
        .choices(['auto', 'sds-v2.1', 'oneroster-1.1', 'oneroster-1.2'])
        .default('auto'),
    )
    .addOption(dbOption())
    .option('--report <file>', 'write every finding to this file (.csv, or .json)')
    .option('--json', 'print one JSON summary object on stdout')
    .option('--inbound-flow <id>', 'inbound flow to load into (default: the first, created on first use)')
    .action(async (path: string, opts: ImportOptions) => {
      if (!fs.existsSync(path)) throw new UsageError(`'${path}' does not exist`);
      const runtime = await openRuntime(opts.db);
      try {
        const flow = await ensureInboundFlow(runtime.config, opts.inboundFlow);
        const progress = createProgress({ json: opts.json });
        progress.start('import', 1);
        const result = await loadRoster(runtime.store, runtime.box, {
          flowId: flow.id,
          path,
          format: opts.format,
          onProgress: (p) => {
            if (p.fileBytes > 0) progress.start(`import ${p.file}`, p.fileBytes);
            progress.update(p.bytesRead, `${p.rows.toLocaleString()} rows`);
          },
        });
        progress.stop();
        if (opts.report) writeReport(opts.report, result);
        process.stdout.write(opts.json ? `${JSON.stringify(summaryJson(result))}\n` : summaryText(result, opts.report));
        if (result.catastrophic) {
          process.stderr.write(`rosterlink: import stopped: ${result.catastrophic.message}\n`);
          process.exitCode = 2;
        }
      } finally {
        await runtime.close();
      }
    });
}

export function summaryJson(r: LoadResult) {
  return {
    people: r.counts.people,
    orgs: r.counts.orgs,
    roles: r.counts.roles,
    errors: r.errors,
    warnings: r.warnings,
    findingsByCode: r.findingsByCode,
  };
}

function summaryText(r: LoadResult, report?: string): string {
  const c = r.counts;
  const lines = [
    `${r.format ?? 'unknown format'} (${r.mode})${r.catastrophic ? ' — STOPPED, previous data set kept' : ''}`,
    `  people  ${c.people.active} active, ${c.people.inactive} inactive`,
    `  orgs    ${c.orgs.active} active, ${c.orgs.inactive} inactive`,
    `  roles   ${c.roles.active} active, ${c.roles.inactive} inactive`,
    `  ${r.errors} errors, ${r.warnings} warnings in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    ...Object.entries(r.findingsByCode)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `    ${code}: ${n}`),
  ];
  if (report) lines.push(`  findings written to ${report}`);
  return `${lines.join('\n')}\n`;
}

function writeReport(file: string, r: LoadResult): void {
  fs.writeFileSync(file, file.endsWith('.json') ? JSON.stringify(r.findings, null, 2) : findingsToCsv(r.findings));
}
