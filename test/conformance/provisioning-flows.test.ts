import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CREATE_ADMIN_UNIT_FLOW,
  CREATE_CLASS_GROUP_FLOW,
  CREATE_FLOW_SET,
  CREATE_SECURITY_GROUP_FLOW,
  CREATE_SOURCE_SYSTEM,
  CREATE_USER_FLOW,
  CREATE_USER_FLOW_RESPONSE,
  STAFF_ROLE_CODES,
  UPDATE_USER_FLOW,
} from '../fixtures/graph/spec-examples.js';
import { createTestApi, type TestApi } from '../support/test-server.js';

const ROOT = 'https://graph.microsoft.com/beta/$metadata#external/industryData';
const strip = ({
  id: _id,
  createdDateTime: _c,
  lastModifiedDateTime: _m,
  '@odata.context': _x,
  ...rest
}: Record<string, unknown>) => rest;

describe('provisioningFlows (spec §5.6–5.10)', () => {
  let api: TestApi;
  let setId: string;
  let flows: string;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());
  beforeEach(async () => {
    setId = (await api.call('POST', '/beta/external/industryData/outboundProvisioningFlowSets', CREATE_FLOW_SET)).json
      .id;
    flows = `/beta/external/industryData/outboundProvisioningFlowSets/${setId}/provisioningFlows`;
  });

  it('creates a userProvisioningFlow and answers exactly the documented 201 body (example 4)', async () => {
    const r = await api.call('POST', flows, CREATE_USER_FLOW);
    assert.equal(r.status, 201);
    assert.equal(
      r.json['@odata.context'],
      `${ROOT}/outboundProvisioningFlowSets('${setId}')/provisioningFlows/$entity`,
    );
    assert.deepEqual(strip(r.json), CREATE_USER_FLOW_RESPONSE);
    assert.deepEqual(Object.keys(r.json).slice(0, 6), [
      '@odata.context',
      '@odata.type',
      'id',
      'createdDateTime',
      'lastModifiedDateTime',
      'readinessStatus',
    ]);
    assert.equal(r.json.createdDateTime, r.json.lastModifiedDateTime);
    assert.ok(!JSON.stringify(r.json).includes('roleGroup'), 'the POST response leaves roleGroup out');
  });

  it('creates the other three flow types with canonical casing in the response (examples 1–3)', async () => {
    const au = await api.call('POST', flows, CREATE_ADMIN_UNIT_FLOW);
    assert.equal(au.status, 201);
    assert.deepEqual(strip(au.json), {
      '@odata.type': '#microsoft.graph.industryData.administrativeUnitProvisioningFlow',
      readinessStatus: 'notReady',
      creationOptions: { createBasedOnOrg: true, createBasedOnOrgPlusRoleGroup: true },
    });
    const cg = await api.call('POST', flows, CREATE_CLASS_GROUP_FLOW);
    assert.equal(cg.status, 201);
    assert.deepEqual(cg.json.configuration.enrollmentMappings, {
      memberEnrollmentMappings: [{ code: 'student' }],
      ownerEnrollmentMappings: [{ code: 'teacher' }],
    });
    assert.deepEqual(cg.json.configuration.additionalOptions, { createTeam: true, writeDisplayNameOnCreateOnly: true });
    assert.equal(cg.json.configuration['@odata.type'], undefined, 'non-derived values carry no @odata.type');
    const sg = await api.call('POST', flows, CREATE_SECURITY_GROUP_FLOW);
    assert.equal(sg.status, 201);
    assert.deepEqual(sg.json.creationOptions, { createBasedOnRoleGroup: true, createBasedOnOrgPlusRoleGroup: false });
  });

  it('holds at most one flow of each type per set', async () => {
    assert.equal((await api.call('POST', flows, CREATE_USER_FLOW)).status, 201);
    const second = await api.call('POST', flows, CREATE_USER_FLOW);
    assert.equal(second.status, 400);
    assert.match(second.json.error.message, /at most one flow of each type/);
    assert.equal((await api.call('POST', flows, CREATE_SECURITY_GROUP_FLOW)).status, 201);
  });

  it('reads back the computed readiness: notReady without matching rules, ready with them, disabled for flow types rosterlink does not run', async () => {
    const user = await api.call('POST', flows, CREATE_USER_FLOW);
    assert.equal(user.json.readinessStatus, 'notReady', 'the POST response shows the stored value, as documented');
    const sg = await api.call('POST', flows, CREATE_SECURITY_GROUP_FLOW);
    const readiness = async () =>
      Object.fromEntries(
        (await api.call('GET', flows)).json.value.map((f: Record<string, string>) => [f.id, f.readinessStatus]),
      );
    const sourceSystems = (await api.call('GET', '/beta/external/industryData/sourceSystems')).json.value.length;
    assert.equal(sourceSystems, 0, 'no source system yet, so no matching rules');
    assert.deepEqual(await readiness(), { [user.json.id]: 'notReady', [sg.json.id]: 'disabled' });
    assert.equal(
      (await api.call('POST', '/beta/external/industryData/sourceSystems', CREATE_SOURCE_SYSTEM)).status,
      201,
    );
    assert.deepEqual(await readiness(), { [user.json.id]: 'ready', [sg.json.id]: 'disabled' });
  });

  it('lists flows polymorphically, expanding roleGroup with its @odata.context (§5.6)', async () => {
    const user = await api.call('POST', flows, CREATE_USER_FLOW);
    await api.call('POST', flows, CREATE_SECURITY_GROUP_FLOW);
    const r = await api.call('GET', flows);
    assert.equal(r.status, 200);
    assert.equal(r.json['@odata.context'], `${ROOT}/outboundProvisioningFlowSets('${setId}')/provisioningFlows`);
    assert.deepEqual(
      r.json.value.map((f: Record<string, string>) => f['@odata.type']),
      [
        '#microsoft.graph.industryData.userProvisioningFlow',
        '#microsoft.graph.industryData.securityGroupProvisioningFlow',
      ],
    );
    const staff = r.json.value[0].creationOptions.configurations[0];
    assert.equal(
      staff['roleGroup@odata.context'],
      `${ROOT}/outboundProvisioningFlowSets('${setId}')/provisioningFlows('${user.json.id}')/microsoft.graph.industryData.userProvisioningFlow/creationOptions/configurations/roleGroup/$entity`,
    );
    assert.deepEqual(staff.roleGroup, {
      id: 'staff',
      displayName: 'Staff',
      roles: STAFF_ROLE_CODES.map((code) => ({ code })),
    });
    assert.deepEqual(Object.keys(staff), [
      'licenseSkus',
      'defaultPasswordSettings',
      'roleGroup@odata.context',
      'roleGroup',
    ]);
  });

  it('gets a flow with the capital-O path; the body matches §5.8 (roleGroup inline, password masked)', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    const r = await api.call(
      'GET',
      `/beta/external/industryData/OutboundProvisioningFlowSets/${setId}/provisioningFlows/${created.json.id}`,
    );
    assert.equal(r.status, 200);
    assert.equal(
      r.json['@odata.context'],
      `${ROOT}/outboundProvisioningFlowSets('${setId}')/provisioningFlows/$entity`,
    );
    assert.equal(r.json['@odata.type'], '#microsoft.graph.industryData.userProvisioningFlow');
    const [staff, students] = r.json.creationOptions.configurations;
    assert.equal(staff.roleGroup.id, 'staff');
    assert.deepEqual(staff.licenseSkus, ['Sku1'], 'Sku1 stays with staff (the doc example swaps them; we do not)');
    assert.deepEqual(students.roleGroup, { id: 'students', displayName: 'Students', roles: [{ code: 'student' }] });
    assert.equal(students.defaultPasswordSettings.password, '***************');
    assert.deepEqual(r.json.managementOptions.additionalOptions, {
      markAllStudentsAsMinors: true,
      allowStudentContactAssociation: false,
      studentAgeGroup: 'minor',
    });
  });

  it('PATCHes with the §5.9 body: 204, complex values replaced, lastModifiedDateTime forward', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    const path = `/beta/external/industryData/OutboundProvisioningFlowSets/${setId}/provisioningFlows/${created.json.id}`;
    const r = await api.call('PATCH', path, UPDATE_USER_FLOW);
    assert.equal(r.status, 204);
    assert.equal(r.body, '');
    const got = (await api.call('GET', path)).json;
    assert.deepEqual(
      got.creationOptions.configurations.map((c: { licenseSkus: string[] }) => c.licenseSkus),
      [['SkuUpdated'], ['SkuUpdated2']],
    );
    assert.equal(got.managementOptions.additionalOptions.allowStudentContactAssociation, true);
    assert.ok(got.lastModifiedDateTime > created.json.lastModifiedDateTime);
    assert.equal(got.createdDateTime, created.json.createdDateTime);
  });

  it('PATCH merges top-level properties and keeps the rest', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    const path = `${flows}/${created.json.id}`;
    assert.equal((await api.call('PATCH', path, { createUnmatchedUsers: false })).status, 204);
    const got = (await api.call('GET', path)).json;
    assert.equal(got.createUnmatchedUsers, false);
    assert.deepEqual(got.managementOptions.additionalAttributes, ['userGradeLevel']);
    assert.equal(got.creationOptions.configurations.length, 2);
  });

  it('maps the legacy markAllStudentsAsMinors flag to studentAgeGroup, and null turns age groups off', async () => {
    const legacy = structuredClone(CREATE_USER_FLOW) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    legacy.managementOptions.additionalOptions = {
      markAllStudentsAsMinors: true,
      allowStudentContactAssociation: false,
    };
    const r = await api.call('POST', flows, legacy);
    assert.equal(r.status, 201);
    assert.equal(r.json.managementOptions.additionalOptions.studentAgeGroup, 'minor');
    assert.equal(r.json.managementOptions.additionalOptions.markAllStudentsAsMinors, true);
    const path = `${flows}/${r.json.id}`;
    await api.call('PATCH', path, { managementOptions: { additionalOptions: { studentAgeGroup: null } } });
    const got = (await api.call('GET', path)).json;
    assert.deepEqual(got.managementOptions.additionalOptions, {
      markAllStudentsAsMinors: false,
      allowStudentContactAssociation: null,
      studentAgeGroup: null,
    });
    assert.equal(got.managementOptions.additionalAttributes, null, 'complex value replaced whole');
  });

  it('accepts the three documented roleGroup bind forms and rejects unknown role groups', async () => {
    for (const bind of [
      'https://graph.microsoft.com/beta/external/industryData/roleGroups/staff',
      'external/industryData/roleGroups/staff',
      "roleGroups('staff')",
    ]) {
      const body = {
        ...CREATE_USER_FLOW,
        creationOptions: { configurations: [{ 'roleGroup@odata.bind': bind, licenseSkus: [] }] },
      };
      const r = await api.call('POST', flows, body);
      assert.equal(r.status, 201, bind);
      const got = await api.call('GET', `${flows}/${r.json.id}`);
      assert.equal(got.json.creationOptions.configurations[0].roleGroup.id, 'staff');
      await api.call('DELETE', `${flows}/${r.json.id}`);
    }
    for (const [bind, message] of [
      [
        'https://graph.microsoft.com/beta/external/industryData/roleGroups/teachers',
        /roleGroup 'teachers' does not exist/,
      ],
      [
        'https://graph.microsoft.com/beta/external/industryData/sourceSystems/x',
        /does not identify an entity in 'external\/industryData\/roleGroups'/,
      ],
    ] as const) {
      const body = { ...CREATE_USER_FLOW, creationOptions: { configurations: [{ 'roleGroup@odata.bind': bind }] } };
      const r = await api.call('POST', flows, body);
      assert.equal(r.status, 400, bind);
      assert.match(r.json.error.message, message);
    }
  });

  it('rejects bodies Graph would reject, each with a precise 400', async () => {
    const { '@odata.type': _t, ...untyped } = CREATE_USER_FLOW;
    const cases: [unknown, RegExp][] = [
      [
        untyped,
        /'@odata\.type' annotation is required: 'microsoft\.graph\.industryData\.provisioningFlow' is abstract/,
      ],
      [{ ...CREATE_USER_FLOW, '@odata.type': '#microsoft.graph.industryData.provisioningFlow' }, /is abstract/],
      [{ ...CREATE_USER_FLOW, '@odata.type': '#microsoft.graph.user' }, /could not be resolved/],
      [
        { ...CREATE_USER_FLOW, '@odata.type': '#microsoft.graph.industryData.outboundProvisioningFlowSet' },
        /not compatible/,
      ],
      [{ ...CREATE_USER_FLOW, readinessStatus: 'ready' }, /'readinessStatus' is read-only/],
      [{ ...CREATE_USER_FLOW, id: 'x' }, /'id' is read-only/],
      [{ ...CREATE_USER_FLOW, lastModifiedDateTime: '2024-01-01T00:00:00Z' }, /read-only/],
      [{ ...CREATE_USER_FLOW, frobnicate: true }, /Property 'frobnicate' does not exist/],
      [{ ...CREATE_USER_FLOW, createUnmatchedUsers: 'yes' }, /Edm\.Boolean/],
      [{ '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow' }, /'managementOptions' is required/],
      [
        { ...CREATE_USER_FLOW, managementOptions: { additionalAttributes: ['shoeSize'], additionalOptions: {} } },
        /Invalid value "shoeSize"/,
      ],
      [
        { ...CREATE_USER_FLOW, managementOptions: { additionalOptions: { studentAgeGroup: 'toddler' } } },
        /studentAgeGroup/,
      ],
      [
        { ...CREATE_USER_FLOW, creationOptions: { configurations: [{ licenseSkus: [] }] } },
        /'roleGroup@odata\.bind' is required/,
      ],
      [
        {
          ...CREATE_USER_FLOW,
          creationOptions: {
            configurations: [
              { 'roleGroup@odata.bind': 'roleGroups/staff', defaultPasswordSettings: { password: 'x' } },
            ],
          },
        },
        /abstract/,
      ],
      [
        { ...CREATE_USER_FLOW, createBasedOnRoleGroup: true },
        /does not exist on type 'microsoft\.graph\.industryData\.userProvisioningFlow'/,
      ],
      [{ ...CREATE_USER_FLOW, createUnmatchedUsers: true, createunmatchedusers: false }, /given twice/],
    ];
    for (const [body, message] of cases) {
      const r = await api.call('POST', flows, body);
      assert.equal(r.status, 400, JSON.stringify(body).slice(0, 200));
      assert.equal(r.json.error.code, 'BadRequest');
      assert.match(r.json.error.message, message, JSON.stringify(body).slice(0, 200));
    }
  });

  it('rejects a PATCH whose @odata.type names another flow type', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    const r = await api.call('PATCH', `${flows}/${created.json.id}`, {
      '@odata.type': '#microsoft.graph.industryData.securityGroupProvisioningFlow',
      creationOptions: { createBasedOnRoleGroup: true, createBasedOnOrgPlusRoleGroup: true },
    });
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /does not match the type of the existing entity/);
  });

  it('resets in both documented forms with 202 and no body (§5.7)', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    for (const suffix of ['reset', 'microsoft.graph.industryData.reset']) {
      const r = await api.call('POST', `${flows}/${created.json.id}/${suffix}`);
      assert.equal(r.status, 202, suffix);
      assert.equal(r.body, '');
    }
    assert.equal((await api.call('GET', `${flows}/${created.json.id}/reset`)).status, 405);
    assert.equal((await api.call('POST', `${flows}/00000000-0000-0000-0000-000000000000/reset`)).status, 404);
  });

  it('DELETE answers 204, then the flow is gone (§5.10)', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    const path = `/beta/external/industryData/OutboundProvisioningFlowSets/${setId}/provisioningFlows/${created.json.id}`;
    const r = await api.call('DELETE', path);
    assert.equal(r.status, 204);
    assert.equal(r.body, '');
    const gone = await api.call('GET', path);
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'ResourceNotFound');
  });

  it('a flow is only reachable through its own set', async () => {
    const created = await api.call('POST', flows, CREATE_USER_FLOW);
    const other = (await api.call('POST', '/beta/external/industryData/outboundProvisioningFlowSets', CREATE_FLOW_SET))
      .json.id;
    const r = await api.call(
      'GET',
      `/beta/external/industryData/outboundProvisioningFlowSets/${other}/provisioningFlows/${created.json.id}`,
    );
    assert.equal(r.status, 404);
    const missingSet = await api.call(
      'GET',
      `/beta/external/industryData/outboundProvisioningFlowSets/nope/provisioningFlows`,
    );
    assert.equal(missingSet.status, 404);
    assert.match(missingSet.json.error.message, /outboundProvisioningFlowSet with id 'nope'/);
  });

  it('keeps the stored password when a client PATCHes back the masked value, and never stores plain text', async () => {
    const body = structuredClone(CREATE_USER_FLOW);
    body.creationOptions.configurations[0].defaultPasswordSettings.password = 'Staff-Secret-123!';
    const created = await api.call('POST', flows, body);
    const path = `${flows}/${created.json.id}`;
    const read = (await api.call('GET', path)).json;
    const { roleGroup: _g, 'roleGroup@odata.context': _c, ...staff } = read.creationOptions.configurations[0];
    const r = await api.call('PATCH', path, {
      creationOptions: {
        configurations: [{ ...staff, 'roleGroup@odata.bind': 'roleGroups/staff', licenseSkus: ['New'] }],
      },
    });
    assert.equal(r.status, 204);
    const [doc] = await api.runtime.config.docs.list<Record<string, any>>('provisioningFlows', setId); // eslint-disable-line @typescript-eslint/no-explicit-any
    const sealed = doc.data.creationOptions.configurations[0].defaultPasswordSettings.password;
    assert.match(sealed, /^enc:v1:/);
    assert.equal(api.runtime.config.revealSecret(sealed), 'Staff-Secret-123!');
    const raw = await api.runtime.store.db.selectFrom('documents').select('data').execute();
    assert.ok(!raw.some((row) => row.data.includes('Staff-Secret-123!')), 'no plain-text password at rest');
  });
});
