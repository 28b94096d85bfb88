/**
 * Round trip with the district generator (src/inbound/generate, another module): whatever it writes must read
 * back without a finding and with the generator's own counts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { read, show, tempDir } from './support/roster.js';

describe('generated districts read back cleanly', () => {
  for (const format of ['sds-v2.1', 'oneroster-1.1'] as const) {
    it(format, async () => {
      const { dir, cleanup } = await tempDir();
      try {
        const summary = await generateDistrict({ persons: 1200, out: dir, format, seed: 7 });
        const res = await read(dir, { onBatch: () => {} });
        assert.equal(res.format, format);
        assert.equal(res.catastrophic, null, show(res.findings));
        assert.deepEqual(res.findings, [], show(res.findings));
        assert.equal(res.counts.accepted.persons, summary.persons + summary.contacts);
        assert.equal(res.counts.accepted.orgs, summary.orgs);
        assert.equal(res.counts.accepted.roles, summary.roles);
        assert.equal(res.counts.accepted.classes, summary.classes);
        assert.equal(res.counts.accepted.enrollments, summary.enrollments);
        assert.equal(res.counts.accepted.relationships, summary.relationships);
      } finally {
        await cleanup();
      }
    });
  }
});
