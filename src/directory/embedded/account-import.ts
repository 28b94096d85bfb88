import type { AccountCsvRow, CsvProblem } from './accounts-csv.js';
import type { EmbeddedDirectory } from './adapter.js';
import { chunks } from '../../lib/chunks.js';
import type { NewAccount } from '../types.js';
import { randomPassword } from './passwords.js';

export interface ImportSummary {
  created: number;
  updated: number;
  /** Rows that failed, by line, in file order. */
  failed: CsvProblem[];
  /** New accounts that got a random password because the row had none (the passwords are not shown). */
  generatedPasswords: number;
}

/**
 * Upserts accounts by userPrincipalName through the adapter's batch operations: existing accounts get the
 * row's attributes (a password cell is ignored for them), new ones are created. Batches keep memory and the
 * number of concurrent password hashes bounded.
 */
export async function importAccounts(
  directory: EmbeddedDirectory,
  rows: readonly AccountCsvRow[],
  batchSize = 500,
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, failed: [], generatedPasswords: 0 };
  const firstLine = new Map<string, number>();
  const unique: AccountCsvRow[] = [];
  for (const row of rows) {
    const key = row.userPrincipalName.toLowerCase();
    const earlier = firstLine.get(key);
    if (earlier !== undefined)
      summary.failed.push({ line: row.line, message: `userPrincipalName repeats line ${earlier}` });
    else {
      firstLine.set(key, row.line);
      unique.push(row);
    }
  }
  for (const batch of chunks(unique, batchSize)) await importBatch(directory, batch, summary);
  summary.failed.sort((a, b) => a.line - b.line);
  return summary;
}

async function importBatch(directory: EmbeddedDirectory, batch: AccountCsvRow[], summary: ImportSummary) {
  const found = await directory.findCandidates({
    attribute: 'userPrincipalName',
    values: batch.map((r) => r.userPrincipalName),
  });
  const updates: { row: AccountCsvRow; id: string }[] = [];
  const creates: AccountCsvRow[] = [];
  for (const row of batch) {
    const existing = found.get(row.userPrincipalName.toLowerCase()) ?? [];
    if (existing.length > 0) updates.push({ row, id: existing[0].id });
    else creates.push(row);
  }
  const updated = await directory.updateAccounts(updates.map((u) => ({ id: u.id, changes: u.row.attributes })));
  updated.forEach((r, i) => {
    if (r.ok) summary.updated++;
    else summary.failed.push({ line: updates[i].row.line, message: r.error.message });
  });
  const created = await directory.createAccounts(creates.map((row) => newAccount(row)));
  created.forEach((r, i) => {
    if (r.ok) {
      summary.created++;
      if (creates[i].password === undefined) summary.generatedPasswords++;
    } else summary.failed.push({ line: creates[i].line, message: r.error.message });
  });
}

function newAccount(row: AccountCsvRow): NewAccount {
  const { givenName, surname } = row.attributes;
  const displayName =
    row.attributes.displayName ??
    ([givenName, surname].filter(Boolean).join(' ') || row.userPrincipalName.split('@')[0]);
  return {
    ...row.attributes,
    userPrincipalName: row.userPrincipalName,
    displayName,
    password: row.password ?? randomPassword(),
    forceChangePasswordNextSignIn: row.forceChangePasswordNextSignIn ?? true,
  };
}
