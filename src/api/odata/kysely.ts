import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type {
  ComparisonNode,
  ComparisonOperator,
  FilterNode,
  FunctionNode,
  InNode,
  LiteralNode,
  PropertyNode,
  ValueNode,
} from './ast.js';
import { pathString } from './ast.js';
import { filterError } from './errors.js';
import { evaluateFilter } from './evaluate.js';
import { comparisonClass, flipOperator } from './type-rules.js';
import type { ValueClass } from './type-rules.js';

/** Canonical property path (`a/b` for nested) → SQL column reference (`col` or `table.col`). */
export type ColumnMap = Readonly<Record<string, string>>;

const SQL_OPERATORS = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

/**
 * Compiles a filter to a Kysely boolean expression with the same result as `evaluateFilter` (portable SQL for
 * SQLite and PostgreSQL):
 * - two-valued logic: every predicate is made null-safe (`col IS NOT NULL AND ...`), so `not` never meets SQL NULL
 *   and OData's null semantics hold (`null eq null`, `ge`/`le` true for two nulls, `gt`/`lt` false);
 * - text (string/enum/guid) compares case-insensitively through `lower()` on both sides (SQLite's `lower()` folds
 *   ASCII only, so non-ASCII letters compare case-sensitively there);
 * - booleans are emitted as `true`/`false` literals (SQLite ≥ 3.23 reads them as 1/0);
 * - DateTimeOffset literals are bound as `toISOString()` text: columns must hold that exact form (UTC, `.sssZ`) in
 *   SQLite, where they compare as text; PostgreSQL `timestamptz` columns work as they are.
 * Only properties present in `columns` may be used; any other is an `ODataQueryError`.
 */
export function compileFilter<DB, TB extends keyof DB>(
  node: FilterNode,
  columns: ColumnMap,
  eb: ExpressionBuilder<DB, TB>,
): Expression<SqlBool> {
  const TRUE = sql<SqlBool>`1 = 1`;
  const FALSE = sql<SqlBool>`1 = 0`;
  const constant = (value: boolean): Expression<SqlBool> => (value ? TRUE : FALSE);

  const column = (property: PropertyNode): Expression<unknown> => {
    const path = pathString(property);
    if (!Object.hasOwn(columns, path)) throw filterError(`Filtering on property '${path}' is not supported.`);
    return sql.ref(columns[path]);
  };
  const isNull = (p: PropertyNode) => eb(column(p), 'is', null);
  const notNull = (p: PropertyNode) => eb(column(p), 'is not', null);
  const lower = (e: Expression<unknown>) => eb.fn<string>('lower', [e]);

  const literal = (node: LiteralNode, cls: ValueClass): Expression<unknown> => {
    if (cls === 'text') return lower(eb.val(String(node.value)));
    if (typeof node.value === 'boolean') return eb.lit(node.value);
    return eb.val(node.value);
  };
  const operand = (node: ValueNode, cls: ValueClass): Expression<unknown> => {
    if (node.kind === 'literal') return literal(node, cls);
    return cls === 'text' ? lower(column(node)) : column(node);
  };

  const comparison = (node: ComparisonNode): Expression<SqlBool> => {
    // Put the property on the left; literal op literal is folded at compile time.
    let left: PropertyNode;
    let right: ValueNode;
    let op = node.operator;
    if (node.left.kind === 'property') {
      [left, right] = [node.left, node.right];
    } else if (node.right.kind === 'property') {
      [left, right, op] = [node.right, node.left, flipOperator(op)];
    } else {
      return constant(evaluateFilter(node, {}));
    }
    const cls = comparisonClass(left, right);
    if (right.kind === 'literal') {
      if (right.type === 'null') {
        if (op === 'eq' || op === 'ge' || op === 'le') return isNull(left);
        return op === 'ne' ? notNull(left) : FALSE;
      }
      const compare = eb(operand(left, cls), SQL_OPERATORS[op], operand(right, cls));
      return op === 'ne' ? eb.or([isNull(left), compare]) : eb.and([notNull(left), compare]);
    }
    // property op property
    const other = right;
    const present = (operator: ComparisonOperator) =>
      eb.and([notNull(left), notNull(other), eb(operand(left, cls), SQL_OPERATORS[operator], operand(other, cls))]);
    const bothNull = eb.and([isNull(left), isNull(other)]);
    switch (op) {
      case 'gt':
      case 'lt':
        return present(op);
      case 'ne':
        return eb.not(eb.or([present('eq'), bothNull]));
      default:
        return eb.or([present(op), bothNull]);
    }
  };

  const inList = (node: InNode): Expression<SqlBool> => {
    const subject = node.operand;
    if (subject.kind === 'literal') return constant(evaluateFilter(node, {}));
    const cls = comparisonClass(subject, subject);
    const present = node.values.filter((v) => v.type !== 'null');
    const parts: Expression<SqlBool>[] = [];
    if (present.length > 0) {
      const list = present.map((v) => literal(v, cls));
      parts.push(eb.and([notNull(subject), eb(operand(subject, cls), 'in', list)]));
    }
    if (present.length < node.values.length) parts.push(isNull(subject));
    return parts.length === 1 ? parts[0] : eb.or(parts);
  };

  const stringFunction = (node: FunctionNode): Expression<SqlBool> => {
    const escaped = node.value.replace(/[\\%_]/g, (c) => `\\${c}`);
    const pattern =
      node.name === 'startswith' ? `${escaped}%` : node.name === 'endswith' ? `%${escaped}` : `%${escaped}%`;
    const like = sql<SqlBool>`${lower(column(node.property))} like ${lower(eb.val(pattern))} escape '\\'`;
    return eb.and([notNull(node.property), like]);
  };

  const compile = (node: FilterNode): Expression<SqlBool> => {
    switch (node.kind) {
      case 'and':
        return eb.and([compile(node.left), compile(node.right)]);
      case 'or':
        return eb.or([compile(node.left), compile(node.right)]);
      case 'not':
        return eb.not(compile(node.operand));
      case 'comparison':
        return comparison(node);
      case 'in':
        return inList(node);
      case 'function':
        return stringFunction(node);
    }
  };

  return compile(node);
}
