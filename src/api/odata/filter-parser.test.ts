import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FilterNode, LiteralNode, PropertyNode } from './ast.js';
import { ODataQueryError } from './errors.js';
import { parseFilter } from './filter-parser.js';
import { model } from './test-fixtures.js';

const parse = (text: string) => parseFilter(text, model);
const prop = (type: PropertyNode['type'], ...path: string[]): PropertyNode => ({ kind: 'property', path, type });
const str = (value: string): LiteralNode => ({ kind: 'literal', type: 'string', value });
const TRUE: LiteralNode = { kind: 'literal', type: 'boolean', value: true };
const NAME = prop('string', 'displayName');

/** Asserts that parsing fails with exactly this message. */
function fails(text: string, message: string) {
  assert.throws(
    () => parse(text),
    (err: unknown) => {
      assert.ok(err instanceof ODataQueryError, `expected ODataQueryError, got ${String(err)}`);
      assert.equal(err.code, 'BadRequest');
      assert.equal(err.message, message);
      return true;
    },
  );
}

describe('parseFilter: comparisons and literals', () => {
  for (const op of ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const) {
    test(`operator ${op}`, () => {
      assert.deepEqual(parse(`displayName ${op} 'x'`), {
        kind: 'comparison',
        operator: op,
        left: NAME,
        right: str('x'),
      });
    });
  }

  test('operators, keywords and property names are case-insensitive; names become canonical', () => {
    assert.deepEqual(parse(`DISPLAYNAME Eq 'x' AND NOT IsActive`), {
      kind: 'and',
      left: { kind: 'comparison', operator: 'eq', left: NAME, right: str('x') },
      right: {
        kind: 'not',
        operand: { kind: 'comparison', operator: 'eq', left: prop('boolean', 'isActive'), right: TRUE },
      },
    });
  });

  test("strings unescape ''", () => {
    assert.deepEqual(parse(`displayName eq 'O''Brien'''`), {
      kind: 'comparison',
      operator: 'eq',
      left: NAME,
      right: str("O'Brien'"),
    });
    assert.deepEqual(parse(`displayName eq ''`).kind, 'comparison');
  });

  test('strings keep spaces, operators and parentheses verbatim', () => {
    const node = parse(`displayName eq ' a eq (b) or '`);
    assert.equal(node.kind === 'comparison' && node.right.kind === 'literal' && node.right.value, ' a eq (b) or ');
  });

  test('integers, negative and decimal numbers', () => {
    const right = (text: string) => {
      const node = parse(`priority eq ${text}`);
      assert.equal(node.kind, 'comparison');
      return node.kind === 'comparison' ? node.right : undefined;
    };
    assert.deepEqual(right('42'), { kind: 'literal', type: 'int', value: 42 });
    assert.deepEqual(right('-7'), { kind: 'literal', type: 'int', value: -7 });
    assert.deepEqual(right('2.5'), { kind: 'literal', type: 'decimal', value: 2.5 });
    assert.deepEqual(right('1e3'), { kind: 'literal', type: 'decimal', value: 1000 });
  });

  test('true, false and null in any case', () => {
    assert.deepEqual(parse('isActive eq False'), {
      kind: 'comparison',
      operator: 'eq',
      left: prop('boolean', 'isActive'),
      right: { kind: 'literal', type: 'boolean', value: false },
    });
    assert.deepEqual(parse('displayName eq NULL'), {
      kind: 'comparison',
      operator: 'eq',
      left: NAME,
      right: { kind: 'literal', type: 'null', value: null },
    });
  });

  test('unquoted GUIDs, with letters first or digits first', () => {
    for (const guid of ['0f8fad5b-d9cb-469f-a165-70867728950e', 'DEADBEEF-D9CB-469F-A165-70867728950E']) {
      assert.deepEqual(parse(`tenantId eq ${guid}`), {
        kind: 'comparison',
        operator: 'eq',
        left: prop('guid', 'tenantId'),
        right: { kind: 'literal', type: 'guid', value: guid },
      });
    }
  });

  test('a guid property also accepts a quoted GUID, a string property an unquoted one', () => {
    assert.equal(parse(`tenantId eq '0f8fad5b-d9cb-469f-a165-70867728950e'`).kind, 'comparison');
    assert.equal(parse(`displayName eq 0f8fad5b-d9cb-469f-a165-70867728950e`).kind, 'comparison');
  });

  test('unquoted ISO-8601 date-times are normalized to UTC toISOString() form', () => {
    const literal = (text: string) => {
      const node = parse(`createdDateTime lt ${text}`);
      return node.kind === 'comparison' ? node.right : undefined;
    };
    const dto = (value: string) => ({ kind: 'literal', type: 'dateTimeOffset', value });
    assert.deepEqual(literal('2024-03-25T22:24:06Z'), dto('2024-03-25T22:24:06.000Z'));
    assert.deepEqual(literal('2024-03-25T22:24:06.1234567Z'), dto('2024-03-25T22:24:06.123Z'));
    assert.deepEqual(literal('2024-03-25T22:24:06+02:00'), dto('2024-03-25T20:24:06.000Z'));
    assert.deepEqual(literal('2024-03-25T22:24:06-05:30'), dto('2024-03-26T03:54:06.000Z'));
    assert.deepEqual(literal('2024-03-25T22:24Z'), dto('2024-03-25T22:24:00.000Z'));
    assert.deepEqual(literal('2024-03-25'), dto('2024-03-25T00:00:00.000Z'));
    assert.deepEqual(literal('2024-02-29T00:00:00Z'), dto('2024-02-29T00:00:00.000Z'));
  });

  test('out-of-range date-times are rejected', () => {
    for (const text of [
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:61:00Z',
    ]) {
      fails(
        `createdDateTime eq ${text}`,
        `Invalid filter clause: The DateTimeOffset text '${text}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`,
      );
    }
  });

  test('nested complex paths resolve case-insensitively', () => {
    assert.deepEqual(parse(`Settings/REGION eq 'eu'`), {
      kind: 'comparison',
      operator: 'eq',
      left: prop('string', 'settings', 'region'),
      right: str('eu'),
    });
    assert.equal(parse('settings/window/start ge 2024-01-01T00:00:00Z').kind, 'comparison');
  });

  test('literal on the left, property on both sides, literal on both sides', () => {
    assert.deepEqual(parse(`'x' eq displayName`), { kind: 'comparison', operator: 'eq', left: str('x'), right: NAME });
    assert.deepEqual(parse('displayName eq status'), {
      kind: 'comparison',
      operator: 'eq',
      left: NAME,
      right: prop('enum', 'status'),
    });
    assert.equal(parse('1 lt 2').kind, 'comparison');
  });
});

describe('parseFilter: logic, precedence, in and functions', () => {
  const a: FilterNode = { kind: 'comparison', operator: 'eq', left: NAME, right: str('a') };
  const b: FilterNode = { kind: 'comparison', operator: 'eq', left: NAME, right: str('b') };
  const c: FilterNode = { kind: 'comparison', operator: 'eq', left: NAME, right: str('c') };

  test('and binds tighter than or', () => {
    const expected = { kind: 'or', left: a, right: { kind: 'and', left: b, right: c } };
    assert.deepEqual(parse(`displayName eq 'a' or displayName eq 'b' and displayName eq 'c'`), expected);
    const expected2 = { kind: 'or', left: { kind: 'and', left: a, right: b }, right: c };
    assert.deepEqual(parse(`displayName eq 'a' and displayName eq 'b' or displayName eq 'c'`), expected2);
  });

  test('and/or are left-associative', () => {
    assert.deepEqual(parse(`displayName eq 'a' or displayName eq 'b' or displayName eq 'c'`), {
      kind: 'or',
      left: { kind: 'or', left: a, right: b },
      right: c,
    });
  });

  test('parentheses override precedence', () => {
    assert.deepEqual(parse(`(displayName eq 'a' or displayName eq 'b') and displayName eq 'c'`), {
      kind: 'and',
      left: { kind: 'or', left: a, right: b },
      right: c,
    });
    assert.deepEqual(parse(`((((displayName eq 'a'))))`), a);
  });

  test('not binds tighter than and/or and applies to a parenthesized group', () => {
    assert.deepEqual(parse(`not (displayName eq 'a') or displayName eq 'b'`), {
      kind: 'or',
      left: { kind: 'not', operand: a },
      right: b,
    });
    assert.deepEqual(parse(`not not (displayName eq 'a')`), { kind: 'not', operand: { kind: 'not', operand: a } });
  });

  test('not binds tighter than comparison: `not x eq y` is `(not x) eq y`', () => {
    fails(
      `not displayName eq 'a'`,
      "Invalid filter clause: A unary operator with an incompatible type was detected. Found operand type 'Edm.String' for operator kind 'Not'.",
    );
    const notActive = {
      kind: 'not',
      operand: { kind: 'comparison', operator: 'eq', left: prop('boolean', 'isActive'), right: TRUE },
    };
    assert.deepEqual(parse('not isActive eq true'), notActive);
  });

  test('a boolean property alone is a predicate', () => {
    assert.deepEqual(parse('isActive'), {
      kind: 'comparison',
      operator: 'eq',
      left: prop('boolean', 'isActive'),
      right: TRUE,
    });
  });

  test('boolean expressions compared with true/false fold into the expression or its negation', () => {
    const fn: FilterNode = { kind: 'function', name: 'startswith', property: NAME, value: 'a' };
    assert.deepEqual(parse(`startswith(displayName,'a') eq true`), fn);
    assert.deepEqual(parse(`startswith(displayName,'a') ne false`), fn);
    assert.deepEqual(parse(`false eq startswith(displayName,'a')`), { kind: 'not', operand: fn });
    assert.deepEqual(parse(`(displayName eq 'a') eq false`), { kind: 'not', operand: a });
  });

  test('in with a parenthesized list, any case', () => {
    assert.deepEqual(parse(`displayName IN ('a', 'b',null)`), {
      kind: 'in',
      operand: NAME,
      values: [str('a'), str('b'), { kind: 'literal', type: 'null', value: null }],
    });
    assert.deepEqual(parse(`priority in (1)`), {
      kind: 'in',
      operand: prop('int', 'priority'),
      values: [{ kind: 'literal', type: 'int', value: 1 }],
    });
  });

  test('in binds tighter than and', () => {
    const node = parse(`status in ('x') and displayName eq 'a'`);
    assert.equal(node.kind, 'and');
    assert.equal(node.kind === 'and' && node.left.kind, 'in');
  });

  for (const name of ['startswith', 'endswith', 'contains'] as const) {
    test(`function ${name}, case-insensitive name`, () => {
      const expected = { kind: 'function', name, property: NAME, value: "it's" };
      assert.deepEqual(parse(`${name}(displayName,'it''s')`), expected);
      assert.deepEqual(parse(`${name.toUpperCase()}( DisplayName , 'it''s' )`), expected);
    });
  }

  test('functions work on enum and nested string properties', () => {
    assert.equal(parse(`startswith(status,'act')`).kind, 'function');
    assert.equal(parse(`contains(settings/region,'eu')`).kind, 'function');
  });
});
