/**
 * Reads typed values from the current row and reports what is wrong with them:
 * a required value that is missing or invalid is a record error (the row is dropped, `failed` is set);
 * an optional value that is invalid is a warning and only that value is dropped (spec provisioning-behaviour §0.8).
 *
 * One instance per file, reused for every row: no per-row allocation beyond the values themselves.
 */
import type { FindingCode } from '../codes.js';
import type { FindingSink } from '../findings.js';
import type { Col } from '../header.js';
import type { EnumList } from './enum-list.js';
import {
  normalizeDate,
  normalizeEmail,
  normalizeGrade,
  normalizePhone,
  normalizeYear,
  parseBoolean,
  splitList,
} from './values.js';

type Normalize<T> = (value: string) => T | undefined;

export class RowReader {
  fields: readonly string[] = [];
  line = 0;
  /** Identifies the row in findings: the record's sourcedId, or its user for key-less SDS files. */
  sourcedId = '';
  failed = false;

  constructor(
    readonly file: string,
    private readonly sink: FindingSink,
  ) {}

  begin(fields: readonly string[], line: number): void {
    this.fields = fields;
    this.line = line;
    this.sourcedId = '';
    this.failed = false;
  }

  /** The untouched cell ('' when the column is absent or the row is short). */
  raw(c: Col): string {
    return c.i < 0 || c.i >= this.fields.length ? '' : this.fields[c.i];
  }

  /** Required id that also becomes the row's `sourcedId` in findings. */
  key(c: Col): string {
    this.sourcedId = this.raw(c).trim();
    return this.reqId(c);
  }

  reqId(c: Col): string {
    return this.required(c, this.raw(c).trim(), 'INVALID_ENUM', '', identity) ?? '';
  }

  optId(c: Col): string | undefined {
    const v = this.raw(c).trim();
    return v === '' ? undefined : v;
  }

  /** Strings are stored as received; whitespace-only counts as empty. */
  reqText(c: Col): string {
    const v = this.raw(c);
    return this.required(c, v.trim() === '' ? '' : v, 'INVALID_ENUM', '', identity) ?? '';
  }

  optText(c: Col): string | undefined {
    const v = this.raw(c);
    return v.trim() === '' ? undefined : v;
  }

  reqList(c: Col): string[] {
    const v = this.raw(c).trim();
    const items = splitList(v);
    if (items.length === 0) this.missing(c);
    return items;
  }

  optList(c: Col): string[] | undefined {
    const items = splitList(this.raw(c));
    return items.length === 0 ? undefined : items;
  }

  reqEnum(c: Col, list: EnumList): string {
    return this.required(c, this.raw(c).trim(), 'INVALID_ENUM', `a known ${list.name}`, (v) => list.match(v)) ?? '';
  }

  optEnum(c: Col, list: EnumList): string | undefined {
    return this.optional(c, 'INVALID_ENUM', `a known ${list.name}`, (v) => list.match(v));
  }

  optGrade(c: Col, grades: EnumList): string | undefined {
    return this.optional(c, 'INVALID_GRADE', 'a known grade level', (v) => normalizeGrade(v, grades));
  }

  /** A list of grades: unknown items are dropped one by one (warning each). */
  optGrades(c: Col, grades: EnumList): string[] | undefined {
    const items = this.optList(c);
    if (items === undefined) return undefined;
    const out: string[] = [];
    for (const item of items) {
      const g = normalizeGrade(item, grades);
      if (g !== undefined) out.push(g);
      else this.invalid(c, item, 'INVALID_GRADE', 'a known grade level', false);
    }
    return out.length === 0 ? undefined : out;
  }

  /** A list of codes: unknown items are dropped one by one (warning each). */
  optEnumList(c: Col, list: EnumList): string[] | undefined {
    const items = this.optList(c);
    if (items === undefined) return undefined;
    const out: string[] = [];
    for (const item of items) {
      const code = list.match(item);
      if (code !== undefined) out.push(code);
      else this.invalid(c, item, 'INVALID_ENUM', `a known ${list.name}`, false);
    }
    return out.length === 0 ? undefined : out;
  }

  optEmail(c: Col): string | undefined {
    return this.optional(c, 'INVALID_EMAIL', 'an email address (RFC 5322 addr-spec)', normalizeEmail);
  }

  optPhone(c: Col): string | undefined {
    return this.optional(c, 'INVALID_PHONE', 'an E.164 phone number (e.g. +14255550100)', normalizePhone);
  }

  reqDate(c: Col): string {
    return this.required(c, this.raw(c).trim(), 'INVALID_DATE', 'an ISO 8601 date', normalizeDate) ?? '';
  }

  optDate(c: Col): string | undefined {
    return this.optional(c, 'INVALID_DATE', 'an ISO 8601 date (YYYY-MM-DD)', normalizeDate);
  }

  reqYear(c: Col): string {
    return this.required(c, this.raw(c).trim(), 'INVALID_DATE', 'a year (YYYY)', normalizeYear) ?? '';
  }

  optYear(c: Col): string | undefined {
    return this.optional(c, 'INVALID_DATE', 'a year (YYYY)', normalizeYear);
  }

  reqBool(c: Col): boolean {
    return this.required(c, this.raw(c).trim(), 'INVALID_BOOLEAN', 'true or false', parseBoolean) ?? false;
  }

  optBool(c: Col): boolean | undefined {
    return this.optional(c, 'INVALID_BOOLEAN', 'true or false', parseBoolean);
  }

  /** A required value is missing: record error. */
  missing(c: Col): void {
    this.error('MISSING_REQUIRED_VALUE', c.name, '', `${c.name} is required; record skipped`);
  }

  /** A value failed its rule: error when the value is required, otherwise a warning and the value is dropped. */
  invalid(c: Col, value: string, code: FindingCode, expected: string, required: boolean): void {
    const msg = `${c.name} ${JSON.stringify(value)} is not ${expected}`;
    if (required) this.error(code, c.name, value, `${msg}; record skipped`);
    else this.warn(code, c.name, value, `${msg}; value dropped`);
  }

  error(code: FindingCode, field: string, value: string, message: string): void {
    this.failed = true;
    this.sink.add(this.file, this.line, this.sourcedId, 'error', code, field, value, message);
  }

  warn(code: FindingCode, field: string, value: string, message: string): void {
    this.sink.add(this.file, this.line, this.sourcedId, 'warning', code, field, value, message);
  }

  private required<T>(c: Col, v: string, code: FindingCode, expected: string, norm: Normalize<T>): T | undefined {
    if (v === '') {
      this.missing(c);
      return undefined;
    }
    const out = norm(v);
    if (out === undefined) this.invalid(c, v, code, expected, true);
    return out;
  }

  private optional<T>(c: Col, code: FindingCode, expected: string, norm: Normalize<T>): T | undefined {
    const v = this.raw(c).trim();
    if (v === '') return undefined;
    const out = norm(v);
    if (out === undefined) this.invalid(c, v, code, expected, false);
    return out;
  }
}

function identity(v: string): string {
  return v;
}
