import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecentHashes, verifyPassword } from './passwords.js';

describe('RecentHashes', () => {
  test('one salted hash per password within the time to live, a fresh one after it', async () => {
    const hashes = new RecentHashes(1_000);
    const a = await hashes.hashOf('Default-Pass-1', 0);
    assert.equal(await hashes.hashOf('Default-Pass-1', 500), a);
    const other = await hashes.hashOf('Default-Pass-2', 500);
    assert.notEqual(other, a);
    const later = await hashes.hashOf('Default-Pass-1', 1_500);
    assert.notEqual(later, a, 'expired: new salt');
    assert.equal(await verifyPassword('Default-Pass-1', later), true);
    assert.equal(await verifyPassword('Default-Pass-2', other), true);
  });

  test('holds at most `max` passwords', async () => {
    const hashes = new RecentHashes(60_000, 2);
    const first = await hashes.hashOf('Pass-Word-A1', 0);
    await hashes.hashOf('Pass-Word-B2', 0);
    await hashes.hashOf('Pass-Word-C3', 0);
    assert.notEqual(await hashes.hashOf('Pass-Word-A1', 0), first, 'the oldest entry was dropped');
  });
});
