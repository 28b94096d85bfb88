import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { person, rule } from './fixtures-for-tests.js';
import { anchorOf, describeRule, identityValue, isValidUpn, mailNicknameOf } from './identity.js';

describe('identityValue (spec §2.3)', () => {
  const p = person('1001', {
    username: 'ada',
    email: 'Ada.Lovelace@mail.example',
    activeDirectoryMatchId: 'ad-42',
  });

  test('each source identifier reads its own field', () => {
    assert.equal(identityValue(p, rule('students', { sourceIdentifier: 'username' })), 'ada@contoso.edu');
    assert.equal(identityValue(p, rule('students', { sourceIdentifier: 'email' })), 'Ada.Lovelace@mail.example');
    assert.equal(
      identityValue(p, rule('students', { sourceIdentifier: 'activeDirectoryMatchId' })),
      'ad-42@contoso.edu',
    );
    assert.equal(identityValue(p, rule('students', { sourceIdentifier: 'sourcedId' })), '1001@contoso.edu');
  });

  test('the domain is appended only to a value without @', () => {
    const withDomain = person('1', { username: 'ada@other.edu' });
    assert.equal(identityValue(withDomain, rule('staff')), 'ada@other.edu');
    assert.equal(identityValue(person('1', { username: 'ada' }), rule('staff')), 'ada@contoso.edu');
  });

  test('without a domainName the raw value is used', () => {
    assert.equal(identityValue(person('1', { username: 'ada' }), rule('staff', { domainName: null })), 'ada');
  });

  test('values and the domain are trimmed; a leading @ on the domain is tolerated', () => {
    const spaced = person('1', { username: '  ada  ' });
    assert.equal(identityValue(spaced, rule('staff', { domainName: ' @contoso.edu ' })), 'ada@contoso.edu');
    assert.equal(identityValue(person('1', { username: ' ada@x.edu\t' }), rule('staff')), 'ada@x.edu');
  });

  test('a missing or blank value gives null, even with a domain', () => {
    assert.equal(identityValue(person('1', { email: null }), rule('staff', { sourceIdentifier: 'email' })), null);
    assert.equal(identityValue(person('1', { email: '   ' }), rule('staff', { sourceIdentifier: 'email' })), null);
    assert.equal(identityValue(person('1', { username: '' }), rule('staff')), null);
  });

  test('case is kept (matching lower-cases on its own)', () => {
    assert.equal(identityValue(person('1', { username: 'Ada.L' }), rule('staff')), 'Ada.L@contoso.edu');
  });
});

describe('identity helpers', () => {
  test('describeRule names the identifier, the target and the domain', () => {
    assert.equal(describeRule(rule('staff')), 'username → userPrincipalName (+@contoso.edu)');
    assert.equal(describeRule(rule('staff', { matchTarget: 'mail', domainName: null })), 'username → mail');
  });

  test('mailNicknameOf keeps the allowed characters of the local part', () => {
    assert.equal(mailNicknameOf('ada.lovelace@contoso.edu'), 'ada.lovelace');
    assert.equal(mailNicknameOf("zoë o'neil+x@contoso.edu"), 'zoeoneilx');
    assert.equal(mailNicknameOf('@contoso.edu'), 'user');
    assert.equal(mailNicknameOf(`${'a'.repeat(80)}@x.edu`).length, 64);
  });

  test('anchors are User_<sourcedId>, case kept', () => {
    assert.equal(anchorOf('Ab-1'), 'User_Ab-1');
  });

  test('isValidUpn wants local@domain.tld', () => {
    assert.equal(isValidUpn('ada@contoso.edu'), true);
    assert.equal(isValidUpn('ada'), false);
    assert.equal(isValidUpn('ada@localhost'), false);
    assert.equal(isValidUpn('a b@contoso.edu'), false);
  });

  test('isValidUpn accepts only the local-part characters Entra accepts (as the directory does)', () => {
    assert.equal(isValidUpn("o'neil_j-1.x!#^~@contoso.edu"), true);
    assert.equal(isValidUpn('ada+news@contoso.edu'), false);
    assert.equal(isValidUpn('100%@contoso.edu'), false);
    assert.equal(isValidUpn('.ada@contoso.edu'), false);
    assert.equal(isValidUpn('ada.@contoso.edu'), false);
  });
});
