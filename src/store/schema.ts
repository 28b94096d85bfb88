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

export interface Schema {
  documents: DocumentsTable;
  signing_keys: SigningKeysTable;
  settings: SettingsTable;
}
