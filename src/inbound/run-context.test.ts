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

  it('keeps integer ids past its page budget in the Set, with the same membership', () => {
    const ids = new IdSet(2);
    const plain = new Set<string>();
    // Three pages of 65 536 ids each (0…, 10 000 000…, 999 900 000…) and a budget of two: the third spills.
    const keys = ['5', '65535', '10000000', '10000001', '999900000', '999999999', '999900000', '65536'];
    for (const k of keys) {
      ids.add(k);
      plain.add(k);
      assert.equal(ids.size, plain.size, k);
    }
    for (const k of [...keys, '6', '10000002', '999900001', '65537', '0999900000']) {
      assert.equal(ids.has(k), plain.has(k), k);
    }
  });

  it('counts a dense run of a million ids exactly, with each one a member and its neighbours not', () => {
    const ids = new IdSet();
    for (let i = 20_000_001; i <= 21_000_000; i++) ids.add(String(i));
    ids.add('20500000');
    assert.equal(ids.size, 1_000_000);
    for (const k of ['20000001', '20654321', '21000000']) assert.ok(ids.has(k), k);
    for (const k of ['20000000', '21000001', '020000001']) assert.ok(!ids.has(k), k);
  });

  it('detach keeps the value', () => {
    const long = 'x'.repeat(40).slice(3, 30);
    assert.equal(detach(long), long);
    assert.equal(detach('short'), 'short');
  });
});
