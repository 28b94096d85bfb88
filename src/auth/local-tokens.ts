import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  createLocalJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
} from 'jose';
import type { Store } from '../store/database.js';
import { AuthenticationError, principalFromClaims, type Principal, type TokenVerifier } from './principal.js';

export const LOCAL_ISSUER = 'urn:rosterlink:local';
export const LOCAL_AUDIENCE = 'https://graph.microsoft.com';
const ALG = 'ES256';

interface KeyRow {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The store's signing key, created on first use, so `serve` and `token` on the same --db agree. */
async function signingKey(store: Store): Promise<KeyRow> {
  const existing = await store.db
    .selectFrom('signing_keys')
    .selectAll()
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (existing) {
    return {
      kid: existing.kid,
      privateJwk: JSON.parse(existing.private_jwk),
      publicJwk: JSON.parse(existing.public_jwk),
    };
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  const row = {
    kid,
    privateJwk: await exportJWK(privateKey),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG },
  };
  await store.db
    .insertInto('signing_keys')
    .values({
      kid,
      private_jwk: JSON.stringify(row.privateJwk),
      public_jwk: JSON.stringify(row.publicJwk),
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Two processes may race on first use: whichever key landed first is the one both use.
  return signingKey(store);
}

export interface IssueOptions {
  permissions: string[];
  /** Application token (`roles`) instead of delegated (`scp`). */
  app?: boolean;
  expiresInSeconds?: number;
  subject?: string;
}

export async function issueLocalToken(store: Store, opts: IssueOptions): Promise<string> {
  const key = await signingKey(store);
  const privateKey = await importJWK(key.privateJwk, ALG);
  const claims = opts.app ? { roles: opts.permissions, appid: 'rosterlink-cli' } : { scp: opts.permissions.join(' ') };
  return new SignJWT({ ...claims, oid: opts.subject ?? randomUUID(), tid: 'rosterlink' })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expiresInSeconds ?? 3600))
    .sign(privateKey);
}

export class LocalTokenVerifier implements TokenVerifier {
  private jwks?: ReturnType<typeof createLocalJWKSet>;

  constructor(private readonly store: Store) {}

  async verify(token: string): Promise<Principal> {
    this.jwks ??= createLocalJWKSet({ keys: [(await signingKey(this.store)).publicJwk] });
    const jwks = this.jwks;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: [ALG],
      });
      return principalFromClaims(payload);
    } catch (err) {
      throw toAuthenticationError(err);
    }
  }
}

export function toAuthenticationError(err: unknown): AuthenticationError {
  if (err instanceof AuthenticationError) return err;
  if (err instanceof joseErrors.JWTExpired)
    return new AuthenticationError('Lifetime validation failed, the token is expired.');
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    return new AuthenticationError(`Access token validation failure. Invalid ${err.claim} claim.`);
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) {
    return new AuthenticationError('Access token validation failure. Invalid signature.');
  }
  return new AuthenticationError('Access token validation failure. The token is not a well-formed JWT.');
}
