import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunks } from './chunks.js';

test('chunks cuts a list into consecutive slices of at most the given size', () => {
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunks([1, 2], 2), [[1, 2]]);
  assert.deepEqual(chunks([], 3), []);
});
