import { readRoster } from '../inbound/read-roster.js';
import type { Finding } from '../inbound/model.js';

export interface ValidationResult {
  catastrophic: boolean;
  findings: Finding[];
  files: string[];
  summary: string;
}

/** Reads an uploaded folder to check it, without touching the lake (the connector's `validate` action). */
export async function validateRosterFolder(folder: string): Promise<ValidationResult> {
  const findings: Finding[] = [];
  const result = await readRoster({
    path: folder,
    onBatch: () => undefined,
    onFinding: (f) => findings.push(f),
    maxFindings: 0,
  });
  const { error, warning, catastrophic } = result.counts.findings;
  const files = Object.keys(result.counts.rows);
  const summary = result.catastrophic
    ? `Validation stopped: ${result.catastrophic.message}`
    : `${result.format} ${result.mode}: ${files.length} files, ${error} errors, ${warning} warnings.`;
  return { catastrophic: catastrophic > 0, findings, files, summary };
}
