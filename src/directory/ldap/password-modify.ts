import { BerWriter } from 'ldapts';

/** RFC 3062 LDAP Password Modify extended operation. */
export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/**
 * The request value: `SEQUENCE { userIdentity [0] OCTET STRING, newPasswd [2] OCTET STRING }` (no old password:
 * an administrator's reset). The server hashes the password with its own scheme and applies its policy.
 */
export function passwordModifyValue(userDN: string, newPassword: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(userDN, 0x80);
  writer.writeString(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}
