import { createHash, randomBytes } from 'node:crypto';

/** Pure value encodings LDAP needs: filter and DN escaping, AD GUIDs and passwords, LDAP time stamps. */

/** RFC 4515 escaping of an assertion value: `*`, `(`, `)`, `\` and NUL become `\2a` etc. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Every byte as `\xx`, for binary assertion values such as objectGUID. */
export function escapeFilterBytes(bytes: Buffer): string {
  return [...bytes].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}

/** `(|(attr=v1)(attr=v2)…)`, or the single clause for one value. */
export function orFilter(attribute: string, escapedValues: readonly string[]): string {
  const clauses = escapedValues.map((v) => `(${attribute}=${v})`);
  return clauses.length === 1 ? clauses[0] : `(|${clauses.join('')})`;
}

/** RFC 4514 escaping of an RDN value: `,+"\<>;=` and NUL anywhere, `#` or a space first, a space last. */
export function escapeDnValue(value: string): string {
  return [...value]
    .map((c, i, all) => {
      if (c === '\0') return '\\00';
      if (',+"\\<>;='.includes(c)) return `\\${c}`;
      if ((i === 0 && (c === '#' || c === ' ')) || (i === all.length - 1 && c === ' ')) return `\\${c}`;
      return c;
    })
    .join('');
}

/**
 * Active Directory's objectGUID as the GUID string Windows shows: the first three groups are stored
 * little-endian, the last two as they are.
 */
export function guidFromBytes(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error(`an objectGUID has 16 bytes, not ${bytes.length}`);
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

export function guidToBytes(guid: string): Buffer {
  const h = guid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(h)) throw new Error(`'${guid}' is not a GUID`);
  const bytes = Buffer.from(h, 'hex');
  return Buffer.concat([
    bytes.subarray(0, 4).reverse(),
    bytes.subarray(4, 6).reverse(),
    bytes.subarray(6, 8).reverse(),
    bytes.subarray(8, 16),
  ]);
}

/** `unicodePwd` as AD wants it on add or replace: the password in double quotes, UTF-16LE. */
export function encodeUnicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** `{SSHA}` (salted SHA-1, slapd's default `password-hash`), for servers that take userPassword on add. */
export function sshaPassword(password: string, salt: Buffer = randomBytes(8)): string {
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/**
 * LDAP GeneralizedTime (`20260102030405Z`, `20260102030405.123456Z`, AD's `20260102030405.0Z`) or an OpenLDAP
 * entryCSN (`20260102030405.123456Z#000000#000#000000`) as a Graph timestamp with 7 fractional digits.
 */
export function ldapTimeToGraph(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z/.exec(value);
  if (!m) return null;
  const fraction = ((m[7] ?? '') + '0000000').slice(0, 7);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${fraction}Z`;
}

/** A sAMAccountName from a UPN: the local part without the characters AD refuses, at most 20 characters. */
export function samAccountNameOf(upn: string): string {
  const local = upn.slice(0, upn.lastIndexOf('@') === -1 ? upn.length : upn.lastIndexOf('@'));
  const cleaned = local.replace(/["/\\[\]:;|=,+*?<>@]/g, '').replace(/^[.\s]+/, '');
  return cleaned.slice(0, 20).replace(/[.\s]+$/, '') || 'user';
}
