import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASKED_SECRET } from '../../model/write-value.js';
import { readUserFlowForm, userFlowPatch, userFlowView } from './user-flow-form.js';

const stored = {
  createUnmatchedUsers: true,
  managementOptions: {
    additionalAttributes: ['userGradeLevel'],
    additionalOptions: { studentAgeGroup: 'minor', allowStudentContactAssociation: false },
  },
  creationOptions: {
    configurations: [
      { 'roleGroup@id': 'staff', licenseSkus: ['FACULTY'], defaultPasswordSettings: { password: 'sealed:abc' } },
    ],
  },
};

describe('user flow form', () => {
  it('shows a stored password only as present', () => {
    const view = userFlowView(stored);
    assert.deepEqual(view.configurations, [{ roleGroupId: 'staff', licenseSkus: ['FACULTY'], hasPassword: true }]);
    assert.ok(!JSON.stringify(view).includes('sealed'));
  });

  it('builds the Graph PATCH body: blank password = masked (unchanged), new values as given', () => {
    const form = new URLSearchParams(
      'createUnmatchedUsers=on&additionalAttributes=userGradeLevel&additionalAttributes=userNumber' +
        '&studentAgeGroup=notAdult&skus.staff=FACULTY%2C%20A3&password.staff=' +
        '&skus.students=STUDENT&password.students=New-Pass-1!',
    );
    const body = userFlowPatch(readUserFlowForm(form, ['staff', 'students']), userFlowView(stored));
    assert.deepEqual(body, {
      '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow',
      createUnmatchedUsers: true,
      managementOptions: {
        additionalAttributes: ['userGradeLevel', 'userNumber'],
        additionalOptions: { studentAgeGroup: 'notAdult', allowStudentContactAssociation: false },
      },
      creationOptions: {
        configurations: [
          {
            'roleGroup@odata.bind': 'https://graph.microsoft.com/beta/external/industryData/roleGroups/staff',
            licenseSkus: ['FACULTY', 'A3'],
            defaultPasswordSettings: {
              '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
              password: MASKED_SECRET,
            },
          },
          {
            'roleGroup@odata.bind': 'https://graph.microsoft.com/beta/external/industryData/roleGroups/students',
            licenseSkus: ['STUDENT'],
            defaultPasswordSettings: {
              '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
              password: 'New-Pass-1!',
            },
          },
        ],
      },
    });
  });

  it('leaves out role groups without settings and drops removed ones', () => {
    const form = new URLSearchParams('remove.staff=on&skus.students=&password.students=');
    const body = userFlowPatch(readUserFlowForm(form, ['staff', 'students']), userFlowView(stored));
    assert.deepEqual(body.creationOptions, { configurations: [] });
    assert.equal(body.createUnmatchedUsers, false);
    assert.deepEqual((body.managementOptions as { additionalOptions: unknown }).additionalOptions, {
      studentAgeGroup: null,
      allowStudentContactAssociation: false,
    });
  });
});
