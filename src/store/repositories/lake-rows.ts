import type { EntityName, RecordBatch } from '../../inbound/model.js';
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
  flowId: string;
  loadSeq: number;
  /** Seals a per-row password before it is stored. */
  seal: (plain: string) => string;
}

const SEP = '\u001f';
const bool = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);
const opt = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const activeOf = (r: { status?: string }) => (r.status === 'tobedeleted' ? 0 : 1);

/** Pure mappings from normalized records to lake rows. */
export function toLakeRows(batch: RecordBatch, ctx: RowContext): { table: LakeTable; rows: object[] } {
  const base = (r: { status?: string }) => ({ flow_id: ctx.flowId, active: activeOf(r), load_seq: ctx.loadSeq });
  switch (batch.entity) {
    case 'orgs':
      return {
        table: 'lake_orgs',
        rows: batch.records.map((r): LakeOrgsTable => ({
          ...base(r),
          sourced_id: r.sourcedId,
          name: r.name,
          type: r.type,
          parent_sourced_id: opt(r.parentSourcedId),
          identifier: opt(r.identifier),
        })),
      };
    case 'persons':
      return {
        table: 'lake_people',
        rows: batch.records.map((r): LakePeopleTable => ({
          ...base(r),
          sourced_id: r.sourcedId,
          username: r.username,
          given_name: opt(r.givenName),
          family_name: opt(r.familyName),
          middle_name: opt(r.middleName),
          email: opt(r.email),
          phone: opt(r.phone),
          sms: opt(r.sms),
          ad_match_id: opt(r.activeDirectoryMatchId),
          user_number: opt(r.userNumber),
          password: r.password ? ctx.seal(r.password) : null,
          enabled_user: bool(r.enabledUser),
          is_contact: bool(r.isContact),
        })),
      };
    case 'roles':
      return {
        table: 'lake_roles',
        rows: batch.records.map((r): LakeRolesTable => ({
          ...base(r),
          role_key: r.sourcedId ?? [r.userSourcedId, r.orgSourcedId, r.role].join(SEP),
          user_sourced_id: r.userSourcedId,
          org_sourced_id: r.orgSourcedId,
          role: r.role,
          session_sourced_id: opt(r.sessionSourcedId),
          grade: opt(r.grade),
          is_primary: bool(r.isPrimary),
          start_date: opt(r.startDate),
          end_date: opt(r.endDate),
        })),
      };
    case 'relationships':
      return {
        table: 'lake_relationships',
        rows: batch.records.map((r): LakeRelationshipsTable => ({
          flow_id: ctx.flowId,
          active: 1,
          load_seq: ctx.loadSeq,
          rel_key: [r.userSourcedId, r.relationshipUserSourcedId].join(SEP),
          user_sourced_id: r.userSourcedId,
          related_sourced_id: r.relationshipUserSourcedId,
          relationship_role: r.relationshipRole,
        })),
      };
    default:
      return { table: 'lake_records', rows: genericRows(batch, ctx) };
  }
}

function genericRows(batch: RecordBatch, ctx: RowContext): LakeRecordsTable[] {
  return (batch.records as unknown as Record<string, unknown>[]).map((r) => {
    const { status, dateLastModified: _d, password: _p, ...data } = r;
    return {
      flow_id: ctx.flowId,
      active: status === 'tobedeleted' ? 0 : 1,
      load_seq: ctx.loadSeq,
      entity: batch.entity,
      record_key: recordKey(batch.entity, r),
      data: JSON.stringify(data),
    };
  });
}

/** The identity of a record in its entity: its sourcedId, or the columns that make it unique. */
function recordKey(entity: EntityName, r: Record<string, unknown>): string {
  if (typeof r.sourcedId === 'string') return r.sourcedId;
  switch (entity) {
    case 'enrollments':
      return [r.classSourcedId, r.userSourcedId, r.role].join(SEP);
    case 'demographics':
      return String(r.userSourcedId);
    case 'userFlags':
      return [r.userSourcedId, r.flag].join(SEP);
    default:
      return JSON.stringify(r);
  }
}

/** Columns that make up each table's key (for upserts). */
export const LAKE_KEYS: Record<LakeTable, string[]> = {
  lake_orgs: ['flow_id', 'sourced_id'],
  lake_people: ['flow_id', 'sourced_id'],
  lake_roles: ['flow_id', 'role_key'],
  lake_relationships: ['flow_id', 'rel_key'],
  lake_records: ['flow_id', 'entity', 'record_key'],
};

export const LAKE_TABLES = Object.keys(LAKE_KEYS) as LakeTable[];
