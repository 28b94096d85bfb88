import type { ComparisonOperator, FilterNode, LiteralNode, ValueNode } from './ast.js';
import { filterError } from './errors.js';
import type { ODataQueryError } from './errors.js';
import type { PrimitiveType } from './model.js';

/**
 * Comparison classes: two operands can be compared when they share a class (or one is `null`).
 * Checking is deliberately loose: string/enum/guid are all text, int and decimal are both numbers.
 */
export type ValueClass = 'text' | 'number' | 'boolean' | 'dateTimeOffset' | 'null';

export function primitiveClass(type: PrimitiveType): Exclude<ValueClass, 'null'> {
  switch (type) {
    case 'string':
    case 'enum':
    case 'guid':
      return 'text';
    case 'int':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'dateTimeOffset':
      return 'dateTimeOffset';
  }
}

export function literalClass(node: LiteralNode): ValueClass {
  switch (node.type) {
    case 'string':
    case 'guid':
      return 'text';
    case 'int':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'dateTimeOffset':
      return 'dateTimeOffset';
    case 'null':
      return 'null';
  }
}

export function valueClass(node: ValueNode): ValueClass {
  return node.kind === 'property' ? primitiveClass(node.type) : literalClass(node);
}

/** The class a comparison between two operands is evaluated in (`null` only when both are null). */
export function comparisonClass(left: ValueNode, right: ValueNode): ValueClass {
  const l = valueClass(left);
  return l === 'null' ? valueClass(right) : l;
}

export function compatible(a: ValueClass, b: ValueClass): boolean {
  return a === 'null' || b === 'null' || a === b;
}

const EDM_NAMES: Record<PrimitiveType | LiteralNode['type'], string> = {
  string: 'Edm.String',
  enum: 'Edm.Enum',
  guid: 'Edm.Guid',
  int: 'Edm.Int32',
  decimal: 'Edm.Decimal',
  boolean: 'Edm.Boolean',
  dateTimeOffset: 'Edm.DateTimeOffset',
  null: '<null>',
};

/** Edm type name of an operand for error messages. */
export function edmName(node: ValueNode): string {
  return EDM_NAMES[node.type];
}

export const OPERATOR_KINDS: Record<ComparisonOperator | 'and' | 'or' | 'not' | 'in', string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  and: 'And',
  or: 'Or',
  not: 'Not',
  in: 'In',
};

/** `a op b` ⇔ `b flip(op) a`. */
export function flipOperator(op: ComparisonOperator): ComparisonOperator {
  switch (op) {
    case 'gt':
      return 'lt';
    case 'lt':
      return 'gt';
    case 'ge':
      return 'le';
    case 'le':
      return 'ge';
    default:
      return op;
  }
}

/** What the parser builds before it knows whether a value or a predicate is wanted. */
export type Expr = FilterNode | ValueNode;

export function isFilter(expr: Expr): expr is FilterNode {
  return expr.kind !== 'literal' && expr.kind !== 'property';
}

/** Edm type name of a parsed expression for error messages (predicates are `Edm.Boolean`). */
export function typeName(expr: Expr): string {
  return isFilter(expr) ? 'Edm.Boolean' : edmName(expr);
}

export function incompatible(left: Expr, right: Expr, kind: string): ODataQueryError {
  return filterError(
    `A binary operator with incompatible types was detected. Found operand types '${typeName(left)}' and '${typeName(right)}' for operator kind '${kind}'.`,
  );
}
