import { roleIdentity, type EntityName, type RecordBatch } from '../../inbound/model.js';
import type {
  LakeOrgsTable,
  LakePeopleTable,
  LakeRecordsTable,
  LakeRelationshipsTable,
  LakeRolesTable,
} from '../schema-lake.js';

/** Where each inbound entity lands in the lake. */
export type LakeTable = 'lake_orgs' | 'lake_people' | 'lake_roles' | 'lake_relationships' | 'lake_records';

export interface RowContext {
  /** The flow's lake (`lakes.id`). */
  lakeId: number;
  loadSeq: number;
  /** Seals a per-row password before it is stored. */
  seal: (plain: string) => string;
}

/** A value bound to a lake column. */
export type LakeValue = string | number | null;

/**
 * The rows of one batch, flattened: `values` holds `width` values per row, in the order of
 * `LAKE_COLUMNS[table]`. A 1 M-person load writes millions of rows, so no per-row object is built on the way to
 * the database (the writer binds these arrays straight to prepared statements). `lake_id` and `load_seq` are the
 * same for every row of a load: they are not in `values` but written into the statement (see lake-sql.ts).
 */
export interface LakeRows {
  table: LakeTable;
  width: number;
  values: LakeValue[];
}

type Columns<T> = readonly Exclude<keyof T & string, (typeof LOAD_COLUMNS)[number]>[];

/** Columns every lake table has; the statement fills them with the load's constants. */
export const LOAD_COLUMNS = ['lake_id', 'load_seq'] as const;
const COMMON = ['active'] as const;

/** The bound columns of each table, in the order the mappers below push them. */
export const LAKE_COLUMNS = {
  lake_orgs: [
    ...COMMON,
    'sourced_id',
    'name',
    'type',
    'parent_sourced_id',
    'identifier',
  ] satisfies Columns<LakeOrgsTable>,
  lake_people: [
    ...COMMON,
    'sourced_id',
    'username',
    'given_name',
    'family_name',
    'middle_name',
    'email',
    'phone',
    'sms',
    'ad_match_id',
    'user_number',
    'password',
    'enabled_user',
    'is_contact',
  ] satisfies Columns<LakePeopleTable>,
  lake_roles: [
    ...COMMON,
    'role_key',
    'user_sourced_id',
    'org_sourced_id',
    'role',
    'session_sourced_id',
    'grade',
    'is_primary',
    'start_date',
    'end_date',
  ] satisfies Columns<LakeRolesTable>,
  lake_relationships: [
    ...COMMON,
    'rel_key',
    'user_sourced_id',
    'related_sourced_id',
    'relationship_role',
  ] satisfies Columns<LakeRelationshipsTable>,
  lake_records: [...COMMON, 'entity', 'record_key', 'data'] satisfies Columns<LakeRecordsTable>,
} as const satisfies Record<LakeTable, readonly string[]>;

/** Columns that make up each table's key (for upserts); all start with `lake_id`. */
export const LAKE_KEYS: Record<LakeTable, readonly string[]> = {
  lake_orgs: ['lake_id', 'sourced_id'],
  lake_people: ['lake_id', 'sourced_id'],
  lake_roles: ['lake_id', 'role_key'],
  lake_relationships: ['lake_id', 'rel_key'],
  lake_records: ['lake_id', 'entity', 'record_key'],
};

export const LAKE_TABLES = Object.keys(LAKE_KEYS) as LakeTable[];

const SEP = '\u001f';
const bool = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);
const opt = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Pure mapping from a batch of normalized records to flattened lake rows. */
export function toLakeRows(batch: RecordBatch, ctx: Pick<RowContext, 'seal'>): LakeRows {
  const n = batch.records.length;
  let i = 0;
  switch (batch.entity) {
    case 'orgs': {
      const out = valuesFor('lake_orgs', n);
      for (const r of batch.records) {
        out[i++] = activeOf(r.status);
        out[i++] = r.sourcedId;
        out[i++] = r.name;
        out[i++] = r.type;
        out[i++] = opt(r.parentSourcedId);
        out[i++] = opt(r.identifier);
      }
      return rows('lake_orgs', out);
    }
    case 'persons': {
      const out = valuesFor('lake_people', n);
      for (const r of batch.records) {
        out[i++] = activeOf(r.status);
        out[i++] = r.sourcedId;
        out[i++] = r.username;
        out[i++] = opt(r.givenName);
        out[i++] = opt(r.familyName);
        out[i++] = opt(r.middleName);
        out[i++] = opt(r.email);
        out[i++] = opt(r.phone);
        out[i++] = opt(r.sms);
        out[i++] = opt(r.activeDirectoryMatchId);
        out[i++] = opt(r.userNumber);
        out[i++] = r.password ? ctx.seal(r.password) : null;
        out[i++] = bool(r.enabledUser);
        out[i++] = bool(r.isContact);
      }
      return rows('lake_people', out);
    }
    case 'roles': {
      const out = valuesFor('lake_roles', n);
      for (const r of batch.records) {
        out[i++] = activeOf(r.status);
        out[i++] = r.sourcedId ?? roleIdentity(r, SEP);
        out[i++] = r.userSourcedId;
        out[i++] = r.orgSourcedId;
        out[i++] = r.role;
        out[i++] = opt(r.sessionSourcedId);
        out[i++] = opt(r.grade);
        out[i++] = bool(r.isPrimary);
        out[i++] = opt(r.startDate);
        out[i++] = opt(r.endDate);
      }
      return rows('lake_roles', out);
    }
    case 'relationships': {
      const out = valuesFor('lake_relationships', n);
      for (const r of batch.records) {
        out[i++] = 1;
        out[i++] = r.userSourcedId + SEP + r.relationshipUserSourcedId;
        out[i++] = r.userSourcedId;
        out[i++] = r.relationshipUserSourcedId;
        out[i++] = r.relationshipRole;
      }
      return rows('lake_relationships', out);
    }
    default: {
      const out = valuesFor('lake_records', n);
      for (const r of batch.records as unknown as Record<string, unknown>[]) {
        out[i++] = activeOf(r.status as string | undefined);
        out[i++] = batch.entity;
        out[i++] = recordKey(batch.entity, r);
        out[i++] = recordData(r);
      }
      return rows('lake_records', out);
    }
  }
}

/**
 * A packed array of `n` rows of `table`, filled with null, to be written by index. Growing an array row by row
 * (push) costs three times the writes, and an array preallocated with `new Array(n)` is "holey", which the
 * structured clone to the writer thread serializes element by element as a sparse array, 2.4× slower.
 */
function valuesFor(table: LakeTable, n: number): LakeValue[] {
  const length = n * LAKE_COLUMNS[table].length;
  while (nulls.length < length) nulls.push(null);
  return nulls.slice(0, length);
}
const nulls: null[] = [];

function rows(table: LakeTable, values: LakeValue[]): LakeRows {
  return { table, width: LAKE_COLUMNS[table].length, values };
}

function activeOf(status: string | undefined): number {
  return status === 'tobedeleted' ? 0 : 1;
}

/** The record as JSON, without the delta fields and any password (never stored in plain text). */
function recordData(r: Record<string, unknown>): string {
  // JSON.stringify leaves out undefined values: bulk records (the common case) need no copy.
  if (r.status === undefined && r.dateLastModified === undefined && r.password === undefined) return JSON.stringify(r);
  const { status: _s, dateLastModified: _d, password: _p, ...data } = r;
  return JSON.stringify(data);
}

/** The identity of a record in its entity: its sourcedId, or the columns that make it unique. */
function recordKey(entity: EntityName, r: Record<string, unknown>): string {
  if (typeof r.sourcedId === 'string') return r.sourcedId;
  switch (entity) {
    case 'enrollments':
      return `${String(r.classSourcedId)}${SEP}${String(r.userSourcedId)}${SEP}${String(r.role)}`;
    case 'demographics':
      return String(r.userSourcedId);
    case 'userFlags':
      return `${String(r.userSourcedId)}${SEP}${String(r.flag)}`;
    default:
      return JSON.stringify(r);
  }
}
