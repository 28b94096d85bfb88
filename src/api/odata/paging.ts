import { ODataQueryError } from './errors.js';

/**
 * Server-driven paging. A skip token is opaque to clients: base64url of `{"v":1,"offset":<n>}`, where `offset` is
 * the absolute position of the next page in the (filtered, ordered) result.
 */
const TOKEN_VERSION = 1;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+$/;
/** Query parameters a next link drops: paging restarts from the skip token. */
const PAGING_PARAMETERS: ReadonlySet<string> = new Set(['$skip', 'skip', '$skiptoken', 'skiptoken']);

export function encodeSkipToken(offset: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`Invalid skip token offset ${offset}.`);
  return Buffer.from(JSON.stringify({ v: TOKEN_VERSION, offset }), 'utf8').toString('base64url');
}

/** Returns the offset a token encodes; a malformed or foreign token is a client error. */
export function decodeSkipToken(token: string): number {
  const invalid = () => new ODataQueryError(`Invalid $skiptoken value '${token}'.`);
  if (!TOKEN_SHAPE.test(token)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null) throw invalid();
  const { v, offset } = payload as { v?: unknown; offset?: unknown };
  if (v !== TOKEN_VERSION || typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw invalid();
  }
  return offset;
}

function parameterName(part: string): string {
  const raw = part.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The `@odata.nextLink` for the page starting at `nextOffset`: the request URL with `$skip`/`$skiptoken` (any
 * casing, with or without `$`) replaced by a fresh `$skiptoken`. Other parameters keep their order and encoding.
 */
export function nextLink(requestUrl: URL, nextOffset: number): string {
  const url = new URL(requestUrl.href);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !PAGING_PARAMETERS.has(parameterName(part).toLowerCase()));
  kept.push(`$skiptoken=${encodeSkipToken(nextOffset)}`);
  url.search = kept.join('&');
  url.hash = '';
  return url.href;
}
