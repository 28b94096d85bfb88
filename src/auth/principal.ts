/** Who is calling, as far as authorization cares: the permissions the token grants. */
export interface Principal {
  /** `delegated` tokens carry `scp`; `application` tokens carry `roles`. */
  readonly kind: 'delegated' | 'application';
  readonly permissions: ReadonlySet<string>;
  readonly subject: string;
}

export class AuthenticationError extends Error {}

/** Verifies a bearer token; throws AuthenticationError with a message fit for a 401 body. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = String(claims.oid ?? claims.sub ?? 'unknown');
  if (typeof claims.scp === 'string' && claims.scp.trim() !== '') {
    return { kind: 'delegated', permissions: new Set(claims.scp.split(/\s+/).filter(Boolean)), subject };
  }
  if (Array.isArray(claims.roles) && claims.roles.length > 0) {
    return { kind: 'application', permissions: new Set(claims.roles.map(String)), subject };
  }
  throw new AuthenticationError('Either scp or roles claim need to be present in the token.');
}
