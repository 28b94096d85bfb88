import type { FastifyInstance } from 'fastify';
import { registry } from '../../model/index.js';
import { buildCsdl } from './csdl.js';
import { buildOpenApi } from './openapi.js';
import type { CatalogEntry } from './resource.js';

/** `GET /beta/$metadata` (CSDL XML, anonymous as on Graph) and `GET /openapi.json`. */
export function registerMetadata(app: FastifyInstance, catalog: readonly CatalogEntry[]): void {
  const csdl = buildCsdl(registry);
  app.get('/beta/$metadata', async (_req, reply) => reply.type('application/xml').send(csdl));
  let openapi: Record<string, unknown> | undefined;
  app.get('/openapi.json', async () => (openapi ??= buildOpenApi(catalog, registry)));
}
