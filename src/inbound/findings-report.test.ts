import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { FindingSink } from './findings.js';
import { findingsCsvStream, findingsToCsv, findingsToJson } from './findings-report.js';

function sample() {
  const sink = new FindingSink({ maxStored: 100 });
  sink.add(
    'users.csv',
    3,
    'u2',
    'warning',
    'INVALID_PHONE',
    'phone',
    '+1 425, "x"',
    'phone is not E.164; value dropped',
  );
  sink.add('users.csv', 4, 'u3', 'warning', 'LINE_BREAK_IN_VALUE', 'password', 'S3cret\nline', 'line break');
  sink.add('users.csv', 5, 'u4', 'error', 'MISSING_REQUIRED_VALUE', 'username', '', 'username is required');
  return sink.stored;
}

describe('findings report', () => {
  it('CSV has exactly the documented columns, quotes what needs quoting, never shows passwords', () => {
    const csv = findingsToCsv(sample());
    const rows = parse(csv) as string[][];
    assert.deepEqual(rows[0], ['file', 'line', 'sourcedId', 'severity', 'code', 'field', 'value', 'message']);
    assert.deepEqual(rows[1], [
      'users.csv',
      '3',
      'u2',
      'warning',
      'INVALID_PHONE',
      'phone',
      '\'+1 425, "x"',
      'phone is not E.164; value dropped',
    ]);
    assert.equal(rows[2][6], '[redacted]');
    assert.ok(!csv.includes('S3cret'));
    assert.equal(rows.length, 4);
  });

  it('streams the same CSV', async () => {
    assert.equal(await text(findingsCsvStream(sample())), findingsToCsv(sample()));
  });

  it('JSON keeps the same fields, raw values', () => {
    const json = JSON.parse(findingsToJson(sample())) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(json[0]), [
      'file',
      'line',
      'sourcedId',
      'severity',
      'code',
      'field',
      'value',
      'message',
    ]);
    assert.equal(json[0].value, '+1 425, "x"');
    assert.equal(json[1].value, '[redacted]');
  });

  it('truncates long values', () => {
    const sink = new FindingSink({ maxStored: 1 });
    const f = sink.add('a.csv', 1, '', 'error', 'FIELD_TOO_LARGE', 'givenName', 'x'.repeat(5000), 'too large');
    assert.equal(f.value.length, 201);
  });
});
