import type { FastifyRequest } from 'fastify';
import type { DirectoryService } from '../../../directory/embedded/index.js';
import type { UserSort, UserWhere } from '../../../store/repositories/directory-users.js';
import { compileFilter, decodeSkipToken, nextLink, parseQueryOptions, type RawQuery } from '../../odata/index.js';
import type { FilterNode, OrderByItem } from '../../odata/index.js';
import { directoryGraphErrors as e } from './directory-errors.js';
import { USER_FILTER_COLUMNS, USER_QUERY_MODEL, userToWire } from './user-model.js';

/** Graph's page size for /users without `$top`, and the largest `$top` it accepts. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

function whereOf(filter: FilterNode | undefined): UserWhere | undefined {
  return filter ? (eb) => compileFilter(filter, USER_FILTER_COLUMNS, eb) : undefined;
}

function sortOf(orderby: OrderByItem[] | undefined): UserSort[] {
  return (orderby ?? []).map((item) => {
    if (!Object.hasOwn(USER_FILTER_COLUMNS, item.property)) {
      throw e.unsupportedQuery(`Sorting on property '${item.property}' is not supported.`);
    }
    return { column: USER_FILTER_COLUMNS[item.property] as UserSort['column'], direction: item.direction };
  });
}

/**
 * GET /users: `$filter` (compiled to SQL), `$select`, `$orderby`, `$top` as the page size (Graph: 1–999, default
 * 100), `$count`, and server-driven paging with `$skiptoken` in `@odata.nextLink`. `$skip` is refused, as by Graph.
 */
export async function listUsers(req: FastifyRequest, service: DirectoryService, contextRoot: string) {
  const parsed = parseQueryOptions(req.query as RawQuery, USER_QUERY_MODEL);
  if (parsed.skip !== undefined) throw e.badRequest("'$skip' is not supported by the service.");
  const top = parsed.top ?? DEFAULT_PAGE_SIZE;
  if (top < 1 || top > MAX_PAGE_SIZE) {
    throw e.unsupportedQuery(
      `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`,
    );
  }
  const offset = parsed.skiptoken !== undefined ? decodeSkipToken(parsed.skiptoken) : 0;
  // One extra row tells whether another page follows, without counting.
  const { accounts, total } = await service.list({
    where: whereOf(parsed.filter),
    orderBy: sortOf(parsed.orderby),
    offset,
    limit: top + 1,
    count: parsed.count,
  });
  const select = parsed.select ? `(${parsed.select.join(',')})` : '';
  const body: Record<string, unknown> = { '@odata.context': `${contextRoot}/$metadata#users${select}` };
  if (parsed.count) body['@odata.count'] = total;
  if (accounts.length > top) {
    body['@odata.nextLink'] = nextLink(new URL(req.originalUrl, `${req.protocol}://${req.host}`), offset + top);
  }
  body.value = accounts.slice(0, top).map((a) => userToWire(a, parsed.select));
  return body;
}

/** GET /users/$count: the number of users passing `$filter`, as text. */
export async function countUsers(req: FastifyRequest, service: DirectoryService): Promise<string> {
  const parsed = parseQueryOptions(req.query as RawQuery, USER_QUERY_MODEL, { only: ['filter'] });
  return String(await service.count(whereOf(parsed.filter)));
}
