import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StructuredType } from '../../model/edm.js';
import { errors } from '../errors/graph-error.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const ALL_METHODS: Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

export interface MethodSpec {
  /** Any one of these permissions suffices; an empty list means any valid token. */
  permissions: readonly string[];
  summary: string;
  /** Status code on success. */
  status: number;
  /** Type of the request body, for the OpenAPI document. */
  requestType?: StructuredType;
  /** Type of the response body (`collection` for lists), for the OpenAPI document. */
  responseType?: StructuredType;
  collection?: boolean;
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/** What the OpenAPI generator needs to know of every registered operation. */
export interface CatalogEntry extends Omit<MethodSpec, 'handler'> {
  url: string;
  method: Method;
  tag: string;
}

/**
 * Registers URLs with the methods they support; every other method on the same URL answers 405,
 * so a wrong verb is told apart from an unknown resource. Each operation is also recorded for OpenAPI.
 */
export class ResourceRegistrar {
  constructor(
    private readonly app: FastifyInstance,
    private readonly catalog: CatalogEntry[],
    private readonly tag: string,
  ) {}

  add(url: string, methods: Partial<Record<Method, MethodSpec>>): this {
    for (const [method, spec] of Object.entries(methods) as [Method, MethodSpec][]) {
      const { handler, ...doc } = spec;
      this.catalog.push({ ...doc, url, method, tag: this.tag });
      this.app.route({ method, url, config: { permissions: spec.permissions }, handler });
    }
    const others = ALL_METHODS.filter((m) => !(m in methods));
    if (others.length > 0) {
      this.app.route({
        method: others,
        url,
        handler: async (req) => {
          throw errors.methodNotAllowed(req.method, req.url.split('?')[0]);
        },
      });
    }
    return this;
  }
}
