import type { PrimitiveType } from './model.js';

/** Typed AST of a parsed, type-checked `$filter` expression. */

export type LiteralType = 'string' | 'int' | 'decimal' | 'boolean' | 'null' | 'guid' | 'dateTimeOffset';

export type LiteralNode =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'int' | 'decimal'; value: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null }
  /** GUID as written (compare case-insensitively). */
  | { kind: 'literal'; type: 'guid'; value: string }
  /** Normalized to `Date.prototype.toISOString()` form (UTC, millisecond precision). */
  | { kind: 'literal'; type: 'dateTimeOffset'; value: string };

export interface PropertyNode {
  kind: 'property';
  /** Canonical (model-cased) path segments; more than one for a property of a complex property. */
  path: string[];
  /** Primitive type of the property (complex and collection properties cannot be used as values). */
  type: PrimitiveType;
}

export type ValueNode = LiteralNode | PropertyNode;

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface ComparisonNode {
  kind: 'comparison';
  operator: ComparisonOperator;
  left: ValueNode;
  right: ValueNode;
}

export interface InNode {
  kind: 'in';
  operand: ValueNode;
  values: LiteralNode[];
}

export type StringFunctionName = 'startswith' | 'endswith' | 'contains';

export interface FunctionNode {
  kind: 'function';
  name: StringFunctionName;
  property: PropertyNode;
  /** The string argument. */
  value: string;
}

export interface AndNode {
  kind: 'and';
  left: FilterNode;
  right: FilterNode;
}

export interface OrNode {
  kind: 'or';
  left: FilterNode;
  right: FilterNode;
}

export interface NotNode {
  kind: 'not';
  operand: FilterNode;
}

/** A boolean-valued filter expression. A bare boolean property `p` is represented as `p eq true`. */
export type FilterNode = ComparisonNode | InNode | FunctionNode | AndNode | OrNode | NotNode;

/** Path of a property node as written in query options: `a/b`. */
export function pathString(node: PropertyNode): string {
  return node.path.join('/');
}
