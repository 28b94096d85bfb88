import type { RecordBatch, Finding, RosterFormat } from './model.js';
import {
  DEFAULT_ONEROSTER_ROLE_MAP,
  ENROLLMENT_ROLES,
  GRADES,
  ORG_ROLES,
  ORG_TYPES,
  RELATIONSHIP_ROLES,
} from './rules/value-lists.js';
import type { ResolvedOptions } from './run-context.js';

export interface ReadProgress {
  file: string;
  /** Data rows read so far in this file. */
  rows: number;
  bytesRead: number;
  /** Uncompressed size of the file. */
  fileBytes: number;
  /** True for the last report of a file. */
  done: boolean;
}

export interface ReadRosterOptions {
  /** A folder (loose CSV files and/or .zip files) or a .zip file. */
  path: string;
  /** Default `auto`: detected from the file set. */
  format?: 'auto' | RosterFormat;
  /**
   * Receives accepted records in batches of `batchSize` per entity, in dependency order (a batch never arrives
   * before the batches holding the records it refers to). A returned promise is awaited before more input is
   * read. Without it, all records are collected into `result.records`.
   */
  onBatch?: (batch: RecordBatch) => void | Promise<void>;
  /** Default 500. */
  batchSize?: number;
  /** Receives every finding as it is made (even beyond `maxFindings`). */
  onFinding?: (finding: Finding) => void;
  /** Findings kept in `result.findings`; default 10 000. Counts are always complete. */
  maxFindings?: number;
  /** About once per MiB read and at the end of each file. */
  onProgress?: (progress: ReadProgress) => void;
  /** Cancels the read (catastrophic OPERATION_CANCELLED). */
  signal?: AbortSignal;
  /** Overrides of the OneRoster → SDS role mapping, e.g. `{ siteAdministrator: 'administrator' }`. */
  roleMap?: Readonly<Record<string, string>>;
  /** Custom reference codes of the tenant, accepted on top of the default value lists. */
  extraCodes?: {
    orgTypes?: string[];
    roles?: string[];
    grades?: string[];
    enrollmentRoles?: string[];
    relationshipRoles?: string[];
  };
  /** classes.csv and enrollments.csv become required (a class-group flow is on). Default false. */
  requireClasses?: boolean;
  /** Characters one value may have before the record is rejected (FIELD_TOO_LARGE). Default 32 768. */
  maxFieldLength?: number;
  /** Bytes one record may grow to before the file is abandoned (RECORD_TOO_LARGE). Default 8 MiB. */
  maxRecordBytes?: number;
}

export function resolveOptions(o: ReadRosterOptions): ResolvedOptions {
  const x = o.extraCodes ?? {};
  const lists = {
    orgTypes: ORG_TYPES.extend(x.orgTypes),
    roles: ORG_ROLES.extend(x.roles),
    grades: GRADES.extend(x.grades),
    enrollmentRoles: ENROLLMENT_ROLES.extend(x.enrollmentRoles),
    relationshipRoles: RELATIONSHIP_ROLES.extend(x.relationshipRoles),
  };
  const roleMap = { ...DEFAULT_ONEROSTER_ROLE_MAP, ...o.roleMap };
  for (const [from, to] of Object.entries(roleMap)) {
    if (lists.roles.match(to) !== to) throw new TypeError(`roleMap.${from}: ${to} is not a role code`);
  }
  return {
    maxFieldLength: o.maxFieldLength ?? 32_768,
    maxRecordBytes: o.maxRecordBytes ?? 8 << 20,
    roleMap,
    lists,
    requireClasses: o.requireClasses ?? false,
  };
}
