/**
 * Entry point of the inbound pipeline: source → format detection → file plan → header preflight → rows →
 * normalized records (in batches) + findings. See README.md for the design and the batching contract.
 */
import type { FindingCode } from './codes.js';
import { detectFormat } from './detect.js';
import { RecordEmitter } from './emitter.js';
import type { BatchListener } from './emitter.js';
import { FindingSink, StopReading } from './findings.js';
import type { FindingCounts } from './findings.js';
import { oneRoster11Reader } from './formats/oneroster-1.1/index.js';
import { oneRoster12Reader } from './formats/oneroster-1.2/index.js';
import { sdsReader } from './formats/sds-v2.1/index.js';
import type { FormatReader } from './formats/types.js';
import type { EntityName, Finding, RosterFormat, RosterMode, RosterRecords } from './model.js';
import { planFiles } from './plan.js';
import { preflight, readRows } from './read-file.js';
import type { PreparedJob } from './read-file.js';
import { resolveOptions } from './options.js';
import type { ReadRosterOptions } from './options.js';
import { RunContext } from './run-context.js';
import { openSource } from './source.js';
import type { RosterSource } from './source.js';

export type { ReadRosterOptions, ReadProgress } from './options.js';

export interface RosterCounts {
  /** Data rows read per file (header and blank lines excluded, malformed rows included). */
  rows: Record<string, number>;
  /** Records handed out per entity. */
  accepted: Record<EntityName, number>;
  /** Records dropped by a record error, per entity. */
  rejected: Record<EntityName, number>;
  findings: FindingCounts;
  byCode: Partial<Record<FindingCode, number>>;
}

export interface RosterReadResult {
  /** Null when the format could not be determined (see `catastrophic`). */
  format: RosterFormat | null;
  /** `delta` when any OneRoster file is a delta file; SDS v2.1 is always `bulk`. */
  mode: RosterMode;
  /** Mode per file read. */
  fileModes: Record<string, RosterMode>;
  /** The first catastrophic finding: reading stopped there and the run must be discarded. */
  catastrophic: Finding | null;
  /** Findings in the order found, at most `maxFindings` (see `findingsTruncated`). */
  findings: Finding[];
  findingsTruncated: number;
  counts: RosterCounts;
  /** All records, only when no `onBatch` was given. */
  records: RosterRecords | undefined;
  elapsedMs: number;
}

const PROGRESS_EVERY = 1 << 20;

export async function readRoster(options: ReadRosterOptions): Promise<RosterReadResult> {
  const started = performance.now();
  const sink = new FindingSink({ maxStored: options.maxFindings ?? 10_000, listener: options.onFinding });
  const emitter = new RecordEmitter(options.onBatch as BatchListener | undefined, options.batchSize ?? 500);
  const ctx = new RunContext(sink, emitter, resolveOptions(options));
  const state: RunState = { format: null, mode: 'bulk', fileModes: {}, rows: {} };
  let source: RosterSource | undefined;
  try {
    source = await openSource(options.path, sink);
    await run(ctx, source, options, state);
  } catch (err) {
    if (!(err instanceof StopReading)) throw err;
    await emitter.drain(); // no batch promise is left dangling after a stop
  } finally {
    source?.close();
  }
  return {
    format: state.format,
    mode: state.mode,
    fileModes: state.fileModes,
    catastrophic: sink.catastrophic,
    findings: sink.stored,
    findingsTruncated: sink.truncated,
    counts: {
      rows: state.rows,
      accepted: { ...emitter.accepted },
      rejected: { ...ctx.rejected },
      findings: { ...sink.counts },
      byCode: Object.fromEntries(sink.byCode),
    },
    records: emitter.collected,
    elapsedMs: Math.round(performance.now() - started),
  };
}

interface RunState {
  format: RosterFormat | null;
  mode: RosterMode;
  fileModes: Record<string, RosterMode>;
  rows: Record<string, number>;
}

async function run(ctx: RunContext, source: RosterSource, options: ReadRosterOptions, state: RunState) {
  const detected = await detectFormat(source, options.format ?? 'auto', ctx.sink, ctx.options.maxRecordBytes);
  state.format = detected.format;
  const reader = createReader(detected.format, ctx);
  const plan = planFiles(reader, source, detected.manifest, ctx.sink, ctx.options.requireClasses);
  state.mode = plan.mode;
  for (const spec of plan.absent) ctx.setState(spec.entity, plan.mode === 'bulk' ? 'absent' : 'unchecked', spec.name);
  const jobs: PreparedJob[] = [];
  for (const job of plan.jobs) {
    state.fileModes[job.file.name] = job.mode;
    jobs.push(await preflight(ctx, job));
  }
  await reader.prepare?.(new Map(jobs.map((j) => [j.spec.name, j.file])));
  let reported = 0;
  const hooks = {
    async afterChunk(job: PreparedJob, rows: number, bytes: number) {
      if (options.signal?.aborted === true) {
        ctx.sink.fatal(job.file.name, 0, 'OPERATION_CANCELLED', 'the read was cancelled');
      }
      await ctx.emitter.drain();
      if (options.onProgress !== undefined && bytes - reported >= PROGRESS_EVERY) {
        reported = bytes;
        options.onProgress({ file: job.file.name, rows, bytesRead: bytes, fileBytes: job.file.size, done: false });
      }
    },
  };
  for (const job of jobs) {
    ctx.setState(job.spec.entity, job.mode === 'bulk' ? 'checked' : 'unchecked', job.spec.name);
    reported = 0;
    const rows = await readRows(ctx, reader, job, hooks);
    state.rows[job.file.name] = rows;
    reader.afterFile?.(job.spec);
    ctx.emitter.flush();
    await ctx.emitter.drain();
    options.onProgress?.({ file: job.file.name, rows, bytesRead: job.file.size, fileBytes: job.file.size, done: true });
  }
}

function createReader(format: RosterFormat, ctx: RunContext): FormatReader {
  switch (format) {
    case 'sds-v2.1':
      return sdsReader(ctx);
    case 'oneroster-1.1':
      return oneRoster11Reader(ctx);
    case 'oneroster-1.2':
      return oneRoster12Reader(ctx);
  }
}
