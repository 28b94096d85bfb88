import type { FastifyInstance } from 'fastify';
import type { ConfigurationService } from '../../configuration/configuration-service.js';
import { ResourceRegistrar, type CatalogEntry } from './resource.js';
import type { Responder } from './responder.js';

/** What every route plugin of the Graph surface is given. */
export interface GraphContext {
  readonly app: FastifyInstance;
  readonly config: ConfigurationService;
  readonly respond: Responder;
  readonly catalog: CatalogEntry[];
  registrar(tag: string): ResourceRegistrar;
}

export function createGraphContext(
  app: FastifyInstance,
  config: ConfigurationService,
  respond: Responder,
  catalog: CatalogEntry[],
): GraphContext {
  return { app, config, respond, catalog, registrar: (tag) => new ResourceRegistrar(app, catalog, tag) };
}
