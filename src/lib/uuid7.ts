import { randomFillSync } from 'node:crypto';

/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, then random bits. Still a GUID in Entra's format, but
 * ids made one after another sort together, so inserting 100 000 new accounts touches the end of each id index
 * instead of a random page of it for every row (the difference is most of the write cost on SQLite).
 */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes16();
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Random bytes are drawn 4 KiB at a time: one system call per 256 ids instead of one per id. */
const pool = new Uint8Array(4096);
let used = pool.length;

function randomBytes16(): Uint8Array {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const out = pool.slice(used, used + 16);
  used += 16;
  return out;
}
