/**
 * The lake: the current full data set of each inbound flow, as typed tables for what the engine reads per person
 * (orgs, people, roles, relationships) and one generic table for the rest. `load_seq` is the load that last saw a
 * record; a bulk load marks everything it did not see inactive.
 */
export interface InboundLoadsTable {
  id: string;
  flow_id: string;
  load_seq: number;
  format: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  summary: string | null;
}

export interface InboundFindingsTable {
  load_id: string;
  seq: number;
  file: string;
  line: number;
  sourced_id: string;
  severity: string;
  code: string;
  field: string;
  value: string;
  message: string;
}

/** One lake per inbound flow: its small id is what lake rows carry (migration 0007). */
export interface LakesTable {
  id: number;
  flow_id: string;
}

interface LakeRow {
  lake_id: number;
  active: number;
  load_seq: number;
}

export interface LakeOrgsTable extends LakeRow {
  sourced_id: string;
  name: string;
  type: string;
  parent_sourced_id: string | null;
  identifier: string | null;
}

export interface LakePeopleTable extends LakeRow {
  sourced_id: string;
  username: string;
  given_name: string | null;
  family_name: string | null;
  middle_name: string | null;
  email: string | null;
  phone: string | null;
  sms: string | null;
  ad_match_id: string | null;
  user_number: string | null;
  /** Per-row password from the roster, sealed with the store's secret key. */
  password: string | null;
  enabled_user: number | null;
  is_contact: number | null;
}

export interface LakeRolesTable extends LakeRow {
  role_key: string;
  user_sourced_id: string;
  org_sourced_id: string;
  role: string;
  session_sourced_id: string | null;
  grade: string | null;
  is_primary: number | null;
  start_date: string | null;
  end_date: string | null;
}

export interface LakeRelationshipsTable extends LakeRow {
  rel_key: string;
  user_sourced_id: string;
  related_sourced_id: string;
  relationship_role: string;
}

export interface LakeRecordsTable extends LakeRow {
  entity: string;
  record_key: string;
  data: string;
}

export interface LakeSchema {
  inbound_loads: InboundLoadsTable;
  inbound_findings: InboundFindingsTable;
  lakes: LakesTable;
  lake_orgs: LakeOrgsTable;
  lake_people: LakePeopleTable;
  lake_roles: LakeRolesTable;
  lake_relationships: LakeRelationshipsTable;
  lake_records: LakeRecordsTable;
}
