import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { ODataQueryError } from './errors.js';
import { parseFilter } from './filter-parser.js';
import { compileFilter } from './kysely.js';
import { model } from './test-fixtures.js';
import { columns, load, memoryIds, openDatabase, sqlIds } from './test-sqlite.js';
import type { DB, Row } from './test-sqlite.js';

let db: Kysely<DB>;
before(async () => {
  db = await openDatabase();
});
after(() => db.destroy());

describe('compileFilter against SQLite', () => {
  const rows: Row[] = [
    {
      id: 'a',
      displayName: 'Alpha',
      status: 'active',
      priority: 3,
      isActive: true,
      createdDateTime: '2024-03-25T22:24:06.000Z',
      tenantId: '0F8FAD5B-D9CB-469F-A165-70867728950E',
      settings: { region: 'EU' },
    },
    {
      id: 'b',
      displayName: 'beta_1',
      status: 'Inactive',
      priority: 1,
      isActive: false,
      createdDateTime: '2023-01-01T00:00:00.000Z',
      tenantId: null,
      settings: { region: 'us' },
    },
    {
      id: 'c',
      displayName: "100% O'Neil",
      status: 'ACTIVE',
      priority: 2,
      isActive: true,
      createdDateTime: '2025-06-01T12:00:00.000Z',
      tenantId: '11111111-2222-3333-4444-555555555555',
      settings: null,
    },
    {
      id: 'd',
      displayName: null,
      status: null,
      priority: null,
      isActive: null,
      createdDateTime: null,
      tenantId: null,
      settings: null,
    },
    {
      id: 'e',
      displayName: 'betaX1',
      status: 'inactive',
      priority: 0,
      isActive: false,
      createdDateTime: '2024-03-25T22:24:06.500Z',
      tenantId: null,
      settings: { region: null },
    },
  ];

  before(() => load(db, rows));

  const cases: [string, string[]][] = [
    [`displayName eq 'ALPHA'`, ['a']],
    [`displayName ne 'alpha'`, ['b', 'c', 'd', 'e']],
    [`status in ('active', 'INACTIVE')`, ['a', 'b', 'c', 'e']],
    [`status in ('active', null)`, ['a', 'c', 'd']],
    [`not (status in ('active'))`, ['b', 'd', 'e']],
    [`priority gt 1`, ['a', 'c']],
    [`priority ge 2.5`, ['a']],
    [`priority lt 1`, ['e']],
    [`priority le null`, ['d']],
    [`not (priority gt 1)`, ['b', 'd', 'e']],
    [`isActive`, ['a', 'c']],
    [`not isActive`, ['b', 'd', 'e']],
    [`isActive eq false`, ['b', 'e']],
    [`createdDateTime ge 2024-03-25T22:24:06Z`, ['a', 'c', 'e']],
    [`createdDateTime eq 2024-03-26T00:24:06+02:00`, ['a']],
    [`createdDateTime lt 2024-01-01`, ['b']],
    [`tenantId eq 0f8fad5b-d9cb-469f-a165-70867728950e`, ['a']],
    [`tenantId eq null`, ['b', 'd', 'e']],
    [`startswith(displayName,'BETA')`, ['b', 'e']],
    [`startswith(displayName,'beta_')`, ['b']],
    [`contains(displayName,'%')`, ['c']],
    [`contains(displayName,'''n')`, ['c']],
    [`endswith(displayName,'a')`, ['a']],
    [`not contains(displayName,'a')`, ['c', 'd']],
    [`settings/region eq 'eu'`, ['a']],
    [`settings/region eq null`, ['c', 'd', 'e']],
    [`(isActive or priority eq 0) and not (displayName eq 'alpha')`, ['c', 'e']],
    [`1 eq 1`, ['a', 'b', 'c', 'd', 'e']],
    [`'a' in ('b')`, []],
    [`displayName eq status`, ['d']],
    [`displayName ne status`, ['a', 'b', 'c', 'e']],
  ];
  for (const [filter, expected] of cases) {
    test(filter, async () => {
      assert.deepEqual(await sqlIds(db, filter), expected, 'SQL');
      assert.deepEqual(memoryIds(rows, filter), expected, 'in memory');
    });
  }

  test('combines with other where clauses', async () => {
    const node = parseFilter('isActive', model);
    const result = await db
      .selectFrom('items')
      .select('id')
      .where('priority', '>', 2)
      .where((eb) => compileFilter(node, columns, eb))
      .execute();
    assert.deepEqual(
      result.map((r) => r.id),
      ['a'],
    );
  });

  test('emits lower() and an escaped LIKE pattern with an explicit ESCAPE', () => {
    const node = parseFilter(`contains(displayName,'5%_\\')`, model);
    const compiled = db
      .selectFrom('items')
      .select('id')
      .where((eb) => compileFilter(node, columns, eb))
      .compile();
    assert.match(compiled.sql, /lower\("display_name"\) like lower\(\?\) escape '\\'/);
    assert.deepEqual(compiled.parameters, ['%5\\%\\_\\\\%']);
  });

  test('properties without a column are rejected', () => {
    const node = parseFilter(`settings/level eq 1 or isActive`, model);
    assert.throws(
      () =>
        db
          .selectFrom('items')
          .select('id')
          .where((eb) => compileFilter(node, columns, eb))
          .compile(),
      (err: unknown) =>
        err instanceof ODataQueryError &&
        err.message === "Invalid filter clause: Filtering on property 'settings/level' is not supported.",
    );
  });
});
