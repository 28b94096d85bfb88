import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CREATE_FLOW_SET, UPDATE_FLOW_SET } from '../fixtures/graph/spec-examples.js';
import { storeVariants } from '../support/stores.js';
import { createTestApi, type TestApi } from '../support/test-server.js';

const ROOT = 'https://graph.microsoft.com/beta/$metadata#external/industryData';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const variant of storeVariants()) {
  describe(`outboundProvisioningFlowSets (spec §5.1–5.5) on ${variant.name}`, () => {
    let api: TestApi;
    let url: string;
    before(async () => {
      url = variant.url();
      api = await createTestApi(url);
    });
    after(async () => {
      await api.close();
      await variant.cleanup(url);
    });

    it('creates a set with the documented capital-O path and returns the documented 201 body', async () => {
      const r = await api.call('POST', '/beta/external/industryData/OutboundProvisioningFlowSets', CREATE_FLOW_SET);
      assert.equal(r.status, 201);
      assert.match(String(r.headers['content-type']), /^application\/json/);
      const { id, createdDateTime, lastModifiedDateTime, ...rest } = r.json;
      assert.match(id, GUID);
      assert.match(createdDateTime, TIMESTAMP);
      assert.equal(lastModifiedDateTime, createdDateTime);
      assert.deepEqual(Object.keys(r.json), [
        '@odata.context',
        'id',
        'createdDateTime',
        'lastModifiedDateTime',
        'displayName',
        'filter',
      ]);
      assert.deepEqual(rest, {
        '@odata.context': `${ROOT}/outboundProvisioningFlowSets/$entity`,
        displayName: 'Outbound Provisioning Flow Test',
        filter: {
          '@odata.type': '#microsoft.graph.industryData.basicFilter',
          attribute: 'orgExternalId',
          in: ['Quarter', 'Demo'],
        },
      });
      assert.match(
        String(r.headers.location),
        new RegExp(`/beta/external/industryData/outboundProvisioningFlowSets/${id}$`),
      );
    });

    it('lists sets without @odata.type on items but with it on the derived filter (§5.1)', async () => {
      await api.call('POST', '/beta/external/industryData/outboundProvisioningFlowSets', {
        displayName: 'Outbound Provisioning Flow',
        filter: {
          '@odata.type': '#microsoft.graph.industryData.basicFilter',
          attribute: 'orgExternalId',
          in: ['Practice', 'Tactics'],
        },
      });
      const r = await api.call('GET', '/beta/external/industryData/outboundProvisioningFlowSets');
      assert.equal(r.status, 200);
      assert.equal(r.json['@odata.context'], `${ROOT}/outboundProvisioningFlowSets`);
      assert.equal(r.json.value.length, 2);
      for (const item of r.json.value) {
        assert.equal(item['@odata.type'], undefined);
        assert.equal(item.filter['@odata.type'], '#microsoft.graph.industryData.basicFilter');
      }
      assert.deepEqual(
        r.json.value.map((s: { displayName: string }) => s.displayName),
        ['Outbound Provisioning Flow Test', 'Outbound Provisioning Flow'],
      );
    });

    it("gets a set by /id and by ('id'), case-insensitively (§5.3)", async () => {
      const created = await api.call(
        'POST',
        '/beta/external/industryData/outboundProvisioningFlowSets',
        CREATE_FLOW_SET,
      );
      for (const path of [
        `/beta/external/industryData/OutboundProvisioningFlowSets/${created.json.id}`,
        `/beta/external/industryData/outboundProvisioningFlowSets('${created.json.id}')`,
        `/BETA/External/IndustryData/outboundprovisioningflowsets/${created.json.id.toUpperCase()}`,
      ]) {
        const r = await api.call('GET', path);
        assert.equal(r.status, 200, path);
        assert.equal(r.json['@odata.context'], `${ROOT}/outboundProvisioningFlowSets/$entity`);
        assert.equal(r.json.id, created.json.id);
        assert.deepEqual(r.json.filter, created.json.filter);
      }
    });

    it('PATCH merges, answers 204 with no body and moves lastModifiedDateTime forward (§5.4)', async () => {
      const created = await api.call(
        'POST',
        '/beta/external/industryData/outboundProvisioningFlowSets',
        CREATE_FLOW_SET,
      );
      const path = `/beta/external/industryData/OutboundProvisioningFlowSets/${created.json.id}`;
      const r = await api.call('PATCH', path, UPDATE_FLOW_SET);
      assert.equal(r.status, 204);
      assert.equal(r.body, '');
      const after = await api.call('GET', path);
      assert.equal(after.json.displayName, 'Outbound provisioning flow Updated');
      assert.deepEqual(after.json.filter, created.json.filter, 'filter kept');
      assert.equal(after.json.createdDateTime, created.json.createdDateTime);
      assert.ok(after.json.lastModifiedDateTime > created.json.lastModifiedDateTime);
    });

    it('PATCH with filter null clears it; displayName null is rejected', async () => {
      const created = await api.call(
        'POST',
        '/beta/external/industryData/outboundProvisioningFlowSets',
        CREATE_FLOW_SET,
      );
      const path = `/beta/external/industryData/outboundProvisioningFlowSets/${created.json.id}`;
      assert.equal((await api.call('PATCH', path, { filter: null })).status, 204);
      assert.equal((await api.call('GET', path)).json.filter, null);
      const bad = await api.call('PATCH', path, { displayName: null });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'BadRequest');
    });

    it('DELETE answers 204 and removes the set and its flows (§5.5)', async () => {
      const created = await api.call(
        'POST',
        '/beta/external/industryData/outboundProvisioningFlowSets',
        CREATE_FLOW_SET,
      );
      const path = `/beta/external/industryData/OutboundProvisioningFlowSets/${created.json.id}`;
      const flow = await api.call('POST', `${path}/provisioningFlows`, {
        '@odata.type': '#microsoft.graph.industryData.securityGroupProvisioningFlow',
        creationOptions: { createBasedOnRoleGroup: true, createBasedOnOrgPlusRoleGroup: false },
      });
      assert.equal(flow.status, 201);
      const r = await api.call('DELETE', path);
      assert.equal(r.status, 204);
      assert.equal(r.body, '');
      assert.equal((await api.call('GET', path)).status, 404);
      const docs = await api.runtime.config.docs.list('provisioningFlows', created.json.id);
      assert.equal(docs.length, 0, 'contained flows are deleted with the set');
    });

    it('rejects a create without displayName, with a bad filter, or with read-only properties', async () => {
      const base = '/beta/external/industryData/outboundProvisioningFlowSets';
      const cases: [unknown, RegExp][] = [
        [{ filter: null }, /displayName/],
        [{ displayName: 'x', filter: { attribute: 'orgExternalId', in: [] } }, /@odata\.type.*abstract/],
        [
          {
            displayName: 'x',
            filter: { '@odata.type': '#microsoft.graph.industryData.basicFilter', attribute: 'schoolName', in: [] },
          },
          /Invalid value "schoolName"/,
        ],
        [
          {
            displayName: 'x',
            filter: { '@odata.type': '#microsoft.graph.industryData.basicFilter', attribute: 'orgExternalId' },
          },
          /'in' is required/,
        ],
        [{ displayName: 'x', id: '1' }, /'id' is read-only/],
        [{ displayName: 'x', createdDateTime: '2024-01-01T00:00:00Z' }, /'createdDateTime' is read-only/],
        [
          { displayName: 'x', colour: 'blue' },
          /Property 'colour' does not exist on type 'microsoft.graph.industryData.outboundProvisioningFlowSet'/,
        ],
        [{ displayName: 42 }, /expected a string/],
        [{ displayName: 'x'.repeat(101) }, /maximum of 100/],
        [[{ displayName: 'x' }], /must be a JSON object/],
      ];
      for (const [body, message] of cases) {
        const r = await api.call('POST', base, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.json.error.code, 'BadRequest');
        assert.match(r.json.error.message, message, JSON.stringify(body));
      }
    });
  });
}
