/**
 * One roster file through the pipeline: header checks up front (preflight, before any record is emitted),
 * then every row: shape checks (column count, empty row, field size, line breaks in SDS values) and the
 * format's row handler.
 */
import { readCsv } from './csv.js';
import { guardRead } from './guard.js';
import { HeaderPlan, planHeader } from './header.js';
import type { FormatReader } from './formats/types.js';
import { isBlank, peekFile } from './peek.js';
import type { FileJob } from './plan.js';
import { RowReader } from './rules/row-reader.js';
import type { RunContext } from './run-context.js';

export interface PreparedJob extends FileJob {
  plan: HeaderPlan;
  /** No data row (header only, or no header at all). */
  empty: boolean;
}

/** Reads the header (and whether a data row follows): catastrophic header problems stop the run here. */
export async function preflight(ctx: RunContext, job: FileJob): Promise<PreparedJob> {
  const { file, spec, mode } = job;
  const peek = await guardRead(file, ctx.sink, () => peekFile(file, ctx.options.maxRecordBytes));
  if (!peek.hasData) {
    const what = peek.header === undefined ? 'is empty' : 'has a header but no rows';
    if (mode === 'bulk' && spec.core) {
      ctx.sink.fatal(
        file.name,
        peek.headerLine,
        'EMPTY_FILE',
        `${file.name} ${what}: it would deactivate every record`,
      );
    }
    if (mode === 'bulk') {
      ctx.sink.add(file.name, peek.headerLine, '', 'warning', 'EMPTY_FILE', '', '', `${file.name} ${what}: no records`);
    }
  }
  const plan =
    peek.header === undefined
      ? HeaderPlan.fromNames(spec.columns.map((c) => c.name))
      : planHeader(peek.header, spec, {
          file: file.name,
          line: peek.headerLine,
          sink: ctx.sink,
          delta: mode === 'delta',
        });
  return { ...job, plan, empty: !peek.hasData };
}

export interface FileHooks {
  /** After each chunk: drain batches, report progress, honour cancellation. */
  afterChunk(job: PreparedJob, rows: number, bytes: number): Promise<void>;
}

/** Streams the rows of a prepared file through the format's handler. Returns the number of data rows. */
export async function readRows(ctx: RunContext, reader: FormatReader, job: PreparedJob, hooks: FileHooks) {
  const { file, spec, plan } = job;
  const handler = reader.begin(spec, plan, job.mode);
  const r = new RowReader(file.name, ctx.sink);
  const keyCol = plan.col(spec.columns[0].name).i;
  const required = new Set(spec.columns.filter((c) => c.required).map((c) => plan.col(c.name).i));
  let header = true;
  let rows = 0;
  const shape = (fields: string[], line: number, span: number): boolean => {
    r.begin(fields, line);
    r.sourcedId = keyCol >= 0 ? (fields[keyCol] ?? '').trim() : '';
    if (!checkWidth(r, plan) || isEmptyRow(r) || !checkSizes(r, plan, ctx.options.maxFieldLength)) return false;
    return span === 1 || spec.oneRoster || dropLineBreaks(r, fields, plan, required);
  };
  await guardRead(
    file,
    ctx.sink,
    async () =>
      readCsv(
        await file.open(),
        {
          record(fields, line, span) {
            if (isBlank(fields)) return;
            if (header) {
              header = false;
              return;
            }
            rows++;
            if (shape(fields, line, span)) {
              handler.row(r);
            } else if (r.failed) {
              ctx.reject(spec.entity);
            }
          },
          malformed(line, code, message, partial) {
            rows++;
            ctx.reject(spec.entity);
            const id = keyCol >= 0 ? (partial[keyCol] ?? '').trim() : '';
            ctx.sink.add(file.name, line, id, 'error', 'MALFORMED_ROW', '', '', `${code}: ${message}; record skipped`);
          },
        },
        { maxRecordBytes: ctx.options.maxRecordBytes, afterChunk: (bytes) => hooks.afterChunk(job, rows, bytes) },
      ),
    (column) => plan.names[column] ?? '',
  );
  handler.end?.();
  return rows;
}

/** Rows must have the header's width; trailing unnamed header columns and trailing empty cells are tolerated. */
function checkWidth(r: RowReader, plan: HeaderPlan): boolean {
  const n = r.fields.length;
  if (n === plan.width) return true;
  if (n < plan.width && n >= plan.trailingEmptyFrom) return true;
  if (n > plan.width && r.fields.slice(plan.width).every((f) => f.trim() === '')) return true;
  const msg = `CSV_RECORD_INCONSISTENT_COLUMNS: the header has ${plan.width} columns, this row ${n}; record skipped`;
  r.error('MALFORMED_ROW', '', '', msg);
  return false;
}

function isEmptyRow(r: RowReader): boolean {
  if (r.fields[0].trim() !== '' || !r.fields.every((f) => f.trim() === '')) return false;
  r.warn('EMPTY_ROW', '', '', 'row has only empty values: ignored');
  return true;
}

function checkSizes(r: RowReader, plan: HeaderPlan, max: number): boolean {
  for (let i = 0; i < r.fields.length; i++) {
    const v = r.fields[i];
    if (v.length > max) {
      const name = plan.names[i] ?? '';
      r.error(
        'FIELD_TOO_LARGE',
        name,
        v,
        `${name || `column ${i + 1}`} has ${v.length} characters (limit ${max}); record skipped`,
      );
      return false;
    }
  }
  return true;
}

/** SDS v2.1 does not accept line breaks inside values: required value → record error, optional → value dropped. */
function dropLineBreaks(r: RowReader, fields: string[], plan: HeaderPlan, required: ReadonlySet<number>): boolean {
  for (let i = 0; i < fields.length; i++) {
    const v = fields[i];
    if (!v.includes('\n') && !v.includes('\r')) continue;
    const name = plan.names[i] ?? '';
    const msg = `${name} contains a line break, which SDS v2.1 does not accept`;
    if (required.has(i)) r.error('LINE_BREAK_IN_VALUE', name, v, `${msg}; record skipped`);
    else {
      r.warn('LINE_BREAK_IN_VALUE', name, v, `${msg}; value dropped`);
      fields[i] = '';
    }
  }
  return !r.failed;
}
