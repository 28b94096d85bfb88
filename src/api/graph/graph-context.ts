import type { FastifyInstance } from 'fastify';
import type { ConfigurationService, Doc } from '../../configuration/configuration-service.js';
import type { Readiness } from '../../engine/readiness.js';
import { ResourceRegistrar, type CatalogEntry } from './resource.js';
import type { Responder } from './responder.js';

/** What every route plugin of the Graph surface is given. */
export interface GraphContext {
  readonly app: FastifyInstance;
  readonly config: ConfigurationService;
  readonly respond: Responder;
  readonly catalog: CatalogEntry[];
  /** The readinessStatus a flow shows on GET and list. */
  readonly readiness: (flow: Doc) => Promise<Readiness>;
  registrar(tag: string): ResourceRegistrar;
}

export function createGraphContext(
  app: FastifyInstance,
  config: ConfigurationService,
  respond: Responder,
  catalog: CatalogEntry[],
  readiness: (flow: Doc) => Promise<Readiness>,
): GraphContext {
  return { app, config, respond, catalog, readiness, registrar: (tag) => new ResourceRegistrar(app, catalog, tag) };
}
