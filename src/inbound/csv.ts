/**
 * Streaming CSV engine over csv-parse: arrays (not column objects), exact physical line numbers, malformed rows
 * reported and skipped, encoding and runaway-record guards. See README.md "CSV engine" for the measurements
 * behind driving the parser directly instead of piping through its object-mode stream.
 */
import { Parser } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import { hasUtf16Bom, Utf8Checker } from './utf8.js';

export type CsvFatalCode = 'INVALID_ENCODING' | 'MALFORMED_FILE' | 'RECORD_TOO_LARGE' | 'READ_ERROR';

/** A problem that makes the rest of the file untrustworthy. */
export class CsvFatal extends Error {
  constructor(
    readonly code: CsvFatalCode,
    readonly line: number,
    message: string,
    /** 0-based column, when known. */
    readonly column = -1,
  ) {
    super(message);
    this.name = 'CsvFatal';
  }
}

export interface CsvHandler {
  /**
   * A record (header included), its first physical line and how many lines it spans (more than 1 when a
   * quoted value holds a line break). Return `false` to stop reading early.
   */
  record(fields: string[], line: number, span: number): void | false;
  /** A record csv-parse rejected (bad quoting), with the csv-parse error code and what was parsed of it. */
  malformed(line: number, csvCode: string, message: string, partial: readonly string[]): void;
}

export interface CsvReadOptions {
  /** Bytes a single record may grow to before the file is abandoned (unclosed quote guard). */
  maxRecordBytes: number;
  /** Awaited after each chunk: batch backpressure, progress and cancellation hook. */
  afterChunk?: (bytesRead: number) => void | Promise<void>;
  /** Split lines without quotes natively instead of through csv-parse (default true; false for comparisons). */
  fastPath?: boolean;
}

export interface CsvStats {
  records: number;
  bytes: number;
}

/** The parts of csv-parse's Parser used here. `api.parse` is the synchronous core the stream wraps. */
interface ParserInternals {
  api: {
    parse(buf: Buffer | undefined, end: boolean, push: (r: string[]) => void, close: () => void): Error | undefined;
  };
  info: { lines: number; bytes: number; records: number };
  options: { record_delimiter: Buffer[] };
  state: { record: string[]; bomSkipped: boolean; bufBytesStart: number; recordDelimiterMaxLength: number };
}

interface PendingSkip {
  code: string;
  message: string;
  partial: readonly string[];
  record: unknown;
}

class StopEarly extends Error {}

/**
 * Bytes csv-parse leaves unread at the end of a chunk until more data comes (its `needMoreDataSize`: the
 * longest trimmable character, U+3000, is 3 bytes in UTF-8).
 */
const HELD = 3;

/** Reads one CSV stream to the end (or until the handler stops), calling the handler synchronously per record. */
export async function readCsv(stream: Readable, handler: CsvHandler, options: CsvReadOptions): Promise<CsvStats> {
  return new CsvRun(handler, options).run(stream);
}

class CsvRun {
  private readonly parser: ParserInternals;
  private readonly utf8 = new Utf8Checker();
  private readonly push = (record: string[]): void => this.onRecord(record);
  /** Last physical line consumed by a completed record. */
  private trueLine = 0;
  private lastInfoLines = 0;
  /** csv-parse's info.lines minus the true line: it counts a quoted CRLF as two lines. */
  private drift = 0;
  private skips: PendingSkip[] = [];
  private records = 0;
  private fed = 0;
  private lastByte = -1;
  private badEncoding = false;
  /**
   * Fast path (see README.md "CSV engine"): while the file has shown neither a quote nor a stray CR, whole lines
   * are split with String.split and csv-parse is never fed. The first chunk that does not qualify hands the rest
   * of the file, from the start of its first unfinished line, to csv-parse.
   */
  private fast: boolean;
  /** Bytes of the current file not yet consumed by the fast path (an unfinished line). */
  private carry: Buffer | undefined;
  /** Bytes consumed by the fast path (BOM included), i.e. where csv-parse takes over. */
  private consumed = 0;
  /** The record delimiter the fast path found ('' until the first line break). */
  private delimiter: '' | '\n' | '\r\n' = '';

  constructor(
    private readonly handler: CsvHandler,
    private readonly options: CsvReadOptions,
  ) {
    const parser = new Parser({
      bom: true,
      relax_column_count: true, // the file layer judges column counts against the header
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        this.onSkip(err);
        return undefined;
      },
    });
    this.parser = internals(parser);
    this.fast = options.fastPath !== false;
  }

  async run(stream: Readable): Promise<CsvStats> {
    const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    try {
      for (;;) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (err) {
          throw new CsvFatal('READ_ERROR', this.trueLine + 1, `read failed: ${(err as Error).message}`);
        }
        if (next.done) break;
        this.feed(next.value, false);
        await this.options.afterChunk?.(this.fed);
      }
      this.feed(undefined, true);
    } catch (err) {
      if (!(err instanceof StopEarly)) throw err;
    } finally {
      stream.destroy();
    }
    return { records: this.records, bytes: this.fed };
  }

  private feed(chunk: Buffer | undefined, end: boolean): void {
    if (chunk !== undefined) {
      if (this.fed === 0 && hasUtf16Bom(chunk)) {
        throw new CsvFatal('INVALID_ENCODING', 1, 'UTF-16 byte-order mark found: files must be UTF-8');
      }
      if (!this.badEncoding && !this.utf8.push(chunk)) this.badEncoding = true;
      this.fed += chunk.length;
      if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1];
    } else if (end && !this.utf8.end()) {
      this.badEncoding = true;
    }
    if (this.fast) {
      const buf = this.carry === undefined ? chunk : chunk === undefined ? this.carry : concat(this.carry, chunk);
      // Invalid UTF-8 is csv-parse's (the U+FFFD search of the decoded values).
      if (!this.badEncoding && this.fastLines(buf, end)) {
        if (end) this.endOfInput();
        else if (this.fed - this.consumed > this.options.maxRecordBytes) this.fastTooLarge();
        return;
      }
      // Not for the fast path: csv-parse continues from the first unconsumed byte.
      this.handOver();
      chunk = buf;
    }
    const err = this.parser.api.parse(chunk, end, this.push, noop);
    if (err !== undefined) throw new CsvFatal('MALFORMED_FILE', this.trueLine + 1, err.message);
    if (end) this.endOfInput();
    else if (this.fed - this.parser.info.bytes > this.options.maxRecordBytes) this.tooLarge();
  }

  /**
   * csv-parse's measure of the unfinished record: it has read all but the last HELD bytes and counts from the
   * last comma it passed (or the last record's end).
   */
  private fastTooLarge(): void {
    const carry = this.carry;
    if (carry !== undefined && (carry.includes(34) || carry.includes(13))) {
      // Quotes or CRs in the unfinished line: csv-parse's own reading decides.
      this.handOver();
      const err = this.parser.api.parse(carry, false, this.push, noop);
      if (err !== undefined) throw new CsvFatal('MALFORMED_FILE', this.trueLine + 1, err.message);
      if (this.fed - this.parser.info.bytes > this.options.maxRecordBytes) this.tooLarge();
      return;
    }
    const comma = carry === undefined || carry.length <= HELD ? -1 : carry.lastIndexOf(44, carry.length - HELD - 1);
    const from = comma === -1 ? this.consumed : this.consumed + comma;
    if (this.fed - from > this.options.maxRecordBytes) this.tooLarge();
  }

  private tooLarge(): never {
    throw new CsvFatal(
      'RECORD_TOO_LARGE',
      this.trueLine + 1,
      `a record starting at line ${this.trueLine + 1} exceeds ${this.options.maxRecordBytes} bytes (unclosed quote?)`,
    );
  }

  /**
   * Emits the complete lines of `buf` (carry + chunk) when they hold no quote and no CR other than in the
   * file's CRLF delimiters; returns false, consuming nothing, when they do not qualify. Such lines are exactly
   * what csv-parse makes of them: one record per line, values split at commas, an empty line as `['']`. Like
   * csv-parse, the last HELD bytes read are left for the next chunk (so records come out in the same calls).
   */
  private fastLines(buf: Buffer | undefined, end: boolean): boolean {
    if (buf === undefined) return true;
    let from = 0;
    if (this.consumed === 0 && this.trueLine === 0) {
      if (buf.length < 3 && !end) {
        this.carry = buf;
        return true;
      }
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3; // UTF-8 BOM
    }
    const cut = end ? buf.length : buf.length <= HELD ? 0 : buf.lastIndexOf(10, buf.length - HELD - 1) + 1;
    if (cut <= from) {
      // No complete line yet.
      if (from > 0) {
        this.consumed += from;
        buf = buf.subarray(from);
      }
      this.carry = buf.length === 0 ? undefined : buf;
      return true;
    }
    const text = buf.toString('utf8', from, cut);
    if (text.indexOf('"') !== -1) return false;
    let delimiter = this.delimiter;
    if (delimiter === '') {
      const lf = text.indexOf('\n');
      const cr = text.indexOf('\r');
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (lf !== cr + 1) return false; // a lone CR first: csv-parse would take CR as the delimiter
        delimiter = '\r\n';
      } else if (lf !== -1) delimiter = '\n';
    }
    const lines = text.split('\n');
    // The piece after the last LF: '' when the text ends with a line break, the unterminated last line at the end.
    const last = lines.length - 1;
    if (delimiter === '\r\n') {
      // Every LF preceded by a CR, and no other CR.
      let crs = 0;
      for (let p = text.indexOf('\r'); p !== -1; p = text.indexOf('\r', p + 1)) crs++;
      if (crs !== last) return false;
      for (let i = 0; i < last; i++) {
        const l = lines[i];
        if (l.length === 0 || l.charCodeAt(l.length - 1) !== 13) return false;
      }
    } else if (text.indexOf('\r') !== -1) return false;
    this.delimiter = delimiter;
    this.carry = cut < buf.length ? buf.subarray(cut) : undefined;
    this.consumed += cut;
    const n = lines[last] === '' ? last : last + 1;
    const crlf = delimiter === '\r\n';
    for (let i = 0; i < n; i++) {
      const line = crlf && i < last ? lines[i].slice(0, -1) : lines[i];
      const record = line.split(',');
      this.records++;
      this.trueLine++;
      if (this.handler.record(record, this.trueLine, 1) === false) throw new StopEarly();
    }
    return true;
  }

  /** Leaves the fast path for good: csv-parse goes on as if it had read the consumed lines itself. */
  private handOver(): void {
    this.fast = false;
    if (this.consumed === 0) {
      this.carry = undefined;
      return;
    }
    const { info, state, options } = this.parser;
    state.bomSkipped = true;
    state.bufBytesStart = this.consumed;
    info.bytes = this.consumed;
    info.records = this.records;
    info.lines = this.trueLine + 1;
    this.lastInfoLines = this.trueLine;
    if (this.delimiter !== '' && options.record_delimiter.length === 0) {
      options.record_delimiter.push(Buffer.from(this.delimiter));
      state.recordDelimiterMaxLength = this.delimiter.length;
    }
    this.carry = undefined;
  }

  private onRecord(record: string[]): void {
    const infoLines = this.parser.info.lines;
    let start: number;
    let end: number;
    if (this.skips.length === 0) {
      start = this.trueLine + 1;
      // One more csv-parse line than the previous record: the record has no line break inside.
      end = infoLines - this.lastInfoLines === 1 ? start : start + countLineBreaks(record);
    } else {
      end = infoLines - this.drift;
      start = end - countLineBreaks(record);
      this.resolveSkips(start - 1);
    }
    this.drift = infoLines - end;
    this.trueLine = end;
    this.lastInfoLines = infoLines;
    if (this.badEncoding) checkDecoded(record, start);
    this.records++;
    if (this.handler.record(record, start, end - start + 1) === false) throw new StopEarly();
  }

  private onSkip(err: CsvError | undefined): void {
    const record = this.parser.state.record;
    const last = this.skips[this.skips.length - 1];
    if (last !== undefined && last.record === record) return; // a second error in the same record
    const code = err?.code ?? 'CSV_ERROR';
    this.skips.push({ code, message: err?.message ?? code, partial: record.slice(), record });
  }

  /** Skipped records sit between the last good record and `lastLine`; more lines than records means swallowed rows. */
  private resolveSkips(lastLine: number): void {
    const first = this.trueLine + 1;
    const skips = this.skips;
    this.skips = [];
    if (lastLine - first + 1 > skips.length) {
      throw new CsvFatal(
        'MALFORMED_FILE',
        first,
        `unbalanced quotes: lines ${first}-${lastLine} were read as ${skips.length} malformed record(s), ` +
          `so rows in between may be lost (${skips[0].code}: ${skips[0].message})`,
      );
    }
    skips.forEach((s, i) => this.handler.malformed(Math.min(first + i, lastLine), s.code, s.message, s.partial));
  }

  private endOfInput(): void {
    if (this.skips.length > 0) {
      const trailingBreak = this.lastByte === 10 || this.lastByte === 13 ? 1 : 0;
      this.resolveSkips(this.parser.info.lines - this.drift - trailingBreak);
    }
    if (this.badEncoding) {
      throw new CsvFatal('INVALID_ENCODING', this.trueLine, 'the file ends inside a multi-byte UTF-8 sequence');
    }
  }
}

function internals(parser: Parser): ParserInternals {
  const p = parser as unknown as Partial<ParserInternals>;
  if (
    typeof p.api?.parse !== 'function' ||
    p.info === undefined ||
    p.state === undefined ||
    typeof p.state.bufBytesStart !== 'number' ||
    typeof p.state.bomSkipped !== 'boolean' ||
    typeof p.state.recordDelimiterMaxLength !== 'number' ||
    !Array.isArray(p.options?.record_delimiter)
  ) {
    throw new Error('csv-parse internals changed: src/inbound/csv.ts needs Parser.api.parse, info, options and state');
  }
  return p as ParserInternals;
}

function noop(): void {}

function concat(a: Buffer, b: Buffer): Buffer {
  return a.length === 0 ? b : b.length === 0 ? a : Buffer.concat([a, b]);
}

/** Line breaks inside a record's values: CRLF, LF and lone CR each count once (a physical line break). */
export function countLineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) n++;
      else if (c === 13 && field.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

/** Invalid UTF-8 bytes decode to U+FFFD: only searched for once a chunk failed validation. */
function checkDecoded(record: readonly string[], line: number): void {
  for (let i = 0; i < record.length; i++) {
    if (record[i].includes('\uFFFD')) {
      throw new CsvFatal(
        'INVALID_ENCODING',
        line,
        `column ${i + 1} contains bytes that are not valid UTF-8 (Latin-1 / Windows-1252 export?): files must be UTF-8`,
        i,
      );
    }
  }
}
