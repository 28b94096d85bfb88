import { CsvFatal } from './csv.js';
import type { FindingSink } from './findings.js';
import type { SourceFile } from './source.js';
import { SourceOpenError } from './source.js';

/**
 * Runs a read of `file`, turning what goes wrong with the bytes into catastrophic findings:
 * CSV-level fatals keep their code; open and I/O failures become BAD_ARCHIVE for zip entries, READ_ERROR otherwise.
 * Anything else (a programming error) propagates unchanged.
 */
export async function guardRead<T>(
  file: SourceFile,
  sink: FindingSink,
  read: () => Promise<T>,
  columnName?: (column: number) => string,
): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const io = file.origin === 'zip' ? 'BAD_ARCHIVE' : 'READ_ERROR';
    if (err instanceof CsvFatal) {
      const code = err.code === 'READ_ERROR' ? io : err.code;
      const field = err.column >= 0 && columnName !== undefined ? columnName(err.column) : '';
      sink.fatal(file.name, err.line, code, `${file.name}: ${err.message}`, field);
    }
    if (err instanceof SourceOpenError) {
      sink.fatal(file.name, 0, io, `${file.name} (${file.container}) cannot be read: ${err.message}`);
    }
    throw err;
  }
}
