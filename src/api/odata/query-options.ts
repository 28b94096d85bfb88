import type { FilterNode } from './ast.js';
import { ODataQueryError } from './errors.js';
import { parseFilter } from './filter-parser.js';
import { findKey, isPrimitive, resolvePath } from './model.js';
import type { EntityQueryModel } from './model.js';
import { decodeSkipToken } from './paging.js';

export type SortDirection = 'asc' | 'desc';

export interface OrderByItem {
  /** Canonical property path, `/`-separated for a property of a complex property. */
  property: string;
  direction: SortDirection;
}

export interface ParsedQuery {
  filter?: FilterNode;
  /** Canonical top-level property names; absent for no `$select` or `$select=*`. */
  select?: string[];
  orderby?: OrderByItem[];
  top?: number;
  skip?: number;
  count?: boolean;
  /** Validated (decodable) skip token, kept opaque. */
  skiptoken?: string;
  /** Raw values of the options admitted through `opts.allowed`, keyed by lower-case name with `$` (`$expand`). */
  extra?: Record<string, string>;
}

export interface QueryOptionsConfig {
  /** Extra `$` options this endpoint accepts without parsing (e.g. `$expand`, `$search`); any case, `$` optional. */
  allowed?: Set<string>;
  /**
   * The only options this endpoint accepts (any case, `$` optional), e.g. `['select', 'expand']` for a single
   * entity. Any other `$` option is an error, and the same name without `$` is ignored. Names this module does not
   * parse (`expand`, `search`) are admitted and returned raw in `extra`.
   */
  only?: readonly string[];
}

export type RawQuery = Record<string, string | string[] | undefined>;

/** Options this module parses, by lower-case name without `$`. */
const SUPPORTED: ReadonlySet<string> = new Set(['filter', 'select', 'orderby', 'top', 'skip', 'count', 'skiptoken']);
/** Options also accepted without the `$` prefix (as Graph beta does). */
const WITHOUT_DOLLAR: ReadonlySet<string> = new Set(['filter', 'select', 'orderby', 'top', 'skip', 'count']);

function duplicate(name: string): ODataQueryError {
  return new ODataQueryError(
    `Query option '${name}' was specified more than once, but it must be specified at most once.`,
  );
}

function optionNames(names: Iterable<string>): Set<string> {
  return new Set([...names].map((name) => (name.startsWith('$') ? name : `$${name}`).toLowerCase()));
}

/**
 * Groups the raw query into option values by canonical name (`$top`), rejecting unknown, forbidden and repeated
 * options. `only` (canonical names) restricts the options; `allowed` (canonical names) admits unparsed ones.
 */
function collect(
  query: RawQuery,
  allowed: ReadonlySet<string>,
  only: ReadonlySet<string> | undefined,
): { options: Map<string, string>; extra: Record<string, string> } {
  const options = new Map<string, string>();
  const extra: Record<string, string> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) continue;
    const lower = key.toLowerCase();
    const bare = lower.startsWith('$') ? lower.slice(1) : lower;
    const permitted = only === undefined || only.has(`$${bare}`);
    const known = permitted && (lower.startsWith('$') ? SUPPORTED.has(bare) : WITHOUT_DOLLAR.has(bare));
    if (!known) {
      if (!lower.startsWith('$')) continue; // not a query option: perhaps a function parameter
      if (!allowed.has(lower) && !(only?.has(lower) ?? false))
        throw new ODataQueryError(`Query option '${key}' is not supported.`);
      if (Object.hasOwn(extra, lower) || (Array.isArray(raw) && raw.length > 1)) throw duplicate(lower);
      extra[lower] = Array.isArray(raw) ? raw[0] : raw;
      continue;
    }
    const name = `$${bare}`;
    if (options.has(name) || (Array.isArray(raw) && raw.length > 1)) throw duplicate(name);
    options.set(name, Array.isArray(raw) ? raw[0] : raw);
  }
  return { options, extra };
}

function nonNegativeInteger(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new ODataQueryError(`Invalid ${name} value '${value}': must be a non-negative integer.`);
  }
  return n;
}

function parseCount(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    throw new ODataQueryError(`Invalid $count value '${value}': must be 'true' or 'false'.`);
  }
  return lower === 'true';
}

function parseSelect(value: string, entity: EntityQueryModel): string[] | undefined {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0 || names.includes('*')) return undefined;
  const selected = new Set<string>();
  for (const name of names) {
    const key = findKey(entity.properties, name) ?? (name.toLowerCase() === 'id' ? 'id' : undefined);
    if (key === undefined) {
      throw new ODataQueryError(`Could not find a property named '${name}' on type '${entity.typeName}'.`);
    }
    selected.add(key);
  }
  return [...selected];
}

function parseOrderBy(value: string, entity: EntityQueryModel): OrderByItem[] | undefined {
  if (value.trim() === '') return undefined;
  const items: OrderByItem[] = [];
  for (const clause of value.split(',')) {
    const parts = clause.trim().split(/\s+/);
    const direction = parts.length === 2 ? parts[1].toLowerCase() : 'asc';
    if (parts[0] === '' || parts.length > 2 || (direction !== 'asc' && direction !== 'desc')) {
      throw new ODataQueryError(
        `Invalid $orderby clause '${clause.trim()}': expected a property path optionally followed by 'asc' or 'desc'.`,
      );
    }
    const { segments, type } = resolvePath(entity, parts[0].split('/'));
    const property = segments.join('/');
    if (!isPrimitive(type)) {
      throw new ODataQueryError(
        `The $orderby expression '${property}' must evaluate to a single value of primitive type.`,
      );
    }
    if (items.some((item) => item.property === property)) {
      throw new ODataQueryError(`Duplicate property named '${property}' is not supported in '$orderby'.`);
    }
    items.push({ property, direction });
  }
  return items;
}

/**
 * Parses and validates the OData query options of a collection request.
 *
 * - Option names are case-insensitive; `filter`, `select`, `orderby`, `top`, `skip` and `count` are also accepted
 *   without `$` (Graph beta). Other parameters without `$` are ignored (they may be function parameters).
 * - Any other `$` option is an error unless listed in `opts.allowed` (then returned raw in `extra`).
 * - `opts.only` restricts the accepted options to those listed (see `QueryOptionsConfig`).
 * - An option given twice (repeated, or with and without `$`) is an error.
 * - Blank `$filter`, `$select` and `$orderby` count as absent. Capping `$top` is the caller's business.
 */
export function parseQueryOptions(
  query: RawQuery,
  entity: EntityQueryModel,
  opts: QueryOptionsConfig = {},
): ParsedQuery {
  const only = opts.only === undefined ? undefined : optionNames(opts.only);
  const { options, extra } = collect(query, optionNames(opts.allowed ?? []), only);
  const parsed: ParsedQuery = {};
  for (const [name, value] of options) {
    switch (name) {
      case '$filter':
        if (value.trim() !== '') parsed.filter = parseFilter(value, entity);
        break;
      case '$select': {
        const select = parseSelect(value, entity);
        if (select !== undefined) parsed.select = select;
        break;
      }
      case '$orderby': {
        const orderby = parseOrderBy(value, entity);
        if (orderby !== undefined) parsed.orderby = orderby;
        break;
      }
      case '$top':
        parsed.top = nonNegativeInteger(name, value);
        break;
      case '$skip':
        parsed.skip = nonNegativeInteger(name, value);
        break;
      case '$count':
        parsed.count = parseCount(value);
        break;
      case '$skiptoken':
        decodeSkipToken(value);
        parsed.skiptoken = value;
        break;
    }
  }
  if (Object.keys(extra).length > 0) parsed.extra = extra;
  return parsed;
}
