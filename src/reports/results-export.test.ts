import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import type { ResultRow } from '../engine/types.js';
import { RESULT_COLUMNS, resultsToCsv } from './results-export.js';

/** What results.csv was before it had its own writer: csv-stringify with its defaults. */
function withCsvStringify(rows: readonly ResultRow[]): string {
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

describe('results.csv', () => {
  it('is byte for byte what csv-stringify writes, for random text with commas, quotes and line breaks', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['a', 'Ö', ',', '"', '""', '\n', '\r', '\r\n', ' ', ';', '→', 'x y', '', "'"];
    const text = () =>
      Array.from({ length: Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    const maybe = () => (random() < 0.3 ? null : text());
    const rows: ResultRow[] = Array.from({ length: 500 }, (): ResultRow => ({
      sourcedId: text() || 'id',
      roleGroup: maybe(),
      role: maybe(),
      rule: maybe(),
      candidateIds: random() < 0.5 ? [] : [text(), text()],
      decision: 'update',
      reason: text(),
      plannedUpn: maybe(),
      changes: random() < 0.5 ? {} : { grade: { from: maybe(), to: text() as unknown } },
      accountId: maybe(),
      outcome: 'applied',
      errorCode: maybe(),
      errorMessage: maybe(),
    }));
    assert.equal(resultsToCsv(rows), withCsvStringify(rows));
    assert.equal(resultsToCsv([]), withCsvStringify([]));
  });
});
