import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnumList } from './enum-list.js';
import { GRADES, ORG_ROLES } from './value-lists.js';
import {
  normalizeDate,
  normalizeEmail,
  normalizeGrade,
  normalizePhone,
  normalizeYear,
  parseBoolean,
  splitList,
} from './values.js';

describe('data-type rules', () => {
  it('emails: RFC 5322 dot-atom, lowercased', () => {
    assert.equal(normalizeEmail('Jean.Craig@Outlook.com'), 'jean.craig@outlook.com');
    assert.equal(normalizeEmail("o'brien+tag@school.example.org"), "o'brien+tag@school.example.org");
    for (const bad of [
      '',
      'a',
      '@x.org',
      'a@',
      'a@@x.org',
      'a..b@x.org',
      '.a@x.org',
      'a.@x.org',
      'a b@x.org',
      'a@x',
      'a@x..org',
      'é@x.org',
      `${'a'.repeat(65)}@x.org`,
    ]) {
      assert.equal(normalizeEmail(bad), undefined, bad);
    }
  });

  it('phones: E.164 as received', () => {
    assert.equal(normalizePhone('+11234567890'), '+11234567890');
    for (const bad of ['6037778888', '+0123', '+1', '+1 425 555 0100', '+1234567890123456', '++1234']) {
      assert.equal(normalizePhone(bad), undefined, bad);
    }
  });

  it('dates: ISO 8601 calendar dates and date-times', () => {
    for (const ok of [
      '2021-08-24',
      '2024-02-29',
      '2023-05-01T18:25:43.511Z',
      '2023-10-02T00:00:00+02:00',
      '2023-10-02T08:15',
      '2023-10-02T08:15:00-0500',
    ]) {
      assert.equal(normalizeDate(ok), ok, ok);
    }
    for (const bad of [
      '1/05/2023',
      '2023-02-29',
      '2023-13-01',
      '2023-00-10',
      '2023-1-5',
      '2017-05-06 08:01:05',
      '2023-05-01T25:00',
      '2023-05-01T10:00Zjunk',
      '20230501',
    ]) {
      assert.equal(normalizeDate(bad), undefined, bad);
    }
    assert.equal(normalizeYear('2021'), '2021');
    assert.equal(normalizeYear('21'), undefined);
  });

  it('booleans: true/false in any case only', () => {
    assert.equal(parseBoolean('TRUE'), true);
    assert.equal(parseBoolean('False'), false);
    for (const bad of ['1', '0', 'yes', 'no', 't', '']) assert.equal(parseBoolean(bad), undefined, bad);
  });

  it('grades: case-insensitive, zero-padded, canonical spelling', () => {
    assert.equal(normalizeGrade('1', GRADES), '01');
    assert.equal(normalizeGrade('PS1', GRADES), 'ps1');
    assert.equal(normalizeGrade('KG', GRADES), 'kg');
    assert.equal(normalizeGrade('adulteducation', GRADES), 'adultEducation');
    assert.equal(normalizeGrade('13th', GRADES), undefined);
    assert.equal(normalizeGrade('0', GRADES), undefined);
  });

  it('enums: case-insensitive match, stored as the canonical code', () => {
    assert.equal(ORG_ROLES.match('Teacher'), 'teacher');
    assert.equal(ORG_ROLES.match('PARAPROFESSIONAL'), 'paraprofessional');
    assert.equal(ORG_ROLES.match('itadmin'), 'itAdmin');
    assert.equal(ORG_ROLES.match('wizard'), undefined);
    const extended = ORG_ROLES.extend(['librarian']);
    assert.equal(extended.match('Librarian'), 'librarian');
    assert.equal(ORG_ROLES.match('librarian'), undefined);
    assert.equal(new EnumList('x', ['a'], { b: 'a' }).match('B'), 'a');
  });

  it('lists: comma-separated, trimmed, empty items dropped', () => {
    assert.deepEqual(splitList(' a, b ,,c '), ['a', 'b', 'c']);
    assert.deepEqual(splitList(''), []);
  });
});
