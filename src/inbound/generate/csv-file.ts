/**
 * Buffered CSV output. Rows are encoded straight into 256 KiB Buffers that are handed to the
 * file stream when full; callers await `CsvSet.tick()` between records so
 * backpressure is honoured without paying a promise per row. Encoding into Buffers instead of
 * growing one big string keeps the garbage collector out of the way (it took half the time).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';

const CHUNK_BYTES = 256 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 field: quoted only when it holds a comma, quote or line break. */
export function esc(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A list field such as `orgSourcedIds` ("id1,id2"), quoted when it has more than one item. */
export function list(values: readonly string[]): string {
  return esc(values.join(','));
}

export class CsvFile {
  readonly name: string;
  rows = 0;
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private used = 0;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(path: string, name: string, header: string) {
    this.name = name;
    this.stream = createWriteStream(path, { highWaterMark: 4 * CHUNK_BYTES });
    this.stream.on('error', (err) => (this.failure = err));
    this.put(header);
  }

  /** Appends one row; `line` is already escaped and has no line ending. */
  add(line: string): void {
    this.put(line);
    this.rows++;
  }

  get full(): boolean {
    return this.used >= CHUNK_BYTES / 2;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.used === 0) return;
    const data = this.chunk.subarray(0, this.used);
    // The stream keeps `data` until it is written, so the next rows go to a fresh chunk.
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
    if (!this.stream.write(data)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.used = 0;
    this.stream.destroy();
  }

  private put(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit. The chunk grows when rows are added without a
    // tick in between (the small tables are written in one go).
    const worst = line.length * 3 + 2;
    if (this.used + worst > this.chunk.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.chunk.length, this.used + worst));
      this.chunk.copy(bigger, 0, 0, this.used);
      this.chunk = bigger;
    }
    this.used += this.chunk.write(line, this.used, 'utf8');
    this.chunk[this.used++] = 13;
    this.chunk[this.used++] = 10;
  }
}

/** A set of files written together; `tick()` is cheap to call after every record. */
export class CsvSet {
  private readonly files: CsvFile[] = [];

  add(file: CsvFile): CsvFile {
    this.files.push(file);
    return file;
  }

  async tick(): Promise<void> {
    for (const f of this.files) if (f.full) await f.flush();
  }

  async close(): Promise<void> {
    await Promise.all(this.files.map((f) => f.close()));
  }

  /** Error path: drop buffered rows and close the files without waiting. */
  abort(): void {
    for (const f of this.files) f.destroy();
  }

  names(): string[] {
    return this.files.map((f) => f.name);
  }
}
