/** Tables of the web console (migration 0005): one-time sign-in codes and sessions, both kept only as hashes. */
export interface ConsoleSignInCodesTable {
  /** SHA-256 of the code, hex; the code itself exists only in the printed link. */
  code_hash: string;
  created_at: string;
  expires_at: string;
  /** Set when the code is used; a used code never works again. */
  used_at: string | null;
}

export interface ConsoleSessionsTable {
  /** SHA-256 of the session id held in the cookie, hex. */
  id_hash: string;
  /** Per-session anti-forgery token, sent back by forms and htmx requests. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ConsoleSchema {
  console_signin_codes: ConsoleSignInCodesTable;
  console_sessions: ConsoleSessionsTable;
}
