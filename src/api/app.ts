import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/principal.js';
import { registerConsole } from '../console/index.js';
import { flowReadiness } from '../engine/readiness.js';
import type { Runtime } from '../main.js';
import { RunResultRepository } from '../store/repositories/run-results.js';
import { registerAdminRoutes } from './admin/admin-routes.js';
import { registry } from '../model/index.js';
import { registerAuthentication } from './authenticate.js';
import { registerErrorHandling } from './errors/error-handler.js';
import {
  DIRECTORY_ENTITY_SETS,
  DIRECTORY_SEGMENTS,
  registerDirectory,
  type GraphEmulationOptions,
} from './graph/directory/index.js';
import { createGraphContext } from './graph/graph-context.js';
import { ENTITY_SETS, KNOWN_SEGMENTS, registerIndustryData } from './graph/industry-data/index.js';
import { registerMetadata } from './graph/metadata-route.js';
import type { CatalogEntry } from './graph/resource.js';
import { Responder } from './graph/responder.js';
import { normalizeODataUrl } from './odata-path.js';
import { newRequestId, registerRequestContext } from './request-context.js';

export interface AppOptions {
  runtime: Runtime;
  verifier: TokenVerifier;
  logger?: Logger | false;
  /** Root written into `@odata.context`; Graph's own by default so responses match Microsoft's byte for byte. */
  contextRoot?: string;
  /** Throttling, fault and latency emulation on the /v1.0 surface (off by default). */
  emulation?: GraphEmulationOptions;
}

export const DEFAULT_CONTEXT_ROOT = 'https://graph.microsoft.com/beta';

/** Builds the HTTP application: Graph-compatible /beta surface, $metadata and OpenAPI. Listening is the caller's. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger as FastifyBaseLogger } : { logger: false }),
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    genReqId: newRequestId,
    bodyLimit: 10 * 1024 * 1024,
    rewriteUrl: (req) => normalizeODataUrl(req.url ?? '/'),
  });
  registerRequestContext(app);
  registerErrorHandling(app, {
    known: new Set([...KNOWN_SEGMENTS, ...DIRECTORY_SEGMENTS]),
    entitySets: new Set([...ENTITY_SETS, ...DIRECTORY_ENTITY_SETS]),
  });
  registerAuthentication(app, opts.verifier);

  const catalog: CatalogEntry[] = [];
  const respond = new Responder(registry, opts.contextRoot ?? DEFAULT_CONTEXT_ROOT);
  const { config, ingest, runs, store } = opts.runtime;
  const ctx = createGraphContext(app, config, respond, catalog, (flow) => flowReadiness(config, flow));
  registerIndustryData(ctx, ingest, runs);
  registerDirectory(ctx, opts.emulation);
  registerAdminRoutes(app, catalog, { config, runs, results: new RunResultRepository(store.db) });
  registerMetadata(app, catalog);
  await registerConsole(app, opts.runtime, respond);
  return app;
}
