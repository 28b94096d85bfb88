import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyQuery, evaluateFilter, selectProperties } from './evaluate.js';
import { parseFilter } from './filter-parser.js';
import { encodeSkipToken } from './paging.js';
import { parseQueryOptions } from './query-options.js';
import { model } from './test-fixtures.js';

type Row = Record<string, unknown>;

const rows: Row[] = [
  {
    id: '1',
    displayName: 'Alpha School',
    status: 'active',
    priority: 3,
    isActive: true,
    createdDateTime: '2024-03-25T22:24:06Z',
    tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    settings: { region: 'EU', level: 2, window: { start: '2024-01-01T00:00:00Z' } },
  },
  {
    id: '2',
    displayName: 'beta academy',
    status: 'Inactive',
    priority: 1,
    isActive: false,
    createdDateTime: '2023-01-01T00:00:00.000Z',
    tenantId: '11111111-2222-3333-4444-555555555555',
    settings: { region: 'us', level: 5, window: null },
  },
  {
    id: '3',
    displayName: "O'Neil 100%_done",
    status: 'ACTIVE',
    priority: 2,
    isActive: true,
    createdDateTime: new Date('2025-06-01T12:00:00Z'),
    tenantId: null,
    settings: null,
  },
  { id: '4', displayName: null, status: null, priority: null, isActive: null, createdDateTime: null },
];

/** Ids of the rows that pass the filter. */
const ids = (filter: string) => rows.filter((row) => evaluateFilter(parseFilter(filter, model), row)).map((r) => r.id);

describe('evaluateFilter', () => {
  test('eq/ne on strings are case-insensitive', () => {
    assert.deepEqual(ids(`displayName eq 'ALPHA school'`), ['1']);
    assert.deepEqual(ids(`displayName ne 'alpha school'`), ['2', '3', '4']);
    assert.deepEqual(ids(`status eq 'active'`), ['1', '3']);
    assert.deepEqual(ids(`displayName eq 'O''Neil 100%_done'`), ['3']);
  });

  test('ordering operators on numbers', () => {
    assert.deepEqual(ids('priority gt 1'), ['1', '3']);
    assert.deepEqual(ids('priority ge 2'), ['1', '3']);
    assert.deepEqual(ids('priority lt 2.5'), ['2', '3']);
    assert.deepEqual(ids('priority le 1'), ['2']);
    assert.deepEqual(ids('priority ne 1'), ['1', '3', '4']);
    assert.deepEqual(ids('3 eq priority'), ['1']);
    assert.deepEqual(ids('1 lt priority'), ['1', '3'], 'literal on the left');
  });

  test('ordering operators on strings are case-insensitive', () => {
    assert.deepEqual(ids(`displayName gt 'B'`), ['2', '3']);
    assert.deepEqual(ids(`displayName lt 'beta'`), ['1']);
    assert.deepEqual(ids(`displayName le 'BETA ACADEMY'`), ['1', '2']);
  });

  test('booleans', () => {
    assert.deepEqual(ids('isActive'), ['1', '3']);
    assert.deepEqual(ids('isActive eq false'), ['2']);
    assert.deepEqual(ids('not isActive'), ['2', '4'], 'null is not true');
    assert.deepEqual(ids('isActive gt false'), ['1', '3']);
  });

  test('date-times compare as instants, whatever their textual form', () => {
    assert.deepEqual(ids('createdDateTime gt 2024-01-01T00:00:00Z'), ['1', '3']);
    assert.deepEqual(ids('createdDateTime eq 2024-03-26T00:24:06+02:00'), ['1']);
    assert.deepEqual(ids('createdDateTime le 2023-01-01'), ['2']);
    assert.deepEqual(ids('createdDateTime eq 2025-06-01T12:00:00.000Z'), ['3'], 'Date objects work too');
  });

  test('guids compare case-insensitively, quoted or not', () => {
    assert.deepEqual(ids('tenantId eq 0F8FAD5B-D9CB-469F-A165-70867728950E'), ['1']);
    assert.deepEqual(ids(`tenantId eq '11111111-2222-3333-4444-555555555555'`), ['2']);
  });

  test('null semantics: null eq null, ordering with null is false except ge/le of two nulls', () => {
    assert.deepEqual(ids('displayName eq null'), ['4']);
    assert.deepEqual(ids('displayName ne null'), ['1', '2', '3']);
    assert.deepEqual(ids('priority gt null'), []);
    assert.deepEqual(ids('priority lt null'), []);
    assert.deepEqual(ids('priority ge null'), ['4']);
    assert.deepEqual(ids('priority le null'), ['4']);
    assert.deepEqual(ids('not (priority gt 1)'), ['2', '4'], 'not of a comparison with null is true');
    assert.deepEqual(ids('null eq null'), ['1', '2', '3', '4']);
  });

  test('nested paths; a missing or null complex value reads as null', () => {
    assert.deepEqual(ids(`settings/region eq 'eu'`), ['1']);
    assert.deepEqual(ids('settings/level ge 2'), ['1', '2']);
    assert.deepEqual(ids('settings/window/start eq null'), ['2', '3', '4']);
    assert.deepEqual(ids('settings/window/start lt 2024-06-01T00:00:00Z'), ['1']);
  });

  test('and, or, not and precedence', () => {
    assert.deepEqual(ids(`isActive and priority gt 2 or displayName eq 'beta academy'`), ['1', '2']);
    assert.deepEqual(ids(`isActive and (priority gt 2 or displayName eq 'beta academy')`), ['1']);
    assert.deepEqual(ids(`not (isActive or priority eq 1)`), ['4']);
    assert.deepEqual(ids(`not startswith(displayName,'a') and not isActive`), ['2', '4']);
  });

  test('in, including null and case-insensitivity', () => {
    assert.deepEqual(ids(`status in ('ACTIVE', 'inactive')`), ['1', '2', '3']);
    assert.deepEqual(ids(`priority in (1, 3)`), ['1', '2']);
    assert.deepEqual(ids(`priority in (null, 2)`), ['3', '4']);
    assert.deepEqual(ids(`not (priority in (1, 3))`), ['3', '4']);
    assert.deepEqual(ids(`'x' in ('X', 'y')`), ['1', '2', '3', '4']);
  });

  test('startswith, endswith, contains: case-insensitive, literal % and _, false on null', () => {
    assert.deepEqual(ids(`startswith(displayName,'ALP')`), ['1']);
    assert.deepEqual(ids(`endswith(displayName,'ACADEMY')`), ['2']);
    assert.deepEqual(ids(`contains(displayName,'a')`), ['1', '2']);
    assert.deepEqual(ids(`contains(displayName,'%_')`), ['3']);
    assert.deepEqual(ids(`contains(displayName,'_d')`), ['3']);
    assert.deepEqual(ids(`contains(displayName,'%')`), ['3']);
    assert.deepEqual(ids(`startswith(displayName,'o''n')`), ['3']);
    assert.deepEqual(ids(`startswith(displayName,'')`), ['1', '2', '3']);
    assert.deepEqual(ids(`startswith(settings/region,'e')`), ['1']);
  });

  test('property compared with property', () => {
    const data: Row[] = [
      { id: 'a', displayName: 'X', status: 'x' },
      { id: 'b', displayName: 'X', status: 'y' },
      { id: 'c', displayName: null, status: null },
      { id: 'd', displayName: 'X', status: null },
    ];
    const match = (f: string) => data.filter((r) => evaluateFilter(parseFilter(f, model), r)).map((r) => r.id);
    assert.deepEqual(match('displayName eq status'), ['a', 'c']);
    assert.deepEqual(match('displayName ne status'), ['b', 'd']);
    assert.deepEqual(match('displayName lt status'), ['b']);
    assert.deepEqual(match('displayName ge status'), ['a', 'c']);
  });
});

describe('applyQuery', () => {
  const items = Array.from({ length: 10 }, (_, i) => ({
    id: String(i),
    displayName: `Item ${String.fromCharCode(74 - i)}`, // J, I, H, ...
    priority: i % 3,
    isActive: i % 2 === 0,
    status: i === 4 ? null : i % 2 === 0 ? 'even' : 'Odd',
  }));
  const run = (query: Record<string, string>) => applyQuery(items, parseQueryOptions(query, model), model);
  const idsOf = (result: { items: { id: string }[] }) => result.items.map((i) => i.id);

  test('no options: everything, in order', () => {
    const result = run({});
    assert.deepEqual(idsOf(result), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.equal(result.total, 10);
    assert.equal(result.count, undefined);
    assert.equal(result.nextOffset, undefined);
  });

  test('count is taken after the filter and before paging', () => {
    const result = run({ $filter: 'isActive', $count: 'true', $top: '2', $skip: '1' });
    assert.deepEqual(idsOf(result), ['2', '4']);
    assert.equal(result.count, 5);
    assert.equal(result.total, 5);
    assert.equal(result.nextOffset, 3);
  });

  test('skip and top', () => {
    assert.deepEqual(idsOf(run({ $skip: '8' })), ['8', '9']);
    assert.deepEqual(idsOf(run({ $top: '0' })), []);
    assert.deepEqual(idsOf(run({ $skip: '20', $top: '5' })), []);
    assert.equal(run({ $skip: '7', $top: '3' }).nextOffset, undefined, 'the last page has no next offset');
    assert.equal(run({ $skip: '6', $top: '3' }).nextOffset, 9);
  });

  test('a skip token sets the offset', () => {
    const result = applyQuery(items, { skiptoken: encodeSkipToken(4), top: 2 }, model);
    assert.deepEqual(idsOf(result), ['4', '5']);
    assert.equal(result.nextOffset, 6);
  });

  test('orderby: single key both directions', () => {
    assert.deepEqual(idsOf(run({ $orderby: 'displayName' })), ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    assert.deepEqual(idsOf(run({ $orderby: 'displayName desc', $top: '3' })), ['0', '1', '2']);
  });

  test('orderby: multiple keys, stable for ties', () => {
    assert.deepEqual(idsOf(run({ $orderby: 'priority desc' })), ['2', '5', '8', '1', '4', '7', '0', '3', '6', '9']);
    assert.deepEqual(idsOf(run({ $orderby: 'priority, displayName desc' })), [
      '0',
      '3',
      '6',
      '9',
      '1',
      '4',
      '7',
      '2',
      '5',
      '8',
    ]);
  });

  test('orderby: nulls first ascending, last descending; text is case-insensitive', () => {
    assert.deepEqual(idsOf(run({ $orderby: 'status' })), ['4', '0', '2', '6', '8', '1', '3', '5', '7', '9']);
    assert.deepEqual(idsOf(run({ $orderby: 'status desc' })), ['1', '3', '5', '7', '9', '0', '2', '6', '8', '4']);
  });

  test('orderby on dates, booleans and nested properties', () => {
    const data = [
      { id: 'a', createdDateTime: '2024-01-02T00:00:00Z', isActive: true, settings: { level: 2 } },
      { id: 'b', createdDateTime: '2024-01-01T23:00:00-02:00', isActive: false, settings: { level: 1 } },
      { id: 'c', createdDateTime: '2023-12-31T00:00:00.000Z', isActive: null, settings: null },
    ];
    const order = (orderby: string) =>
      applyQuery(data, parseQueryOptions({ $orderby: orderby }, model), model).items.map((r) => r.id);
    assert.deepEqual(order('createdDateTime'), ['c', 'a', 'b']);
    assert.deepEqual(order('isActive desc'), ['a', 'b', 'c']);
    assert.deepEqual(order('settings/level'), ['c', 'b', 'a']);
  });

  test('filter → orderby → skip → top in that order', () => {
    const result = run({ $filter: `status ne null`, $orderby: 'displayName', $skip: '2', $top: '3', $count: 'true' });
    assert.deepEqual(idsOf(result), ['7', '6', '5']);
    assert.equal(result.count, 9);
  });

  test('does not mutate its input', () => {
    const copy = structuredClone(items);
    run({ $orderby: 'displayName' });
    assert.deepEqual(items, copy);
  });
});

describe('selectProperties', () => {
  const item = {
    '@odata.type': '#microsoft.graph.industryData.x',
    id: '1',
    displayName: 'A',
    status: 'active',
    'roleGroup@odata.context': 'ctx',
    roleGroup: { id: 'g' },
    'displayName@odata.type': '#String',
    '@odata.etag': 'W/"1"',
    priority: 5,
  };

  test('keeps id, instance annotations, the selected properties and their annotations, in order', () => {
    assert.deepEqual(Object.keys(selectProperties(item, ['roleGroup', 'priority'])), [
      '@odata.type',
      'id',
      'roleGroup@odata.context',
      'roleGroup',
      '@odata.etag',
      'priority',
    ]);
    assert.deepEqual(selectProperties(item, ['displayName']), {
      '@odata.type': '#microsoft.graph.industryData.x',
      id: '1',
      displayName: 'A',
      'displayName@odata.type': '#String',
      '@odata.etag': 'W/"1"',
    });
  });

  test('without a selection the item is returned unchanged; absent properties are skipped', () => {
    assert.equal(selectProperties(item), item);
    assert.equal(selectProperties(item, []), item);
    assert.deepEqual(selectProperties({ id: 'x' }, ['displayName']), { id: 'x' });
  });
});
