import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CREATE_SOURCE_SYSTEM, STAFF_ROLE_CODES } from '../fixtures/graph/spec-examples.js';
import { createTestApi, type TestApi } from '../support/test-server.js';

const ROOT = '/beta/external/industryData';

describe('roleGroups, referenceDefinitions and sourceSystems', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  it('seeds the staff and students role groups with the documented role codes (§4.3)', async () => {
    const r = await api.call('GET', `${ROOT}/roleGroups`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.value, [
      { id: 'staff', displayName: 'Staff', roles: STAFF_ROLE_CODES.map((code) => ({ code })) },
      { id: 'students', displayName: 'Students', roles: [{ code: 'student' }] },
    ]);
    const one = await api.call('GET', `${ROOT}/roleGroups('students')`);
    assert.equal(one.json.displayName, 'Students');
  });

  it('lists reference definitions with the documented shape and filters by referenceType (§4.1)', async () => {
    const r = await api.call('GET', `${ROOT}/referenceDefinitions/RefIdentifierType-username`);
    assert.equal(r.status, 200);
    const { '@odata.context': _ctx, ...body } = r.json;
    assert.deepEqual(body, {
      id: 'RefIdentifierType-username',
      code: 'username',
      createdDateTime: '0001-01-01T00:00:00Z',
      displayName: null,
      isDisabled: false,
      lastModifiedDateTime: '0001-01-01T00:00:00Z',
      referenceType: 'RefIdentifierType',
      sortIndex: 40,
      source: 'IMS Global',
    });
    const ids = await api.call(
      'GET',
      `${ROOT}/referenceDefinitions?$filter=referenceType eq 'RefIdentifierType'&$select=code`,
    );
    assert.deepEqual(ids.json.value.map((d: { code: string }) => d.code).sort(), [
      'activeDirectoryMatchId',
      'email',
      'sourcedId',
      'username',
    ]);
    const targets = await api.call('GET', `${ROOT}/referenceDefinitions?$filter=referenceType eq 'RefUserMatchTarget'`);
    assert.deepEqual(
      targets.json.value.map((d: { code: string }) => d.code),
      ['userPrincipalName', 'mail'],
    );
    for (const type of ['RefRole', 'RefOrgType', 'RefGradeLevel', 'RefFileFormat', 'RefAcademicYear']) {
      const c = await api.call('GET', `${ROOT}/referenceDefinitions/$count?$filter=referenceType eq '${type}'`);
      assert.ok(Number(c.body) > 0, type);
    }
    const undergrad = await api.call('GET', `${ROOT}/referenceDefinitions/RefGradeLevel-undergraduate`);
    assert.equal(undergrad.json.sortIndex, 270);
  });

  it('creates, updates and deletes a tenant reference definition; defaults can be disabled but not deleted', async () => {
    const created = await api.call('POST', `${ROOT}/referenceDefinitions`, {
      referenceType: 'RefGradeLevel',
      code: 'year7',
      displayName: 'Year 7',
      sortIndex: 900,
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.id, 'RefGradeLevel-year7');
    assert.equal(created.json.source, 'tenant');
    assert.equal(
      (await api.call('POST', `${ROOT}/referenceDefinitions`, { referenceType: 'RefGradeLevel', code: 'year7' }))
        .status,
      409,
    );
    assert.equal(
      (await api.call('PATCH', `${ROOT}/referenceDefinitions/RefGradeLevel-year7`, { displayName: 'Year seven' }))
        .status,
      204,
    );
    assert.equal(
      (await api.call('GET', `${ROOT}/referenceDefinitions/RefGradeLevel-year7`)).json.displayName,
      'Year seven',
    );
    assert.equal(
      (await api.call('PATCH', `${ROOT}/referenceDefinitions/RefGradeLevel-year7`, { code: 'year8' })).status,
      400,
    );
    assert.equal((await api.call('DELETE', `${ROOT}/referenceDefinitions/RefGradeLevel-year7`)).status, 204);
    const keep = await api.call('DELETE', `${ROOT}/referenceDefinitions/RefRole-teacher`);
    assert.equal(keep.status, 400);
    assert.match(keep.json.error.message, /isDisabled/);
    assert.equal(
      (await api.call('PATCH', `${ROOT}/referenceDefinitions/RefIdentifierType-email`, { isDisabled: true })).status,
      204,
    );
    const disabled = await api.call('POST', `${ROOT}/sourceSystems`, {
      displayName: 'x',
      userMatchingSettings: [{ ...CREATE_SOURCE_SYSTEM.userMatchingSettings[0], sourceIdentifier: { code: 'email' } }],
    });
    assert.equal(disabled.status, 400, 'a disabled code cannot be used');
    await api.call('PATCH', `${ROOT}/referenceDefinitions/RefIdentifierType-email`, { isDisabled: false });
  });

  it('creates a source system from the documented example and expands role groups on read (§4.5)', async () => {
    const created = await api.call('POST', `${ROOT}/sourceSystems`, CREATE_SOURCE_SYSTEM);
    assert.equal(created.status, 201);
    assert.equal(created.json.displayName, 'Rostering source');
    assert.deepEqual(created.json.userMatchingSettings[0], {
      matchTarget: { code: 'userPrincipalName' },
      priorityOrder: 0,
      sourceIdentifier: { code: 'username' },
      domainName: null,
    });
    const got = await api.call('GET', `${ROOT}/sourceSystems/${created.json.id}`);
    assert.equal(got.json.userMatchingSettings[1].roleGroup.id, 'students');
    assert.match(
      got.json.userMatchingSettings[1]['roleGroup@odata.context'],
      /sourceSystems\('[^']+'\)\/userMatchingSettings\/roleGroup\/\$entity$/,
    );
  });

  it('validates matching rules: codes against reference definitions (case-insensitively), bound definitions, domainName', async () => {
    const rule = (over: Record<string, unknown>) => ({
      displayName: 'SIS',
      userMatchingSettings: [{ ...CREATE_SOURCE_SYSTEM.userMatchingSettings[0], ...over }],
    });
    const mail = await api.call(
      'POST',
      `${ROOT}/sourceSystems`,
      rule({
        matchTarget: { code: 'MAIL' },
        sourceIdentifier: { 'value@odata.bind': 'external/industryData/referenceDefinitions/RefIdentifierType-email' },
        domainName: 'contoso.edu',
      }),
    );
    assert.equal(mail.status, 201, mail.body);
    assert.deepEqual(mail.json.userMatchingSettings[0].matchTarget, { code: 'mail' });
    assert.deepEqual(mail.json.userMatchingSettings[0].sourceIdentifier, { code: 'email' });
    assert.equal(mail.json.userMatchingSettings[0].domainName, 'contoso.edu');
    for (const [over, message] of [
      [{ sourceIdentifier: { code: 'shoeSize' } }, /'shoeSize' is not a known RefIdentifierType code/],
      [{ matchTarget: { code: 'displayName' } }, /not a known RefUserMatchTarget code/],
      [
        { sourceIdentifier: { 'value@odata.bind': 'external/industryData/referenceDefinitions/RefRole-teacher' } },
        /must name a 'RefIdentifierType'/,
      ],
      [{ 'roleGroup@odata.bind': 'roleGroups/parents' }, /roleGroup 'parents' does not exist/],
      [{ sourceIdentifier: null }, /null/],
    ] as const) {
      const r = await api.call('POST', `${ROOT}/sourceSystems`, rule(over));
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.match(r.json.error.message, message);
    }
  });
});
