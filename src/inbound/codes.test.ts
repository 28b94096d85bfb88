import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FINDING_CODES } from './codes.js';

describe('finding codes', () => {
  it('are UPPER_SNAKE, unique, and each documented in docs/validation-codes.md with a severity', () => {
    const doc = readFileSync(new URL('../../docs/validation-codes.md', import.meta.url), 'utf8');
    assert.equal(new Set(FINDING_CODES).size, FINDING_CODES.length);
    for (const code of FINDING_CODES) {
      assert.match(code, /^[A-Z][A-Z0-9_]*$/);
      assert.match(doc, new RegExp(`^### \`${code}\`$`, 'm'), `${code} has no section`);
    }
    const documented = [...doc.matchAll(/^### `([A-Z_]+)`$/gm)].map((m) => m[1]);
    assert.deepEqual(
      documented.filter((c) => !(FINDING_CODES as readonly string[]).includes(c)),
      [],
    );
  });
});
