import { createRemoteJWKSet, jwtVerify } from 'jose';
import { principalFromClaims, type Principal, type TokenVerifier } from './principal.js';
import { toAuthenticationError } from './local-tokens.js';

export interface EntraOptions {
  tenantId: string;
  audience: string;
  /** Overridable for sovereign clouds and tests. */
  authorityHost?: string;
}

/** Verifies Microsoft Entra ID access tokens (v1 and v2 issuers) against the tenant's published keys. */
export class EntraTokenVerifier implements TokenVerifier {
  private readonly jwks;
  private readonly issuers: string[];

  constructor(private readonly opts: EntraOptions) {
    const host = opts.authorityHost ?? 'https://login.microsoftonline.com';
    this.jwks = createRemoteJWKSet(new URL(`${host}/${opts.tenantId}/discovery/v2.0/keys`));
    this.issuers = [`${host}/${opts.tenantId}/v2.0`, `https://sts.windows.net/${opts.tenantId}/`];
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.issuers,
        audience: this.opts.audience,
        algorithms: ['RS256'],
      });
      return principalFromClaims(payload);
    } catch (err) {
      throw toAuthenticationError(err);
    }
  }
}
