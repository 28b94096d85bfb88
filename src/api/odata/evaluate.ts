import type { ComparisonOperator, FilterNode, FunctionNode, ValueNode } from './ast.js';
import { readPath, resolvePath } from './model.js';
import type { EntityQueryModel } from './model.js';
import { decodeSkipToken } from './paging.js';
import type { OrderByItem, ParsedQuery } from './query-options.js';
import { comparisonClass, primitiveClass } from './type-rules.js';
import type { ValueClass } from './type-rules.js';
import { compareValues, normalize } from './values.js';
import type { Comparable } from './values.js';

/**
 * In-memory evaluation of parsed query options.
 *
 * Null semantics follow OData v4 (two-valued logic, never "unknown"): `null eq null` is true and null equals nothing
 * else; `gt`/`lt` with a null operand are false; `ge`/`le` are true only when both operands are null; string
 * functions on a null property are false. All text comparisons are case-insensitive (see `values.ts`).
 */

function operandValue(node: ValueNode, item: Record<string, unknown>): unknown {
  return node.kind === 'property' ? readPath(item, node.path) : node.value;
}

export function compareOperands(operator: ComparisonOperator, a: Comparable | null, b: Comparable | null): boolean {
  if (a === null || b === null) {
    const bothNull = a === null && b === null;
    switch (operator) {
      case 'eq':
      case 'ge':
      case 'le':
        return bothNull;
      case 'ne':
        return !bothNull;
      default:
        return false;
    }
  }
  const order = compareValues(a, b);
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function evaluateFunction(node: FunctionNode, item: Record<string, unknown>): boolean {
  const value = normalize(readPath(item, node.property.path), 'text');
  if (typeof value !== 'string') return false;
  const argument = node.value.toLowerCase();
  switch (node.name) {
    case 'startswith':
      return value.startsWith(argument);
    case 'endswith':
      return value.endsWith(argument);
    case 'contains':
      return value.includes(argument);
  }
}

/** Whether `item` satisfies the filter. */
export function evaluateFilter(node: FilterNode, item: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, item) && evaluateFilter(node.right, item);
    case 'or':
      return evaluateFilter(node.left, item) || evaluateFilter(node.right, item);
    case 'not':
      return !evaluateFilter(node.operand, item);
    case 'function':
      return evaluateFunction(node, item);
    case 'comparison': {
      const cls = comparisonClass(node.left, node.right);
      const a = normalize(operandValue(node.left, item), cls);
      const b = normalize(operandValue(node.right, item), cls);
      return compareOperands(node.operator, a, b);
    }
    case 'in': {
      const value = operandValue(node.operand, item);
      return node.values.some((literal) => {
        const cls = comparisonClass(node.operand, literal);
        return compareOperands('eq', normalize(value, cls), normalize(literal.value, cls));
      });
    }
  }
}

type Comparator<T> = (a: T, b: T) => number;

function orderComparator<T extends Record<string, unknown>>(
  orderby: readonly OrderByItem[],
  model: EntityQueryModel,
): Comparator<T> {
  const keys = orderby.map(({ property, direction }) => {
    const { segments, type } = resolvePath(model, property.split('/'));
    const cls: ValueClass = typeof type === 'string' ? primitiveClass(type) : 'null';
    return { segments, cls, sign: direction === 'desc' ? -1 : 1 };
  });
  return (x, y) => {
    for (const { segments, cls, sign } of keys) {
      const a = normalize(readPath(x, segments), cls);
      const b = normalize(readPath(y, segments), cls);
      // Nulls sort first ascending (and therefore last descending).
      const order = a === null ? (b === null ? 0 : -1) : b === null ? 1 : compareValues(a, b);
      if (order !== 0) return sign * order;
    }
    return 0;
  };
}

export interface QueryResult<T> {
  /** The requested page. */
  items: T[];
  /** Number of items matching the filter, before paging; present when `$count=true`. */
  count?: number;
  /** Number of items matching the filter, before paging; always present. */
  total: number;
  /** Offset of the next page when items remain after it (for `nextLink`); only when `$top` is set. */
  nextOffset?: number;
}

/**
 * Applies filter → count (before paging) → orderby (stable; nulls first ascending) → skip → top. The page starts at
 * the `$skiptoken` offset when there is one, else at `$skip`. `$select` is not applied: see `selectProperties`.
 */
export function applyQuery<T extends Record<string, unknown>>(
  items: readonly T[],
  parsed: ParsedQuery,
  model: EntityQueryModel,
): QueryResult<T> {
  const { filter } = parsed;
  const matched = filter === undefined ? [...items] : items.filter((item) => evaluateFilter(filter, item));
  if (parsed.orderby !== undefined && parsed.orderby.length > 0) matched.sort(orderComparator(parsed.orderby, model));
  const offset = parsed.skiptoken !== undefined ? decodeSkipToken(parsed.skiptoken) : (parsed.skip ?? 0);
  const end = parsed.top === undefined ? matched.length : offset + parsed.top;
  const result: QueryResult<T> = { items: matched.slice(offset, end), total: matched.length };
  if (parsed.count === true) result.count = matched.length;
  if (end < matched.length) result.nextOffset = end;
  return result;
}

/**
 * Projects an item for `$select`: keeps `id`, every instance annotation (`@odata.type`, `@odata.etag`, any key
 * starting with `@`), the selected properties and their property annotations (`prop@odata.context`, ...).
 * Without a selection the item is returned as is. Key order is preserved.
 */
export function selectProperties(item: Record<string, unknown>, select?: readonly string[]): Record<string, unknown> {
  if (select === undefined || select.length === 0) return item;
  const keep = new Set(select);
  keep.add('id');
  const projected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    const at = key.indexOf('@');
    if (at === 0 || keep.has(at > 0 ? key.slice(0, at) : key)) projected[key] = value;
  }
  return projected;
}
