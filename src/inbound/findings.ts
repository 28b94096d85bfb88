import type { FindingCode } from './codes.js';
import type { Finding, Severity } from './model.js';

/** Values of these fields never leave the reader (findings, logs, reports). */
const REDACTED_FIELDS = new Set(['password']);
const MAX_VALUE_CHARS = 200;

/** Thrown once a catastrophic finding is recorded: unwinds the pipeline to readRoster. */
export class StopReading extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
    this.name = 'StopReading';
  }
}

export interface FindingCounts {
  catastrophic: number;
  error: number;
  warning: number;
}

export interface FindingSinkOptions {
  /** Findings kept in memory for the result; the rest are only counted (and still sent to `listener`). */
  maxStored: number;
  listener?: (finding: Finding) => void;
}

/**
 * Collects findings: redacts secrets, truncates values, counts by severity and code, caps memory.
 * A 1 M-row file with one warning per row must not hold 1 M objects unless the caller asks for them.
 */
export class FindingSink {
  readonly stored: Finding[] = [];
  readonly counts: FindingCounts = { catastrophic: 0, error: 0, warning: 0 };
  readonly byCode = new Map<FindingCode, number>();
  catastrophic: Finding | null = null;
  truncated = 0;
  private readonly onceKeys = new Set<string>();

  constructor(private readonly options: FindingSinkOptions) {}

  add(
    file: string,
    line: number,
    sourcedId: string,
    severity: Severity,
    code: FindingCode,
    field: string,
    value: string,
    message: string,
  ): Finding {
    const finding: Finding = { file, line, sourcedId, severity, code, field, value: cleanValue(field, value), message };
    this.counts[severity]++;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    if (this.stored.length < this.options.maxStored) this.stored.push(finding);
    else this.truncated++;
    this.options.listener?.(finding);
    return finding;
  }

  /** Records a file-level finding only the first time `key` is seen (e.g. once per file and column). */
  once(key: string, make: () => Parameters<FindingSink['add']>): void {
    if (this.onceKeys.has(key)) return;
    this.onceKeys.add(key);
    this.add(...make());
  }

  /** Records a catastrophic finding and stops reading. */
  fatal(file: string, line: number, code: FindingCode, message: string, field = '', value = ''): never {
    const finding = this.add(file, line, '', 'catastrophic', code, field, value, message);
    this.catastrophic ??= finding;
    throw new StopReading(finding);
  }
}

function cleanValue(field: string, value: string): string {
  if (value === '') return value;
  if (REDACTED_FIELDS.has(field)) return '[redacted]';
  return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
}
