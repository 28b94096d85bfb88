/** Test helper: reads a generated CSV with a real parser, so quoting is checked too. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface Table {
  header: string[];
  rows: Record<string, string>[];
}

export async function readCsv(dir: string, name: string): Promise<Table> {
  const text = await readFile(join(dir, name), 'utf8');
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [header, ...data] = records;
  const rows = data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { header, rows };
}

/** Splits a list field such as `orgSourcedIds`; empty gives []. */
export const items = (value: string): string[] => (value === '' ? [] : value.split(','));

export function countBy<T>(values: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

export function assertUnique(values: readonly string[], what: string): void {
  const dupes = [...countBy(values)].filter(([, n]) => n > 1).map(([v]) => v);
  if (dupes.length > 0) throw new Error(`duplicate ${what}: ${dupes.slice(0, 5).join(', ')}`);
}
