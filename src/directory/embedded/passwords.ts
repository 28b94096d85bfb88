import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing for the embedded directory: scrypt from node:crypto, with the parameters stored in the hash
 * (`scrypt$N$r$p$salt$hash`, base64url) so the cost can be raised later without breaking stored hashes.
 * N = 2^14 keeps bulk creation of thousands of accounts within minutes (scrypt runs on libuv's thread pool)
 * while still costing an attacker ~16 MiB and tens of milliseconds per guess.
 */
const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: N * r * 128 bytes plus headroom; Node's default cap (32 MiB) is too tight for larger N.
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Entra's default password policy: 8–256 characters, and at least three of lower case, upper case, digits and
 * symbols. True when `password` satisfies it.
 */
export function meetsPasswordPolicy(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

const ALPHABETS = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#$%&*+-=?@'];

/** A random 16-character password that meets the policy (one character of each class, then any). */
export function randomPassword(length = 16): string {
  const all = ALPHABETS.join('');
  const chars = ALPHABETS.map((a) => a[randomInt(a.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * Salted hashes of recently used initial passwords, so the batches of one run share one hash per default password
 * instead of paying scrypt per batch (400 hashes, ~10 s, for 100 000 accounts in batches of 500). Entries are keyed
 * by a SHA-256 of the password, never the password itself, and are forgotten after `ttlMs`.
 */
export class RecentHashes {
  private readonly entries = new Map<string, { hash: Promise<string>; until: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly max = 32,
  ) {}

  hashOf(password: string, now = Date.now()): Promise<string> {
    for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
    const key = createHash('sha256').update(password).digest('hex');
    const found = this.entries.get(key);
    if (found) return found.hash;
    const hash = hashPassword(password);
    hash.catch(() => this.entries.delete(key));
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { hash, until: now + this.ttlMs });
    return hash;
  }
}
