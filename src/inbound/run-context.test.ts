import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detach, IdSet } from './run-context.js';

describe('IdSet', () => {
  it('holds exactly the strings a Set<string> would, integer-looking or not', () => {
    const keys = ['0', '00', '7', '07', '123456789', '1234567890', '999999999', '-1', '+1', '1e3', ' 1', '', 'a', 'é'];
    const ids = new IdSet();
    const plain = new Set<string>();
    for (const k of keys.slice(0, 7)) {
      ids.add(k);
      plain.add(k);
    }
    assert.equal(ids.size, plain.size);
    for (const k of [...keys, '1', '0123456789', '123456788']) assert.equal(ids.has(k), plain.has(k), k);
    ids.add('7');
    assert.equal(ids.size, plain.size, 'an id added twice is one member');
  });

  it('detach keeps the value', () => {
    const long = 'x'.repeat(40).slice(3, 30);
    assert.equal(detach(long), long);
    assert.equal(detach('short'), 'short');
  });
});
