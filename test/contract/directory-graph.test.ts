import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANCHOR_PROPERTY, GRADE_PROPERTY, STUDENT_NUMBER_PROPERTY } from '../../src/api/graph/directory/user-model.js';
import { DEFAULT_PROPERTY_NAMES } from '../../src/directory/graph/index.js';
import { startGraphTarget } from '../support/graph-target.js';
import { runDirectoryContract } from './directory-contract.js';

/**
 * The Graph adapter over real HTTP against rosterlink's own Graph-compatible /v1.0 surface (on SQLite): the same
 * requests it would send to graph.microsoft.com, `$batch` included. SKUs and out-of-band deletes go through the
 * server's embedded directory, as an administrator would use the Microsoft 365 admin centre.
 */
runDirectoryContract('graph (rosterlink /v1.0 over HTTP)', async () => {
  const target = await startGraphTarget();
  return {
    // Small envelopes and two in flight, so the contract's batches span several $batch requests.
    directory: target.directory({ batchSize: 3, concurrency: 2 }),
    addSku: async (skuPartNumber, seats) => (await target.service.addSku({ skuPartNumber, seats })).skuId,
    deleteAccount: (id) => target.service.delete(id),
    tracksModification: false, // Entra exposes no modification time on users
    close: () => target.close(),
  };
});

test("the adapter's default property names are the ones rosterlink's /v1.0 serves", () => {
  assert.equal(DEFAULT_PROPERTY_NAMES.anchor, ANCHOR_PROPERTY);
  assert.equal(DEFAULT_PROPERTY_NAMES.grade, GRADE_PROPERTY);
  assert.equal(DEFAULT_PROPERTY_NAMES.userNumber, STUDENT_NUMBER_PROPERTY);
  assert.equal(DEFAULT_PROPERTY_NAMES.relatedContacts, 'relatedContacts');
});
