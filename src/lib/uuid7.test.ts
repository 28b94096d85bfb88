import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidv7 } from './uuid7.js';

test('uuidv7: RFC 9562 layout, time first, so later ids sort after earlier ones', () => {
  const id = uuidv7(Date.UTC(2026, 10, 27, 12, 0, 0));
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(id.slice(0, 13).replace('-', ''), Date.UTC(2026, 10, 27, 12, 0, 0).toString(16).padStart(12, '0'));
  const earlier = uuidv7(1_700_000_000_000);
  const later = uuidv7(1_700_000_000_001);
  assert.ok(earlier < later);
  const many = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
  assert.equal(many.size, 10_000, 'ids of one millisecond differ by their random bits');
});
