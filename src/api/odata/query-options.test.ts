import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ODataQueryError } from './errors.js';
import { encodeSkipToken } from './paging.js';
import { parseQueryOptions } from './query-options.js';
import type { QueryOptionsConfig, RawQuery } from './query-options.js';
import { TYPE_NAME, model } from './test-fixtures.js';

const parse = (query: RawQuery, opts?: QueryOptionsConfig) => parseQueryOptions(query, model, opts);

function fails(query: RawQuery, message: string, opts?: QueryOptionsConfig) {
  assert.throws(
    () => parse(query, opts),
    (err: unknown) => {
      assert.ok(err instanceof ODataQueryError);
      assert.equal(err.code, 'BadRequest');
      assert.equal(err.message, message);
      return true;
    },
  );
}

describe('parseQueryOptions', () => {
  test('no options', () => {
    assert.deepEqual(parse({}), {});
  });

  test('all supported options together', () => {
    const token = encodeSkipToken(20);
    const parsed = parse({
      $filter: `displayName eq 'x'`,
      $select: 'displayName,Status',
      $orderby: 'priority desc,displayName',
      $top: '5',
      $skip: '10',
      $count: 'true',
      $skiptoken: token,
    });
    assert.deepEqual(parsed, {
      filter: {
        kind: 'comparison',
        operator: 'eq',
        left: { kind: 'property', path: ['displayName'], type: 'string' },
        right: { kind: 'literal', type: 'string', value: 'x' },
      },
      select: ['displayName', 'status'],
      orderby: [
        { property: 'priority', direction: 'desc' },
        { property: 'displayName', direction: 'asc' },
      ],
      top: 5,
      skip: 10,
      count: true,
      skiptoken: token,
    });
  });

  test('option names are case-insensitive and accepted without $', () => {
    assert.deepEqual(parse({ $TOP: '3', Skip: '1', COUNT: 'false', select: 'id', OrderBy: 'id', filter: 'isActive' }), {
      top: 3,
      skip: 1,
      count: false,
      select: ['id'],
      orderby: [{ property: 'id', direction: 'asc' }],
      filter: {
        kind: 'comparison',
        operator: 'eq',
        left: { kind: 'property', path: ['isActive'], type: 'boolean' },
        right: { kind: 'literal', type: 'boolean', value: true },
      },
    });
  });

  test('$skiptoken requires the $ prefix; other parameters without $ are ignored', () => {
    assert.deepEqual(parse({ skiptoken: 'garbage', tenantId: 'x', expand: 'y', undefinedOne: undefined }), {});
  });

  test('unknown and unsupported $ options are errors', () => {
    fails({ $bogus: '1' }, "Query option '$bogus' is not supported.");
    fails({ $expand: 'x' }, "Query option '$expand' is not supported.");
    fails({ $Search: '"x"' }, "Query option '$Search' is not supported.");
    fails({ $format: 'json' }, "Query option '$format' is not supported.");
  });

  test('opts.allowed admits extra $ options, returned raw', () => {
    const parsed = parse(
      { $expand: 'roleGroup', $SEARCH: '"a"', $top: '1' },
      { allowed: new Set(['$expand', 'search']) },
    );
    assert.deepEqual(parsed, { top: 1, extra: { $expand: 'roleGroup', $search: '"a"' } });
  });

  test('opts.only restricts the accepted options', () => {
    const only = { only: ['select', '$expand'] };
    assert.deepEqual(parse({ $select: 'id', $expand: 'x' }, only), { select: ['id'], extra: { $expand: 'x' } });
    fails({ $filter: 'isActive' }, "Query option '$filter' is not supported.", only);
    fails({ $top: '1' }, "Query option '$top' is not supported.", only);
    assert.deepEqual(parse({ filter: 'isActive' }, only), {}, 'a non-$ name that is not accepted is not an option');
  });

  test('duplicate options are errors', () => {
    const dup = (name: string) =>
      `Query option '${name}' was specified more than once, but it must be specified at most once.`;
    fails({ $top: ['1', '2'] }, dup('$top'));
    fails({ $top: '1', top: '2' }, dup('$top'));
    fails({ $filter: 'isActive', $FILTER: 'isActive' }, dup('$filter'));
    fails({ $expand: ['a', 'b'] }, dup('$expand'), { allowed: new Set(['$expand']) });
    assert.deepEqual(parse({ $top: ['4'] }), { top: 4 }, 'a single-element array is one value');
  });

  test('$top and $skip must be non-negative integers', () => {
    for (const bad of ['abc', '-1', '1.5', '', ' 1', '1e3', '0x10', '99999999999999999999']) {
      fails({ $top: bad }, `Invalid $top value '${bad}': must be a non-negative integer.`);
      fails({ skip: bad }, `Invalid $skip value '${bad}': must be a non-negative integer.`);
    }
    assert.deepEqual(parse({ $top: '0', $skip: '0' }), { top: 0, skip: 0 });
    assert.deepEqual(parse({ $top: '100000' }), { top: 100000 }, 'capping is the caller’s business');
  });

  test('$count must be true or false', () => {
    assert.deepEqual(parse({ $count: 'TRUE' }), { count: true });
    assert.deepEqual(parse({ $count: 'false' }), { count: false });
    fails({ $count: 'yes' }, "Invalid $count value 'yes': must be 'true' or 'false'.");
    fails({ $count: '' }, "Invalid $count value '': must be 'true' or 'false'.");
  });

  test('$filter errors propagate unchanged', () => {
    fails({ $filter: 'displayName eq' }, "Syntax error at position 12 in 'displayName eq'.");
    fails(
      { $filter: `foo eq 'x'` },
      `Invalid filter clause: Could not find a property named 'foo' on type '${TYPE_NAME}'.`,
    );
  });

  test('blank $filter, $select and $orderby count as absent; $select=* selects everything', () => {
    assert.deepEqual(parse({ $filter: '  ', $select: '', $orderby: ' ' }), {});
    assert.deepEqual(parse({ $select: '*' }), {});
    assert.deepEqual(parse({ $select: 'displayName,*' }), {});
  });

  test('$select: trimmed, deduplicated, canonical names; unknown names are errors', () => {
    assert.deepEqual(parse({ $select: ' DisplayName , displayname,settings ' }), {
      select: ['displayName', 'settings'],
    });
    fails({ $select: 'displayName,x' }, `Could not find a property named 'x' on type '${TYPE_NAME}'.`);
    fails({ $select: 'settings/region' }, `Could not find a property named 'settings/region' on type '${TYPE_NAME}'.`);
  });

  test('$select always knows id', () => {
    const noId = { typeName: 't', properties: { name: 'string' as const } };
    assert.deepEqual(parseQueryOptions({ $select: 'ID,name' }, noId), { select: ['id', 'name'] });
  });

  test('$orderby: multiple keys, directions in any case, nested paths', () => {
    assert.deepEqual(parse({ $orderby: 'status DESC, settings/Region asc,createdDateTime' }), {
      orderby: [
        { property: 'status', direction: 'desc' },
        { property: 'settings/region', direction: 'asc' },
        { property: 'createdDateTime', direction: 'asc' },
      ],
    });
  });

  test('$orderby errors', () => {
    fails({ $orderby: 'nope' }, `Could not find a property named 'nope' on type '${TYPE_NAME}'.`);
    fails(
      { $orderby: 'displayName up' },
      `Invalid $orderby clause 'displayName up': expected a property path optionally followed by 'asc' or 'desc'.`,
    );
    fails(
      { $orderby: 'displayName asc desc' },
      `Invalid $orderby clause 'displayName asc desc': expected a property path optionally followed by 'asc' or 'desc'.`,
    );
    fails(
      { $orderby: 'displayName,,id' },
      `Invalid $orderby clause '': expected a property path optionally followed by 'asc' or 'desc'.`,
    );
    fails(
      { $orderby: 'settings' },
      `The $orderby expression 'settings' must evaluate to a single value of primitive type.`,
    );
    fails(
      { $orderby: 'tags desc' },
      `The $orderby expression 'tags' must evaluate to a single value of primitive type.`,
    );
    fails(
      { $orderby: 'displayName,DisplayName desc' },
      `Duplicate property named 'displayName' is not supported in '$orderby'.`,
    );
  });

  test('$skiptoken is validated but kept opaque', () => {
    const token = encodeSkipToken(7);
    assert.deepEqual(parse({ $skiptoken: token }), { skiptoken: token });
    fails({ $skiptoken: 'nonsense!' }, "Invalid $skiptoken value 'nonsense!'.");
  });
});
