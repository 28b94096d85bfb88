import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Doc } from '../../configuration/configuration-service.js';
import type { StructuredType, TypeRegistry } from '../../model/edm.js';
import { writeEntity } from '../../model/write-value.js';
import { roleGroup } from '../../model/reference-types.js';
import { applyQuery, decodeSkipToken, nextLink, parseQueryOptions, selectProperties } from '../odata/index.js';
import type { EntityQueryModel } from '../odata/model.js';
import { queryModelOf } from './query-model.js';
import { requestOrigin } from '../request-context.js';

/** Largest page a collection returns; `$top` may ask for less, `@odata.nextLink` leads to the rest. */
export const MAX_PAGE_SIZE = 100;

/** Builds Graph response bodies: `@odata.context`, query options, paging and polymorphic entity forms. */
export class Responder {
  private readonly models = new Map<StructuredType, EntityQueryModel>();

  constructor(
    private readonly registry: TypeRegistry,
    /** Root used in `@odata.context`, e.g. `https://graph.microsoft.com/beta`. */
    readonly contextRoot: string,
  ) {}

  /** The wire form of a stored entity; `roleGroups` given = expand role-group navigations in complex values. */
  entity(
    declared: StructuredType,
    data: Record<string, unknown>,
    entityPath: string,
    roleGroups?: Map<string, Doc>,
  ): Record<string, unknown> {
    return writeEntity(declared, data, {
      registry: this.registry,
      serviceRoot: this.contextRoot,
      entityPath,
      expand: roleGroups
        ? (target: StructuredType, id: string) => {
            const group = target === roleGroup ? roleGroups.get(id) : undefined;
            return group ? this.entity(roleGroup, group.data, `external/industryData/roleGroups('${id}')`) : undefined;
          }
        : undefined,
    });
  }

  single(req: FastifyRequest, wire: Record<string, unknown>, contextPath: string, type: StructuredType) {
    const parsed = parseQueryOptions(this.query(req), this.model(type), { only: ['select', 'expand'] });
    const body = parsed.select ? selectProperties(wire, parsed.select) : wire;
    const context = parsed.select
      ? contextPath.replace(/\/\$entity$/, `(${parsed.select.join(',')})/$entity`)
      : contextPath;
    return { '@odata.context': `${this.contextRoot}/$metadata#${context}`, ...body };
  }

  collection(req: FastifyRequest, items: Record<string, unknown>[], contextPath: string, type: StructuredType) {
    const model = this.model(type);
    const parsed = parseQueryOptions(this.query(req), model);
    const offset = parsed.skiptoken !== undefined ? decodeSkipToken(parsed.skiptoken) : (parsed.skip ?? 0);
    const pageSize = Math.min(parsed.top ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const {
      items: page,
      count,
      total,
    } = applyQuery(items, { ...parsed, skiptoken: undefined, skip: offset, top: pageSize }, model);
    const body: Record<string, unknown> = {
      '@odata.context': `${this.contextRoot}/$metadata#${contextPath}${parsed.select ? `(${parsed.select.join(',')})` : ''}`,
    };
    if (parsed.count) body['@odata.count'] = count;
    // Only when the client did not cap the page itself with $top below what remains.
    const next = offset + page.length;
    const wantsMore = parsed.top === undefined || parsed.top > MAX_PAGE_SIZE;
    body.value = parsed.select ? page.map((i) => selectProperties(i, parsed.select!)) : page;
    if (wantsMore && next < total) body['@odata.nextLink'] = nextLink(this.requestUrl(req), next);
    return body;
  }

  /** `/$count`: the number of items that pass `$filter`, as text/plain. */
  count(req: FastifyRequest, reply: FastifyReply, items: Record<string, unknown>[], type: StructuredType) {
    const model = this.model(type);
    const parsed = parseQueryOptions(this.query(req), model, { only: ['filter', 'search'] });
    const { total } = applyQuery(items, { filter: parsed.filter }, model);
    reply.type('text/plain; charset=utf-8');
    return String(total);
  }

  location(req: FastifyRequest, path: string): string {
    return `${requestOrigin(req)}${path}`;
  }

  private query(req: FastifyRequest) {
    return req.query as Record<string, string | string[] | undefined>;
  }

  private requestUrl(req: FastifyRequest): URL {
    return new URL(req.originalUrl, requestOrigin(req));
  }

  private model(type: StructuredType): EntityQueryModel {
    let m = this.models.get(type);
    if (!m) {
      m = queryModelOf(type, this.registry);
      this.models.set(type, m);
    }
    return m;
  }
}
