import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'enc:v1:';

/** Encrypts secrets at rest with AES-256-GCM. The key never leaves this object. */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /**
   * The key comes from ROSTERLINK_SECRET_KEY (32 bytes as base64 or hex, or any passphrase, hashed to 32 bytes),
   * else from `secret.key` in `homeDir` (created with mode 0600 on first use), else an ephemeral key (in-memory stores).
   */
  static load(homeDir: string | null, env: NodeJS.ProcessEnv = process.env): SecretBox {
    const fromEnv = env.ROSTERLINK_SECRET_KEY;
    if (fromEnv) return new SecretBox(keyFromString(fromEnv));
    if (!homeDir) return new SecretBox(crypto.randomBytes(32));
    const file = path.join(homeDir, 'secret.key');
    fs.mkdirSync(homeDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return new SecretBox(keyFromString(fs.readFileSync(file, 'utf8').trim()));
  }

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('a secret key must be 32 bytes');
    return new SecretBox(key);
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error('value is not an encrypted secret');
    const [iv, tag, body] = sealed
      .slice(PREFIX.length)
      .split('.')
      .map((p) => Buffer.from(p, 'base64url'));
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }
}

function keyFromString(value: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  const b64 = Buffer.from(value, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(value)) return b64;
  return crypto.createHash('sha256').update(value, 'utf8').digest();
}
