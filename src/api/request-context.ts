import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    clientRequestId: string;
  }
  interface FastifyContextConfig {
    /** Permissions of which the caller's token must grant one; absent = anonymous route. */
    permissions?: readonly string[];
  }
}

/** Graph's request correlation: `request-id` (ours) and `client-request-id` (the client's, echoed, or ours). */
export function registerRequestContext(app: FastifyInstance): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('clientRequestId', '');
  app.addHook('onRequest', async (req, reply) => {
    const given = req.headers['client-request-id'];
    req.clientRequestId = typeof given === 'string' && given.length <= 200 ? given : req.id;
    reply.header('request-id', req.id);
    reply.header('client-request-id', req.clientRequestId);
  });
}

export const newRequestId = (): string => randomUUID();

/** `scheme://host[:port]` of the request, for Location headers, nextLinks and upload URLs. */
export function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
