import type {
  ComparisonOperator,
  FilterNode,
  LiteralNode,
  PropertyNode,
  StringFunctionName,
  ValueNode,
} from './ast.js';
import { FILTER_ERROR_PREFIX, filterError, syntaxError } from './errors.js';
import type { ODataQueryError } from './errors.js';
import { tokenize } from './lexer.js';
import type { Token } from './lexer.js';
import { isPrimitive, resolvePath } from './model.js';
import type { EntityQueryModel } from './model.js';
import {
  OPERATOR_KINDS,
  compatible,
  incompatible,
  isFilter,
  literalClass,
  primitiveClass,
  typeName,
  valueClass,
} from './type-rules.js';
import type { Expr } from './type-rules.js';

/**
 * Recursive-descent parser for the Microsoft Graph subset of OData v4 `$filter`.
 *
 * Grammar (keywords and function names are case-insensitive):
 *   or         := and ('or' and)*
 *   and        := comparison ('and' comparison)*
 *   comparison := unary (('eq'|'ne'|'gt'|'ge'|'lt'|'le') unary | 'in' '(' literal (',' literal)* ')')*
 *   unary      := 'not' unary | primary
 *   primary    := '(' or ')' | literal | function '(' args ')' | path ('/' path)*
 * so the precedence is not > comparison/in > and > or (as in OData, `not a eq b` is `(not a) eq b`).
 *
 * The result is type-checked against the entity model and uses canonical property names.
 * Syntax errors report the 0-based position of the offending token; when the input ends too early, the position
 * of the last token (the construct left incomplete), or of the unmatched `(`.
 */
export function parseFilter(text: string, model: EntityQueryModel): FilterNode {
  return new FilterParser(text, model).parse();
}

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const RESERVED: ReadonlySet<string> = new Set([...COMPARISON_OPERATORS, 'and', 'or', 'not', 'in']);
const STRING_FUNCTIONS: ReadonlySet<string> = new Set(['startswith', 'endswith', 'contains']);
const MAX_DEPTH = 100;
const TRUE: LiteralNode = { kind: 'literal', type: 'boolean', value: true };

class FilterParser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly model: EntityQueryModel,
  ) {
    this.tokens = tokenize(text);
  }

  parse(): FilterNode {
    const expr = this.parseOr();
    if (this.peek().type !== 'eof') throw this.fail();
    return this.toBool(expr, () => filterError('The $filter expression must evaluate to a single boolean value.'));
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'eof') this.index += 1;
    return token;
  }

  private keyword(): string | undefined {
    const token = this.peek();
    return token.type === 'identifier' ? token.value.toLowerCase() : undefined;
  }

  /** Syntax error at the current token, or at the last token when the input ended too early. */
  private fail(): ODataQueryError {
    const token = this.peek();
    if (token.type !== 'eof') return syntaxError(token.pos, this.text);
    return syntaxError(this.index > 0 ? this.tokens[this.index - 1].pos : 0, this.text);
  }

  /** Consumes the `)` matching the `(` at `open`. */
  private close(open: Token): void {
    const token = this.peek();
    if (token.type === ')') this.next();
    else throw token.type === 'eof' ? syntaxError(open.pos, this.text) : this.fail();
  }

  private toBool(expr: Expr, error: () => ODataQueryError): FilterNode {
    if (isFilter(expr)) return expr;
    if (expr.type === 'boolean') return { kind: 'comparison', operator: 'eq', left: expr, right: TRUE };
    throw error();
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.keyword() === 'or') {
      this.next();
      const right = this.parseAnd();
      const error = () => incompatible(left, right, OPERATOR_KINDS.or);
      left = { kind: 'or', left: this.toBool(left, error), right: this.toBool(right, error) };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseComparison();
    while (this.keyword() === 'and') {
      this.next();
      const right = this.parseComparison();
      const error = () => incompatible(left, right, OPERATOR_KINDS.and);
      left = { kind: 'and', left: this.toBool(left, error), right: this.toBool(right, error) };
    }
    return left;
  }

  private parseComparison(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const keyword = this.keyword();
      if (keyword !== undefined && COMPARISON_OPERATORS.has(keyword)) {
        this.next();
        left = this.comparison(left, keyword as ComparisonOperator, this.parseUnary());
      } else if (keyword === 'in') {
        this.next();
        left = this.inList(left);
      } else {
        return left;
      }
    }
  }

  private parseUnary(): Expr {
    if (this.depth >= MAX_DEPTH) throw filterError('The recursion limit has been exceeded.');
    this.depth += 1;
    try {
      if (this.keyword() !== 'not') return this.parsePrimary();
      this.next();
      const operand = this.parseUnary();
      const error = () =>
        filterError(
          `A unary operator with an incompatible type was detected. Found operand type '${typeName(operand)}' for operator kind 'Not'.`,
        );
      return { kind: 'not', operand: this.toBool(operand, error) };
    } finally {
      this.depth -= 1;
    }
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    switch (token.type) {
      case '(': {
        this.next();
        const expr = this.parseOr();
        this.close(token);
        return expr;
      }
      case 'string':
      case 'guid':
      case 'dateTimeOffset':
        this.next();
        return { kind: 'literal', type: token.type, value: token.value };
      case 'number':
        this.next();
        return { kind: 'literal', type: token.integer ? 'int' : 'decimal', value: token.value };
      case 'identifier':
        return this.identifier(token.value);
      default:
        throw this.fail();
    }
  }

  private identifier(name: string): Expr {
    const lower = name.toLowerCase();
    if (RESERVED.has(lower)) throw this.fail();
    this.next();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', type: 'boolean', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', type: 'null', value: null };
    if (this.peek().type === '(') return this.functionCall(name);
    return this.path(name);
  }

  private path(first: string): PropertyNode {
    const segments = [first];
    while (this.peek().type === '/') {
      const slash = this.next();
      const segment = this.peek();
      // Path segments are identifiers glued to the '/', as in `a/b`.
      if (segment.type !== 'identifier' || segment.pos !== slash.pos + 1 || RESERVED.has(segment.value.toLowerCase())) {
        throw this.fail();
      }
      this.next();
      if (this.peek().type === '(') {
        const lower = segment.value.toLowerCase();
        if (lower === 'any' || lower === 'all') throw filterError(`Lambda operators ('any', 'all') are not supported.`);
        throw this.fail();
      }
      segments.push(segment.value);
    }
    const { segments: path, type } = resolvePath(this.model, segments, FILTER_ERROR_PREFIX);
    if (isPrimitive(type)) return { kind: 'property', path, type };
    const name = path.join('/');
    if ('collection' in type) {
      throw filterError(`Filtering on the collection-valued property '${name}' is not supported.`);
    }
    throw filterError(`The property '${name}' is of complex type; compare one of its properties, e.g. '${name}/...'.`);
  }

  private functionCall(name: string): FilterNode {
    const lower = name.toLowerCase();
    if (!STRING_FUNCTIONS.has(lower)) {
      throw filterError(
        `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
      );
    }
    const open = this.next();
    const args: Expr[] = [];
    if (this.peek().type !== ')') {
      args.push(this.parseOr());
      while (this.peek().type === ',') {
        this.next();
        args.push(this.parseOr());
      }
    }
    this.close(open);
    const [target, argument] = args;
    if (
      args.length !== 2 ||
      target.kind !== 'property' ||
      primitiveClass(target.type) !== 'text' ||
      argument.kind !== 'literal' ||
      argument.type !== 'string'
    ) {
      throw filterError(
        `No function signature for the function with name '${lower}' matches the specified arguments. The function signatures considered are: ${lower}(Edm.String Nullable=true, Edm.String Nullable=true).`,
      );
    }
    return { kind: 'function', name: lower as StringFunctionName, property: target, value: argument.value };
  }

  private comparison(left: Expr, operator: ComparisonOperator, right: Expr): Expr {
    if (isFilter(left)) return this.booleanComparison(left, operator, right, left, right);
    if (isFilter(right)) return this.booleanComparison(right, operator, left, left, right);
    if (!compatible(valueClass(left), valueClass(right))) throw incompatible(left, right, OPERATOR_KINDS[operator]);
    return { kind: 'comparison', operator, left, right };
  }

  /** `<boolean expression> eq|ne true|false` (either side) is folded into the expression or its negation. */
  private booleanComparison(
    expr: FilterNode,
    operator: ComparisonOperator,
    other: Expr,
    left: Expr,
    right: Expr,
  ): FilterNode {
    if (other.kind === 'literal' && other.type === 'boolean' && (operator === 'eq' || operator === 'ne')) {
      return other.value === (operator === 'eq') ? expr : { kind: 'not', operand: expr };
    }
    if (typeName(other) === 'Edm.Boolean') {
      throw filterError(`A boolean expression can only be compared with 'eq' or 'ne' to the literals true or false.`);
    }
    throw incompatible(left, right, OPERATOR_KINDS[operator]);
  }

  private inList(operand: Expr): FilterNode {
    const open = this.peek();
    if (open.type !== '(') throw this.fail();
    this.next();
    const values: LiteralNode[] = [];
    do {
      if (values.length > 0) this.next(); // the ','
      const at = this.peek();
      const item = this.parseUnary();
      if (item.kind !== 'literal') throw syntaxError(at.pos, this.text);
      if (isFilter(operand) || !compatible(valueClass(operand), literalClass(item))) {
        throw incompatible(operand, item, OPERATOR_KINDS.in);
      }
      values.push(item);
    } while (this.peek().type === ',');
    this.close(open);
    return { kind: 'in', operand: operand as ValueNode, values }; // a boolean operand was rejected in the loop
  }
}
