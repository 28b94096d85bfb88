export type {
  AndNode,
  ComparisonNode,
  ComparisonOperator,
  FilterNode,
  FunctionNode,
  InNode,
  LiteralNode,
  LiteralType,
  NotNode,
  OrNode,
  PropertyNode,
  StringFunctionName,
  ValueNode,
} from './ast.js';
export { ODataQueryError } from './errors.js';
export { applyQuery, evaluateFilter, selectProperties } from './evaluate.js';
export type { QueryResult } from './evaluate.js';
export { parseFilter } from './filter-parser.js';
export { compileFilter } from './kysely.js';
export type { ColumnMap } from './kysely.js';
export type { EntityQueryModel, PrimitiveType, PropertyType } from './model.js';
export { decodeSkipToken, encodeSkipToken, nextLink } from './paging.js';
export { parseQueryOptions } from './query-options.js';
export type { OrderByItem, ParsedQuery, QueryOptionsConfig, RawQuery, SortDirection } from './query-options.js';
