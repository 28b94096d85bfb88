import type { ConsoleSchema } from './schema-console.js';
import type { EngineSchema } from './schema-engine.js';
import type { LakeSchema } from './schema-lake.js';

/** Kysely table types. Portable across SQLite and PostgreSQL: ids and timestamps as text, JSON as text. */
export interface DocumentsTable {
  collection: string;
  id: string;
  parent_id: string | null;
  type: string;
  data: string;
  created_at: string;
  modified_at: string;
}

export interface SigningKeysTable {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Schema extends LakeSchema, EngineSchema, ConsoleSchema {
  documents: DocumentsTable;
  signing_keys: SigningKeysTable;
  settings: SettingsTable;
  directory_users: DirectoryUsersTable;
  directory_skus: DirectorySkusTable;
  directory_license_assignments: DirectoryLicenseAssignmentsTable;
}

/** Embedded directory accounts (migration 0003). Booleans are 0/1 integers; related_contacts is JSON text. */
export interface DirectoryUsersTable {
  id: string;
  upn: string;
  upn_lower: string;
  mail: string | null;
  mail_lower: string | null;
  mail_nickname: string;
  display_name: string;
  given_name: string | null;
  surname: string | null;
  account_enabled: number;
  usage_location: string | null;
  age_group: string | null;
  consent_provided_for_minor: string | null;
  employee_id: string | null;
  anchor: string | null;
  anchor_lower: string | null;
  grade: string | null;
  user_number: string | null;
  related_contacts: string;
  /** scrypt hash with its parameters; never the password. */
  password_hash: string;
  force_change_password: number;
  created_at: string;
  modified_at: string;
  /** Raised by every update (migration 0006): the account's change stamp. */
  version: number;
}

export interface DirectorySkusTable {
  sku_id: string;
  sku_part_number: string;
  enabled_units: number;
  consumed_units: number;
  created_at: string;
}

export interface DirectoryLicenseAssignmentsTable {
  user_id: string;
  sku_id: string;
  assigned_at: string;
}
