import type { FastifyInstance } from 'fastify';
import { AuthenticationError, type TokenVerifier } from '../auth/principal.js';
import { errors } from './errors/graph-error.js';

/**
 * Bearer authentication for every route that declares `config.permissions`:
 * no/invalid/expired token → 401; a valid token that grants none of the permissions → 403.
 */
export function registerAuthentication(app: FastifyInstance, verifier: TokenVerifier): void {
  app.addHook('preHandler', async (req) => {
    const required = req.routeOptions.config.permissions;
    if (required === undefined) return;
    const header = req.headers.authorization;
    if (!header) throw errors.unauthenticated('Access token is empty.');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw errors.unauthenticated("The Authorization header must be 'Bearer <token>'.");
    try {
      req.principal = await verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof AuthenticationError) throw errors.unauthenticated(err.message);
      throw err;
    }
    if (required.length > 0 && !required.some((p) => req.principal!.permissions.has(p))) {
      throw errors.forbidden(
        `Insufficient privileges to complete the operation. Requires one of: ${required.join(', ')}.`,
      );
    }
  });
}
