/**
 * Small reads on top of the CSV engine: a file's header (and whether it has a data row), or every row of a
 * small file such as manifest.csv. Errors surface as CsvFatal; the caller turns them into findings.
 */
import { CsvFatal, readCsv } from './csv.js';
import type { SourceFile } from './source.js';

export interface Peek {
  /** First non-blank record, or undefined for an empty file. */
  header: string[] | undefined;
  headerLine: number;
  /** Whether a non-blank record follows the header. */
  hasData: boolean;
}

export interface CsvRow {
  fields: string[];
  line: number;
}

export function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0].trim() === '';
}

/** Reads up to the first data row only. */
export async function peekFile(file: SourceFile, maxRecordBytes: number): Promise<Peek> {
  const out: Peek = { header: undefined, headerLine: 0, hasData: false };
  await readCsv(
    await file.open(),
    {
      record(fields, line) {
        if (isBlank(fields)) return;
        if (out.header !== undefined) {
          out.hasData = true;
          return false;
        }
        out.header = fields;
        out.headerLine = line;
      },
      malformed(line, code) {
        // Without a header every later row would be misread: the file is unusable.
        if (out.header === undefined)
          throw new CsvFatal('MALFORMED_FILE', line, `the header row is not valid CSV (${code})`);
        out.hasData = true; // a malformed row is still a row
      },
    },
    { maxRecordBytes },
  );
  return out;
}

/** Every non-blank record of a small file (header first). Malformed rows are returned through `onMalformed`. */
export async function readSmallFile(
  file: SourceFile,
  maxRecordBytes: number,
  onMalformed: (line: number, code: string, message: string) => void,
): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  await readCsv(
    await file.open(),
    {
      record(fields, line) {
        if (!isBlank(fields)) rows.push({ fields, line });
      },
      malformed: onMalformed,
    },
    { maxRecordBytes },
  );
  return rows;
}
