import type { ResultRow } from '../engine/types.js';

/** Columns of results.csv / plan CSV exports, in order. */
export const RESULT_COLUMNS = [
  'sourcedId',
  'roleGroup',
  'role',
  'rule',
  'decision',
  'reason',
  'plannedUpn',
  'accountId',
  'candidateIds',
  'changes',
  'outcome',
  'errorCode',
  'errorMessage',
] as const;

/** results.csv as one string: the header and a line per row. */
export function resultsToCsv(rows: readonly ResultRow[]): string {
  return RESULTS_CSV_HEADER + resultsCsvLines(rows);
}

export const RESULTS_CSV_HEADER = `${RESULT_COLUMNS.join(',')}\n`;

/** CSV lines of `rows`, without the header: what csv-stringify writes (RFC 4180 quoting, `\n` line ends). */
export function resultsCsvLines(rows: readonly ResultRow[]): string {
  let out = '';
  for (const r of rows) {
    out +=
      `${cell(r.sourcedId)},${cell(r.roleGroup)},${cell(r.role)},${cell(r.rule)},${cell(r.decision)},` +
      `${cell(r.reason)},${cell(r.plannedUpn)},${cell(r.accountId)},${cell(r.candidateIds.join(';'))},` +
      `${cell(Object.keys(r.changes).length ? JSON.stringify(r.changes) : '')},${cell(r.outcome)},` +
      `${cell(r.errorCode)},${cell(r.errorMessage)}\n`;
  }
  return out;
}

/** A field, quoted (quotes doubled) when it holds a comma, a quote or a line break; null is empty. */
function cell(value: string | null): string {
  if (value === null) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
const NEEDS_QUOTES = /[",\r\n]/;
