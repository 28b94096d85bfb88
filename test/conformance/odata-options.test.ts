import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CREATE_USER_FLOW } from '../fixtures/graph/spec-examples.js';
import { createTestApi, type TestApi } from '../support/test-server.js';

const SETS = '/beta/external/industryData/outboundProvisioningFlowSets';

describe('OData query options on the Graph surface', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
    for (let i = 0; i < 130; i++) {
      const filter = {
        '@odata.type': '#microsoft.graph.industryData.basicFilter',
        attribute: 'orgExternalId',
        in: [`school-${i % 3}`],
      };
      await api.call('POST', SETS, { displayName: `Set ${String(i).padStart(3, '0')}`, ...(i % 2 ? { filter } : {}) });
    }
  });
  after(() => api.close());

  it('pages past 100 items with @odata.nextLink and $skiptoken, visiting every item once', async () => {
    const first = await api.call('GET', SETS);
    assert.equal(first.json.value.length, 100);
    const next = new URL(first.json['@odata.nextLink']);
    assert.ok(next.searchParams.get('$skiptoken'));
    const second = await api.call('GET', next.pathname + next.search);
    assert.equal(second.status, 200);
    assert.equal(second.json.value.length, 30);
    assert.equal(second.json['@odata.nextLink'], undefined);
    const ids = new Set([...first.json.value, ...second.json.value].map((s: { id: string }) => s.id));
    assert.equal(ids.size, 130);
  });

  it('$top, $skip, $count and $orderby', async () => {
    const r = await api.call('GET', `${SETS}?$top=3&$skip=2&$count=true&$orderby=displayName desc`);
    assert.equal(r.status, 200);
    assert.equal(r.json['@odata.count'], 130);
    assert.deepEqual(
      r.json.value.map((s: { displayName: string }) => s.displayName),
      ['Set 127', 'Set 126', 'Set 125'],
    );
    assert.equal(r.json['@odata.nextLink'], undefined, '$top caps the response; no nextLink');
  });

  it('$filter with eq, ne, comparisons, and/or/not, in and startswith on scalar properties', async () => {
    const count = async (filter: string) => {
      const r = await api.call('GET', `${SETS}?$filter=${encodeURIComponent(filter)}&$count=true&$top=1`);
      assert.equal(r.status, 200, `${filter}: ${r.body}`);
      return r.json['@odata.count'];
    };
    assert.equal(await count("displayName eq 'Set 007'"), 1);
    assert.equal(await count("displayName ne 'Set 007'"), 129);
    assert.equal(await count("displayName ge 'Set 120'"), 10);
    assert.equal(await count("displayName gt 'Set 120' and displayName lt 'Set 125'"), 4);
    assert.equal(await count("displayName eq 'Set 001' or displayName eq 'Set 002'"), 2);
    assert.equal(await count("not startswith(displayName,'Set 1')"), 100);
    assert.equal(await count("displayName in ('Set 001', 'Set 002', 'nope')"), 2);
    assert.equal(await count("startswith(displayName, 'Set 12')"), 10);
    assert.equal(await count("filter/attribute eq 'orgExternalId'"), 65);
    assert.equal(await count('filter/attribute eq null'), 65);
  });

  it('$select on collections and entities keeps id and annotations and changes @odata.context', async () => {
    const list = await api.call('GET', `${SETS}?$select=displayName&$top=2`);
    assert.match(list.json['@odata.context'], /outboundProvisioningFlowSets\(displayName\)$/);
    assert.deepEqual(Object.keys(list.json.value[0]), ['id', 'displayName']);
    const id = list.json.value[0].id;
    const one = await api.call('GET', `${SETS}/${id}?$select=displayName,createdDateTime`);
    assert.match(one.json['@odata.context'], /outboundProvisioningFlowSets\(displayName,createdDateTime\)\/\$entity$/);
    assert.deepEqual(Object.keys(one.json), ['@odata.context', 'id', 'createdDateTime', 'displayName']);
  });

  it('/$count answers the filtered count as text', async () => {
    const r = await api.call('GET', `${SETS}/$count?$filter=${encodeURIComponent("startswith(displayName,'Set 00')")}`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/plain/);
    assert.equal(r.body, '10');
  });

  it('filters polymorphic flows on derived-type properties', async () => {
    const sets = await api.call('GET', `${SETS}?$top=1`);
    const flows = `${SETS}/${sets.json.value[0].id}/provisioningFlows`;
    await api.call('POST', flows, CREATE_USER_FLOW);
    const r = await api.call('GET', `${flows}?$filter=createUnmatchedUsers eq true&$select=createUnmatchedUsers`);
    assert.equal(r.status, 200);
    assert.equal(r.json.value.length, 1);
    assert.equal(r.json.value[0]['@odata.type'], '#microsoft.graph.industryData.userProvisioningFlow');
  });

  it('answers 400 for unknown options, unknown properties and malformed expressions', async () => {
    for (const [query, message] of [
      ['$bogus=1', /\$bogus/],
      ['$top=abc', /\$top/],
      ['$top=-1', /\$top/],
      ['$filter=colour eq 1', /Could not find a property named 'colour'/],
      ['$filter=displayName eq', /Syntax error/],
      ['$orderby=nope', /nope/],
      ['$select=nope', /nope/],
      ['$skiptoken=%%%', /skiptoken/i],
      ['$top=1&$top=2', /more than once/],
      ['$search=x', /search/],
    ] as const) {
      const r = await api.call('GET', `${SETS}?${query}`);
      assert.equal(r.status, 400, query);
      assert.equal(r.json.error.code, 'BadRequest');
      assert.match(r.json.error.message, message, query);
    }
    const one = await api.call('GET', `${SETS}?$top=1`);
    const r = await api.call('GET', `${SETS}/${one.json.value[0].id}?$top=1`);
    assert.equal(r.status, 400, '$top is not an option of a single entity');
  });
});
