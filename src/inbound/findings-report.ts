/** Findings as the downloadable log: CSV (columns exactly as below) or JSON. */
import { stringify } from 'csv-stringify/sync';
import { stringify as stringifyStream } from 'csv-stringify';
import type { Readable } from 'node:stream';
import type { Finding } from './model.js';

export const FINDING_COLUMNS = ['file', 'line', 'sourcedId', 'severity', 'code', 'field', 'value', 'message'] as const;

/** The whole report as one CSV string (header included). */
export function findingsToCsv(findings: Iterable<Finding>): string {
  return stringify([...findings].map(toRow), { header: true, columns: [...FINDING_COLUMNS] });
}

/** A streaming CSV report, for findings produced through `onFinding` on a large run. */
export function findingsCsvStream(findings: Iterable<Finding> | AsyncIterable<Finding>): Readable {
  const out = stringifyStream({ header: true, columns: [...FINDING_COLUMNS] });
  void (async () => {
    try {
      for await (const f of findings) {
        if (!out.write(toRow(f))) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** JSON array of findings with the same fields. */
export function findingsToJson(findings: Iterable<Finding>, space?: number): string {
  return JSON.stringify(
    [...findings].map((f) => Object.fromEntries(FINDING_COLUMNS.map((c) => [c, f[c]]))),
    null,
    space,
  );
}

function toRow(f: Finding): (string | number)[] {
  // Values are already redacted and truncated by the sink; spreadsheet formulas are not evaluated from CSV
  // opened as text, but cells starting with = + - @ are quoted with a leading apostrophe to be safe.
  return FINDING_COLUMNS.map((c) => (typeof f[c] === 'string' ? neutralize(f[c] as string) : f[c]));
}

function neutralize(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
