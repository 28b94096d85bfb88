/** Tables of the provisioning engine: links, per-person run results, the apply journal, conflict resolutions. */
export interface LinksTable {
  source_system_id: string;
  sourced_id: string;
  account_id: string;
  role_group: string;
  linked_at: string;
  /** Fingerprint of the managed attributes last confirmed on the account (migration 0006); null = none. */
  fingerprint: string | null;
  /** The account's change stamp when that was confirmed; null = unknown, read the account in full. */
  account_stamp: string | null;
}

export interface RunResultsTable {
  run_id: string;
  seq: number;
  flow_id: string;
  sourced_id: string;
  role_group: string | null;
  role: string | null;
  rule: string | null;
  candidate_ids: string;
  decision: string;
  reason: string;
  planned_upn: string | null;
  changes: string;
  account_id: string | null;
  outcome: string;
  error_code: string | null;
  error_message: string | null;
}

export interface ApplyJournalTable {
  run_id: string;
  flow_id: string;
  sourced_id: string;
  action: string;
  state: string;
  upn: string | null;
  account_id: string | null;
  updated_at: string;
}

export interface ConflictResolutionsTable {
  source_system_id: string;
  sourced_id: string;
  resolution: string;
  account_id: string | null;
  resolved_at: string;
}

export interface EngineSchema {
  links: LinksTable;
  run_results: RunResultsTable;
  apply_journal: ApplyJournalTable;
  conflict_resolutions: ConflictResolutionsTable;
}
