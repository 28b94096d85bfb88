import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DATA_CONNECTORS, INBOUND_FLOWS } from '../../src/configuration/entity-sets.js';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openRuntime } from '../../src/main.js';
import { REPO_ROOT } from '../support/cli.js';
import { addSkus, configure, copyRoster, editCsv, load, runOnce, runServiceWith } from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

/**
 * Two inbound flows reading one source system (two rosters of one SIS) share its links. Regression: each flow's
 * plan took the other roster's people for people who had left, reported them twice and, with deprovision
 * `disable`, disabled their accounts.
 */
const SAMPLE = path.join(
  process.env.ROSTERLINK_SHARED_DATA ?? path.join(REPO_ROOT, '..', 'shared', 'data'),
  'o365-edu-tools-sds-v2.1',
);
let root: string;
let district: string;
let sample: string;
let sampleWithout: string;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-shared-ss-'));
  district = path.join(root, 'district');
  await generateDistrict({ persons: 40, out: district, format: 'sds-v2.1', seed: 29 });
  sample = copyRoster(SAMPLE, path.join(root, 'sample'));
  sampleWithout = copyRoster(SAMPLE, path.join(root, 'sample-without'));
  // Student 114004 leaves the second roster (with the relationship that names them).
  editCsv(sampleWithout, 'users.csv', (_h, rows) => rows.filter((r) => r[0] !== '114004'));
  for (const file of ['roles.csv', 'relationships.csv', 'enrollments.csv', 'demographics.csv', 'userFlags.csv']) {
    editCsv(sampleWithout, file, (header, rows) => rows.filter((r) => r[header.indexOf('userSourcedId')] !== '114004'));
  }
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

for (const variant of storeVariants()) {
  describe(
    `two inbound flows on one source system (${variant.name})`,
    { skip: !fs.existsSync(SAMPLE) && 'no sample' },
    () => {
      const url = variant.url();
      after(() => variant.cleanup(url));

      test('nobody of the other roster is departed or disabled; someone who left is reported once', async () => {
        const runtime = await openRuntime(url);
        try {
          await addSkus(runtime, 100, 100);
          const { inbound, sourceSystem } = await configure(runtime);
          const connector = await runtime.config.create(DATA_CONNECTORS, {
            '@odata.type': '#microsoft.graph.industryData.azureDataLakeConnector',
            displayName: 'Second roster',
            'sourceSystem@odata.bind': `external/industryData/sourceSystems/${sourceSystem.id}`,
          });
          const second = await runtime.config.create(INBOUND_FLOWS, {
            '@odata.type': '#microsoft.graph.industryData.inboundFileFlow',
            displayName: 'Second roster',
            dataDomain: 'educationRostering',
            effectiveDateTime: '2020-01-01T00:00:00Z',
            'dataConnector@odata.bind': `external/industryData/dataConnectors/${connector.id}`,
            'year@odata.bind': `external/industryData/years/${String(inbound.data['year@id'])}`,
          });
          await load(runtime, inbound, district);
          await load(runtime, second, sample);
          const disabling = runServiceWith(runtime, { deprovision: 'disable' });

          const first = await runOnce(runtime, disabling);
          const ids = first.rows.map((r) => r.sourcedId);
          assert.equal(new Set(ids).size, ids.length, 'one row per person');
          assert.equal(first.rows.length, 40 + 6);
          assert.ok(first.rows.every((r) => r.decision === 'create' && r.outcome === 'applied'));
          const service = new DirectoryService(runtime.store);
          const accounts = await service.list({ offset: 0, limit: 1000 });
          assert.equal(accounts.accounts.length, 46);
          assert.ok(accounts.accounts.every((a) => a.accountEnabled));

          const again = await runOnce(runtime, disabling);
          assert.equal(again.writes, 0);
          assert.equal(again.rows.length, 46);
          assert.ok(again.rows.every((r) => r.decision === 'noop'));

          await load(runtime, second, sampleWithout);
          const left = await runOnce(runtime, disabling);
          const rows = left.rows.filter((r) => r.sourcedId === '114004');
          assert.equal(rows.length, 1);
          assert.equal(rows[0].decision, 'update');
          assert.match(rows[0].reason, /No longer in the roster: disable the account/);
          assert.equal(left.writes, 1);
          assert.equal((await service.get(rows[0].accountId!)).accountEnabled, false);
          assert.equal(left.rows.length, 46);
        } finally {
          await runtime.close();
        }
      });
    },
  );
}
