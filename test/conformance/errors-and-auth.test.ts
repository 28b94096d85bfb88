import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { issueLocalToken } from '../../src/auth/local-tokens.js';
import { CREATE_FLOW_SET } from '../fixtures/graph/spec-examples.js';
import { assertGraphError, createTestApi, type TestApi } from '../support/test-server.js';

const SETS = '/beta/external/industryData/outboundProvisioningFlowSets';

describe('Graph errors, status codes and permissions', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  it('404 for unknown ids, with request-id headers and the client-request-id echoed', async () => {
    const r = await api.call('GET', `${SETS}/3fa85f64-5717-4562-b3fc-2c963f66afa6`, undefined, {
      'client-request-id': 'my-correlation-1',
    });
    assertGraphError(r, 404, 'ResourceNotFound');
    assert.equal(r.headers['client-request-id'], 'my-correlation-1');
    assert.match(r.json.error.message, /outboundProvisioningFlowSet with id '3fa85f64/);
  });

  it('400 "Resource not found for the segment" for unknown path segments', async () => {
    const r = await api.call('GET', '/beta/external/industryData/outboundFlowSetz');
    assertGraphError(r, 400, 'BadRequest');
    assert.equal(r.json.error.message, "Resource not found for the segment 'outboundFlowSetz'.");
    const deeper = await api.call('GET', `${SETS}/abc/widgets`);
    assert.equal(deeper.json.error.message, "Resource not found for the segment 'widgets'.");
  });

  it('405 for a method the resource does not support', async () => {
    const created = await api.call('POST', SETS, CREATE_FLOW_SET);
    assertGraphError(await api.call('POST', `${SETS}/${created.json.id}`, {}), 405, 'MethodNotAllowed');
    assertGraphError(await api.call('PUT', SETS, {}), 405, 'MethodNotAllowed');
    assertGraphError(await api.call('DELETE', '/beta/external/industryData/roleGroups/staff'), 405, 'MethodNotAllowed');
    assertGraphError(await api.call('POST', '/beta/external/industryData/roleGroups', {}), 405, 'MethodNotAllowed');
  });

  it('415 for a body that is not JSON, 400 for malformed or empty JSON', async () => {
    assertGraphError(
      await api.call('POST', SETS, 'displayName=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UnsupportedMediaType',
    );
    assertGraphError(
      await api.call('POST', SETS, '<set/>', { 'content-type': 'text/xml' }),
      415,
      'UnsupportedMediaType',
    );
    const malformed = await api.call('POST', SETS, '{"displayName": "x",', { 'content-type': 'application/json' });
    assertGraphError(malformed, 400, 'BadRequest');
    assert.match(malformed.json.error.message, /not valid JSON/);
    assertGraphError(await api.call('POST', SETS, '', { 'content-type': 'application/json' }), 400, 'BadRequest');
    assertGraphError(await api.call('POST', SETS, 'null', { 'content-type': 'application/json' }), 400, 'BadRequest');
    assertGraphError(await api.call('POST', SETS, '"x"', { 'content-type': 'application/json' }), 400, 'BadRequest');
    const ok = await api.call('POST', SETS, JSON.stringify(CREATE_FLOW_SET), {
      'content-type': 'application/json; odata.metadata=minimal; charset=utf-8',
    });
    assert.equal(ok.status, 201);
  });

  it('413 for a body over the 10 MiB limit', async () => {
    const big = JSON.stringify({ displayName: 'x'.repeat(11 * 1024 * 1024) });
    assertGraphError(
      await api.call('POST', SETS, big, { 'content-type': 'application/json' }),
      413,
      'RequestEntityTooLarge',
    );
  });

  it('401 without a token, with a malformed, foreign-signed or expired token', async () => {
    const noAuth = await api.app.inject({ method: 'GET', url: SETS });
    assert.equal(noAuth.statusCode, 401);
    assert.equal(noAuth.json().error.code, 'InvalidAuthenticationToken');
    assert.equal(noAuth.json().error.message, 'Access token is empty.');
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ scp: 'IndustryData-OutboundFlow.Read.All' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('urn:rosterlink:local')
      .setAudience('https://graph.microsoft.com')
      .setExpirationTime('1h')
      .sign(privateKey);
    const expired = await issueLocalToken(api.runtime.store, {
      permissions: ['IndustryData-OutboundFlow.Read.All'],
      expiresInSeconds: -10,
    });
    for (const [header, message] of [
      ['Bearer not-a-jwt', /not a well-formed JWT/],
      [`Bearer ${foreign}`, /Invalid signature/],
      [`Bearer ${expired}`, /expired/],
      ['Basic dXNlcjpwYXNz', /Bearer/],
    ] as const) {
      const r = await api.app.inject({ method: 'GET', url: SETS, headers: { authorization: header } });
      assert.equal(r.statusCode, 401, header.slice(0, 20));
      assert.equal(r.json().error.code, 'InvalidAuthenticationToken');
      assert.match(r.json().error.message, message);
    }
  });

  it('403 when the token lacks the permission; Read.All reads, ReadWrite.All writes; app roles work too', async () => {
    const read = await api.tokenFor(['IndustryData-OutboundFlow.Read.All']);
    const write = await api.tokenFor(['IndustryData-OutboundFlow.ReadWrite.All'], true);
    const other = await api.tokenFor(['IndustryData-SourceSystem.Read.All']);
    const get = (token: string) =>
      api.app.inject({ method: 'GET', url: SETS, headers: { authorization: `Bearer ${token}` } });
    const post = (token: string) =>
      api.app.inject({
        method: 'POST',
        url: SETS,
        payload: CREATE_FLOW_SET,
        headers: { authorization: `Bearer ${token}` },
      });
    assert.equal((await get(read)).statusCode, 200);
    assert.equal((await get(write)).statusCode, 200, 'ReadWrite.All also reads');
    const denied = await post(read);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'Authorization_RequestDenied');
    assert.match(denied.json().error.message, /IndustryData-OutboundFlow\.ReadWrite\.All/);
    assert.equal((await post(write)).statusCode, 201, 'application token with roles');
    assert.equal((await get(other)).statusCode, 403);
    const sourceSystems = await api.app.inject({
      method: 'GET',
      url: '/beta/external/industryData/sourceSystems',
      headers: { authorization: `Bearer ${other}` },
    });
    assert.equal(sourceSystems.statusCode, 200);
  });

  it('serves $metadata anonymously as CSDL naming every flow type', async () => {
    const r = await api.app.inject({ method: 'GET', url: '/beta/$metadata' });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /application\/xml/);
    for (const name of [
      'userProvisioningFlow',
      'securityGroupProvisioningFlow',
      'administrativeUnitProvisioningFlow',
      'classGroupProvisioningFlow',
    ]) {
      assert.match(
        r.body,
        new RegExp(`<EntityType Name="${name}" BaseType="microsoft.graph.industryData.provisioningFlow">`),
      );
    }
    assert.match(r.body, /<EntityType Name="provisioningFlow" Abstract="true">/);
    assert.match(r.body, /<EnumType Name="studentAgeGroup">/);
  });

  it('serves a generated OpenAPI document listing every operation with its permissions', async () => {
    const r = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(r.statusCode, 200);
    const doc = r.json();
    assert.equal(doc.openapi, '3.0.3');
    const flow =
      doc.paths['/beta/external/industryData/outboundProvisioningFlowSets/{setId}/provisioningFlows/{flowId}'];
    assert.deepEqual(Object.keys(flow).sort(), ['delete', 'get', 'patch']);
    assert.deepEqual(flow.patch['x-permissions'], ['IndustryData-OutboundFlow.ReadWrite.All']);
    assert.ok(doc.components.schemas['microsoft.graph.industryData.provisioningFlow'].oneOf.length === 4);
  });
});
