import { stringify } from 'csv-stringify/sync';
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

export function resultsToCsv(rows: readonly ResultRow[]): string {
  return stringify(
    rows.map((r) => [
      r.sourcedId,
      r.roleGroup ?? '',
      r.role ?? '',
      r.rule ?? '',
      r.decision,
      r.reason,
      r.plannedUpn ?? '',
      r.accountId ?? '',
      r.candidateIds.join(';'),
      Object.keys(r.changes).length ? JSON.stringify(r.changes) : '',
      r.outcome,
      r.errorCode ?? '',
      r.errorMessage ?? '',
    ]),
    { header: true, columns: [...RESULT_COLUMNS] },
  );
}
