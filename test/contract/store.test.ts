import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, PAGE_SIZE, parseStoreUrl, type Store } from '../../src/store/database.js';
import { DocumentRepository, UniqueViolationError } from '../../src/store/repositories/documents.js';
import { SecretBox } from '../../src/lib/secrets.js';
import { storeVariants } from '../support/stores.js';

const doc = (over: Partial<Parameters<DocumentRepository['insert']>[0]> = {}) => ({
  collection: 'provisioningFlows',
  id: `id-${Math.random()}`,
  parentId: 'set-1',
  type: 'microsoft.graph.industryData.userProvisioningFlow',
  data: { createUnmatchedUsers: true, nested: { list: [1, 2] } },
  createdAt: '2026-01-01T00:00:00.0000000Z',
  modifiedAt: '2026-01-01T00:00:00.0000000Z',
  ...over,
});

for (const variant of storeVariants()) {
  describe(`store contract on ${variant.name}`, () => {
    let store: Store;
    let url: string;
    before(async () => {
      url = variant.url();
      store = await openStore(url);
    });
    after(async () => {
      await store.close();
      await variant.cleanup(url);
    });

    it('round-trips documents, lists by parent in creation order, replaces and deletes', async () => {
      const repo = new DocumentRepository(store.db);
      const a = doc({ id: 'a', createdAt: '2026-01-01T00:00:00.0000001Z' });
      const b = doc({
        id: 'b',
        type: 'microsoft.graph.industryData.classGroupProvisioningFlow',
        createdAt: '2026-01-01T00:00:00.0000002Z',
      });
      await repo.insert(a);
      await repo.insert(b);
      await repo.insert(doc({ id: 'c', parentId: 'set-2' }));
      assert.deepEqual(
        (await repo.list('provisioningFlows', 'set-1')).map((d) => d.id),
        ['a', 'b'],
      );
      assert.deepEqual((await repo.get('provisioningFlows', 'a'))?.data, a.data);
      assert.equal(
        await repo.replace('provisioningFlows', 'a', { changed: true }, '2026-02-01T00:00:00.0000000Z'),
        true,
      );
      assert.deepEqual((await repo.get('provisioningFlows', 'a'))?.data, { changed: true });
      assert.equal(await repo.replace('provisioningFlows', 'zzz', {}, 'x'), false);
      assert.equal(await repo.deleteChildren('provisioningFlows', 'set-1'), 2);
      assert.equal(await repo.delete('provisioningFlows', 'c'), true);
      assert.equal(await repo.delete('provisioningFlows', 'c'), false);
    });

    it('enforces one flow per type per set in the database itself', async () => {
      const repo = new DocumentRepository(store.db);
      await repo.insert(doc({ id: 'u1', parentId: 'set-9' }));
      await assert.rejects(repo.insert(doc({ id: 'u2', parentId: 'set-9' })), UniqueViolationError);
      await repo.insert(doc({ id: 'u3', parentId: 'set-10' }));
      await assert.rejects(repo.insert(doc({ id: 'u3', parentId: 'set-11', type: 'other' })), UniqueViolationError);
    });

    it('rolls back a failed transaction', async () => {
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          await new DocumentRepository(trx).insert(doc({ id: 'tx', parentId: 'set-tx' }));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await new DocumentRepository(store.db).get('provisioningFlows', 'tx'), undefined);
    });

    it('migrates idempotently when a second process opens the same store', async () => {
      if (variant.name === 'sqlite') return; // in-memory SQLite is per connection; the file case is tested below
      const again = await openStore(url);
      await again.close();
    });
  });
}

describe('store locations and secrets', () => {
  it('parses the documented --db forms and rejects others with a clear message', () => {
    assert.deepEqual(parseStoreUrl('sqlite::memory:'), { kind: 'sqlite', file: ':memory:' });
    assert.deepEqual(parseStoreUrl('sqlite:./x/y.db'), { kind: 'sqlite', file: './x/y.db' });
    assert.equal(parseStoreUrl('postgres://h/db?schema=abc').kind, 'postgres');
    assert.throws(() => parseStoreUrl('mysql://x'), /not supported/);
    assert.throws(() => parseStoreUrl('sqlite:'), /needs a path/);
    assert.throws(() => parseStoreUrl('postgres://h/db?schema=DROP TABLE'), /schema/);
  });

  it('creates the SQLite file and a 0600 key file on first use, and reopens it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-store-'));
    try {
      const file = path.join(dir, 'nested', 'rosterlink.db');
      const first = await openStore(`sqlite:${file}`);
      await new DocumentRepository(first.db).insert(doc({ id: 'persist' }));
      const box = SecretBox.load(first.homeDir, {});
      const sealed = box.encrypt('P@ssw0rd!');
      await first.close();
      const second = await openStore(`sqlite:${file}`);
      assert.ok(await new DocumentRepository(second.db).get('provisioningFlows', 'persist'));
      assert.equal(
        second.nativeSqlite!.pragma('page_size', { simple: true }),
        PAGE_SIZE,
        'new stores use 16 KiB pages',
      );
      await second.close();
      const keyFile = path.join(dir, 'nested', 'secret.key');
      assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
      assert.equal(SecretBox.load(path.dirname(file), {}).decrypt(sealed), 'P@ssw0rd!', 'same key after reopening');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('encrypts with AES-256-GCM: random IVs, tamper detection, key from ROSTERLINK_SECRET_KEY', () => {
    const box = SecretBox.load(null, { ROSTERLINK_SECRET_KEY: 'a passphrase for tests' });
    const a = box.encrypt('secret');
    assert.notEqual(a, box.encrypt('secret'));
    assert.ok(!a.includes('secret'));
    assert.equal(box.decrypt(a), 'secret');
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    assert.throws(() => box.decrypt(tampered));
    const other = SecretBox.load(null, { ROSTERLINK_SECRET_KEY: 'another passphrase' });
    assert.throws(() => other.decrypt(a));
  });
});
