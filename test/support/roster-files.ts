/** Test helpers to derive roster folders from a generated one: drop rows, edit values, break files. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type Row = Record<string, string>;

/** A temporary folder, removed by `cleanup`. */
export function tempFolder(prefix = 'rosterlink-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readRows(dir: string, file: string): Row[] {
  return parse(readFileSync(path.join(dir, file)), { columns: true, bom: true }) as Row[];
}

function writeRows(dir: string, file: string, header: readonly string[], rows: readonly Row[]): void {
  writeFileSync(path.join(dir, file), stringify(rows as Row[], { header: true, columns: [...header] }));
}

function headerOf(dir: string, file: string): string[] {
  const first = readFileSync(path.join(dir, file), 'utf8')
    .split(/\r?\n/, 1)[0]
    .replace(/^\uFEFF/, '');
  return parse(first)[0] as string[];
}

export interface RosterEdit {
  /** Rows to leave out, per file. */
  drop?: (file: string, row: Row) => boolean;
  /** Changes a kept row in place. */
  edit?: (file: string, row: Row) => void;
  /** Files to leave out entirely. */
  without?: readonly string[];
}

/** Copies the CSV files of `from` into a new folder under `parent`, applying `edit`. Returns the folder. */
export function deriveRoster(from: string, parent: string, name: string, change: RosterEdit = {}): string {
  const to = path.join(parent, name);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  for (const file of readdirSync(to)) {
    if (change.without?.includes(file)) {
      rmSync(path.join(to, file));
      continue;
    }
    if (!file.endsWith('.csv') || (!change.drop && !change.edit)) continue;
    const header = headerOf(to, file);
    const rows = readRows(to, file).filter((r) => !change.drop?.(file, r));
    for (const r of rows) change.edit?.(file, r);
    writeRows(to, file, header, rows);
  }
  return to;
}

/** True when any of the row's user-reference columns names `id` (sourcedId, userSourcedId, contacts). */
export function mentionsUser(file: string, row: Row, id: string): boolean {
  if (file === 'users.csv') return row.sourcedId === id;
  return row.userSourcedId === id || row.relationshipUserSourcedId === id;
}
