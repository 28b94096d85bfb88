import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { load, memoryIds, openDatabase, sqlIds } from './test-sqlite.js';
import type { DB, Row } from './test-sqlite.js';

let db: Kysely<DB>;
before(async () => {
  db = await openDatabase();
});
after(() => db.destroy());

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('differential: evaluateFilter vs compiled SQL on random rows and filters', () => {
  const random = prng(20240325);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const maybeCase = (s: string) => (random() < 0.5 ? s : random() < 0.5 ? s.toUpperCase() : s.toLowerCase());

  // ASCII only: SQLite's lower() folds ASCII letters only.
  const names = ['alpha', 'Alpha', 'ALPHA beta', "o'neil", '100%', 'a_b', 'ab', '', 'Beta', 'b%_\\'];
  const fragments = [...names, 'a', 'al', 'b', '%', '_', "'", '\\', 'ET', 'x'];
  const statuses = ['active', 'Active', 'INACTIVE', 'pending'];
  const guids = [
    '0f8fad5b-d9cb-469f-a165-70867728950e',
    '11111111-2222-3333-4444-555555555555',
    'ABCDEF01-2345-6789-ABCD-EF0123456789',
  ];
  const instants = [
    '2023-01-01T00:00:00.000Z',
    '2024-03-25T22:24:06.000Z',
    '2024-03-25T22:24:06.500Z',
    '2025-12-31T23:59:59.999Z',
  ];
  const orNull = <T>(values: readonly T[]): T | null => (random() < 0.2 ? null : pick(values));

  const rows: Row[] = Array.from({ length: 60 }, (_, i) => ({
    id: `r${String(i).padStart(2, '0')}`,
    displayName: orNull(names),
    status: orNull(statuses),
    priority: orNull([-1, 0, 1, 2, 3]),
    isActive: orNull([true, false]),
    createdDateTime: orNull(instants),
    tenantId: orNull(guids),
    settings: random() < 0.2 ? null : { region: orNull(names) },
  }));

  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const dateLiteral = () => {
    const iso = pick(instants);
    const ms = Date.parse(iso) + pick([0, 0, 1, -500]);
    const shifted = new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00');
    return pick([new Date(ms).toISOString(), shifted, new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')]);
  };
  const properties: { path: string; cls: string; literal: () => string }[] = [
    { path: 'displayName', cls: 'text', literal: () => quote(maybeCase(pick(fragments))) },
    { path: 'settings/region', cls: 'text', literal: () => quote(maybeCase(pick(fragments))) },
    { path: 'status', cls: 'text', literal: () => quote(maybeCase(pick(statuses))) },
    { path: 'tenantId', cls: 'text', literal: () => (random() < 0.5 ? maybeCase(pick(guids)) : quote(pick(guids))) },
    { path: 'priority', cls: 'number', literal: () => String(pick([-1, 0, 1, 1.5, 2, 3, 4])) },
    { path: 'isActive', cls: 'boolean', literal: () => pick(['true', 'false']) },
    { path: 'createdDateTime', cls: 'date', literal: dateLiteral },
  ];
  const literalOf = (p: (typeof properties)[number]) => (random() < 0.1 ? 'null' : p.literal());

  const leaf = (): string => {
    const p = pick(properties);
    const op = maybeCase(pick(['eq', 'ne', 'gt', 'ge', 'lt', 'le']));
    const r = random();
    if (r < 0.5) return `${p.path} ${op} ${literalOf(p)}`;
    if (r < 0.6) return `${literalOf(p)} ${op} ${p.path}`;
    if (r < 0.7) {
      const q = pick(properties.filter((x) => x.cls === p.cls));
      return `${p.path} ${op} ${q.path}`;
    }
    if (r < 0.8)
      return `${p.path} in (${Array.from({ length: 1 + Math.floor(random() * 3) }, () => literalOf(p)).join(', ')})`;
    if (r < 0.93) {
      const text = pick(properties.filter((x) => x.cls === 'text'));
      return `${pick(['startswith', 'endswith', 'contains', 'Contains'])}(${text.path},${quote(maybeCase(pick(fragments)))})`;
    }
    return pick(['isActive', '1 eq 1', 'null eq null', `'a' lt 'B'`, 'priority eq priority']);
  };
  const filter = (depth: number): string => {
    const r = random();
    if (depth > 0 && r < 0.35)
      return `(${filter(depth - 1)}) ${pick(['and', 'or', 'AND', 'Or'])} (${filter(depth - 1)})`;
    if (depth > 0 && r < 0.5) return `not (${filter(depth - 1)})`;
    return leaf();
  };

  before(() => load(db, rows));

  test('400 seeded random filters agree', async () => {
    let nonTrivial = 0;
    for (let i = 0; i < 400; i++) {
      const text = filter(3);
      const expected = memoryIds(rows, text);
      assert.deepEqual(await sqlIds(db, text), expected, text);
      if (expected.length > 0 && expected.length < rows.length) nonTrivial += 1;
    }
    assert.ok(nonTrivial > 150, `only ${nonTrivial} filters selected a proper subset`);
  });
});
