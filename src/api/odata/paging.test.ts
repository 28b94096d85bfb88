import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ODataQueryError } from './errors.js';
import { decodeSkipToken, encodeSkipToken, nextLink } from './paging.js';

describe('skip tokens', () => {
  test('round-trip and are URL-safe', () => {
    for (const offset of [0, 1, 99, 123456, Number.MAX_SAFE_INTEGER]) {
      const token = encodeSkipToken(offset);
      assert.match(token, /^[A-Za-z0-9_-]+$/);
      assert.equal(decodeSkipToken(token), offset);
    }
  });

  test('encoding rejects invalid offsets', () => {
    for (const offset of [-1, 1.5, Number.NaN, Infinity]) assert.throws(() => encodeSkipToken(offset), RangeError);
  });

  test('bad tokens are ODataQueryErrors', () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const token of [
      '',
      'abc',
      '!!!',
      'e30',
      b64({ offset: 3 }),
      b64({ v: 1, offset: -1 }),
      b64({ v: 1, offset: 'x' }),
      b64([1]),
      b64(null),
      `${encodeSkipToken(5)}=`,
    ]) {
      assert.throws(
        () => decodeSkipToken(token),
        (err: unknown) => err instanceof ODataQueryError && err.message === `Invalid $skiptoken value '${token}'.`,
        token,
      );
    }
  });
});

describe('nextLink', () => {
  test('replaces $skip with $skiptoken and keeps everything else as is', () => {
    const url = new URL(`https://graph.example/beta/items?$filter=displayName%20eq%20'a'&$skip=10&$top=5&$count=true`);
    const link = nextLink(url, 15);
    assert.equal(
      link,
      `https://graph.example/beta/items?$filter=displayName%20eq%20%27a%27&$top=5&$count=true&$skiptoken=${encodeSkipToken(15)}`,
    );
    const params = new URL(link).searchParams;
    assert.equal(params.get('$filter'), "displayName eq 'a'");
    assert.equal(decodeSkipToken(params.get('$skiptoken') ?? ''), 15);
  });

  test('replaces a previous $skiptoken and any spelling of skip', () => {
    const url = new URL(`http://localhost:3000/x?%24SKIPTOKEN=old&Skip=3&$Skip=4&skiptoken=x&keep=1#frag`);
    assert.equal(nextLink(url, 8), `http://localhost:3000/x?keep=1&$skiptoken=${encodeSkipToken(8)}`);
  });

  test('works without a query', () => {
    assert.equal(nextLink(new URL('http://h/a'), 2), `http://h/a?$skiptoken=${encodeSkipToken(2)}`);
  });
});
