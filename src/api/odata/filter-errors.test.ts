import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ODataQueryError } from './errors.js';
import { parseFilter } from './filter-parser.js';
import { TYPE_NAME, model } from './test-fixtures.js';

const parse = (text: string) => parseFilter(text, model);

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

const syntax = (position: number, text: string) => `Syntax error at position ${position} in '${text}'.`;

describe('parseFilter: errors', () => {
  test('syntax errors report the 0-based position of the offending token', () => {
    fails('displayName eq', syntax(12, 'displayName eq'));
    fails(`displayName eq 'a' and`, syntax(19, `displayName eq 'a' and`));
    fails(`displayName eq 'a' 'b'`, syntax(19, `displayName eq 'a' 'b'`));
    fails(`displayName foo 'a'`, syntax(12, `displayName foo 'a'`));
    fails(`displayName eq and`, syntax(15, `displayName eq and`));
    fails(`displayName eq 'a')`, syntax(18, `displayName eq 'a')`));
    fails(`displayName # 'a'`, syntax(12, `displayName # 'a'`));
    fails(`displayName eq 'abc`, syntax(15, `displayName eq 'abc`)); // unterminated string: its opening quote
    fails(`(displayName eq 'a'`, syntax(0, `(displayName eq 'a'`)); // unmatched parenthesis
    fails(`settings/ eq 'a'`, syntax(10, `settings/ eq 'a'`));
    fails(`priority eq 12abc`, syntax(12, `priority eq 12abc`));
    fails(``, syntax(0, ``));
    fails(`()`, syntax(1, `()`));
    fails(`createdDateTime eq 2024-03-25T22:24:06`, syntax(19, `createdDateTime eq 2024-03-25T22:24:06`)); // no zone
    fails(`createdDateTime eq 2024-03-25T`, syntax(19, `createdDateTime eq 2024-03-25T`));
    fails(`displayName: eq 'a'`, syntax(11, `displayName: eq 'a'`));
  });

  test('in needs a non-empty parenthesized list of literals', () => {
    fails(`displayName in 'a'`, syntax(15, `displayName in 'a'`));
    fails(`displayName in ()`, syntax(16, `displayName in ()`));
    fails(`displayName in ('a', displayName)`, syntax(21, `displayName in ('a', displayName)`));
    fails(`displayName in ('a'`, syntax(15, `displayName in ('a'`));
  });

  test('unknown properties, top-level and nested', () => {
    fails(`foo eq 'x'`, `Invalid filter clause: Could not find a property named 'foo' on type '${TYPE_NAME}'.`);
    fails(
      `settings/foo eq 'x'`,
      `Invalid filter clause: Could not find a property named 'foo' on type 'microsoft.graph.industryData.flowSettings'.`,
    );
    fails(
      `settings/window/foo eq 'x'`,
      `Invalid filter clause: Could not find a property named 'foo' on type '${TYPE_NAME}/settings/window'.`,
    );
    fails(
      `startswith(nope,'x')`,
      `Invalid filter clause: Could not find a property named 'nope' on type '${TYPE_NAME}'.`,
    );
  });

  test('complex and collection properties cannot be compared', () => {
    fails(
      `settings eq 'x'`,
      `Invalid filter clause: The property 'settings' is of complex type; compare one of its properties, e.g. 'settings/...'.`,
    );
    fails(`tags eq 'x'`, `Invalid filter clause: Filtering on the collection-valued property 'tags' is not supported.`);
    fails(`tags/any(t: t eq 'x')`, `Invalid filter clause: Lambda operators ('any', 'all') are not supported.`);
    fails(
      `displayName/x eq 'x'`,
      `Invalid filter clause: The property 'displayName' has no property named 'x': only complex properties can be navigated with '/'.`,
    );
  });

  test('type mismatches', () => {
    const mismatch = (l: string, r: string, kind: string) =>
      `Invalid filter clause: A binary operator with incompatible types was detected. Found operand types '${l}' and '${r}' for operator kind '${kind}'.`;
    fails(`displayName eq 1`, mismatch('Edm.String', 'Edm.Int32', 'Equal'));
    fails(`priority gt '1'`, mismatch('Edm.Int32', 'Edm.String', 'GreaterThan'));
    fails(`isActive ne 'true'`, mismatch('Edm.Boolean', 'Edm.String', 'NotEqual'));
    fails(`createdDateTime ge '2024-01-01'`, mismatch('Edm.DateTimeOffset', 'Edm.String', 'GreaterThanOrEqual'));
    fails(`status le 2.5`, mismatch('Edm.Enum', 'Edm.Decimal', 'LessThanOrEqual'));
    fails(`priority lt displayName`, mismatch('Edm.Int32', 'Edm.String', 'LessThan'));
    fails(`priority in (1, 'a')`, mismatch('Edm.Int32', 'Edm.String', 'In'));
    fails(`displayName and isActive`, mismatch('Edm.String', 'Edm.Boolean', 'And'));
    fails(`isActive or priority`, mismatch('Edm.Boolean', 'Edm.Int32', 'Or'));
    fails(`startswith(displayName,'a') eq 'x'`, mismatch('Edm.Boolean', 'Edm.String', 'Equal'));
    fails(
      `startswith(displayName,'a') gt true`,
      `Invalid filter clause: A boolean expression can only be compared with 'eq' or 'ne' to the literals true or false.`,
    );
  });

  test('numbers compare with numbers of either kind, anything with null', () => {
    assert.equal(parse('priority gt 1.5').kind, 'comparison');
    assert.equal(parse('createdDateTime eq null').kind, 'comparison');
    assert.equal(parse('null eq isActive').kind, 'comparison');
  });

  test('the whole expression must be boolean', () => {
    fails('displayName', 'Invalid filter clause: The $filter expression must evaluate to a single boolean value.');
    fails(`'x'`, 'Invalid filter clause: The $filter expression must evaluate to a single boolean value.');
  });

  test('function signature errors', () => {
    const signature = (name: string) =>
      `Invalid filter clause: No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${name}(Edm.String Nullable=true, Edm.String Nullable=true).`;
    fails(`startswith(displayName)`, signature('startswith'));
    fails(`contains(displayName,'a','b')`, signature('contains'));
    fails(`endswith(priority,'1')`, signature('endswith'));
    fails(`startswith('abc',displayName)`, signature('startswith'));
    fails(`startswith(displayName,1)`, signature('startswith'));
    fails(`Contains()`, signature('contains'));
    fails(`startswith(displayName,'a'`, syntax(10, `startswith(displayName,'a'`));
  });

  test('unknown functions', () => {
    fails(
      `tolower(displayName) eq 'x'`,
      `Invalid filter clause: An unknown function with name 'tolower' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
    );
  });

  test('nesting is bounded', () => {
    fails(
      `${'('.repeat(500)}isActive${')'.repeat(500)}`,
      'Invalid filter clause: The recursion limit has been exceeded.',
    );
    fails(`${'not '.repeat(500)}isActive`, 'Invalid filter clause: The recursion limit has been exceeded.');
    assert.equal(parse(`${'('.repeat(50)}isActive${')'.repeat(50)}`).kind, 'comparison');
  });
});
