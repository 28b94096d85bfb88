import { ResultCodeError } from 'ldapts';
import { DirectoryError } from '../errors.js';

/** LDAP result codes (RFC 4511) that no retry can fix: a value, a name or a permission is wrong. */
const INVALID = new Set([
  8, // strongAuthRequired
  13, // confidentialityRequired (AD: passwords need LDAPS)
  16, // noSuchAttribute
  17, // undefinedAttributeType
  18, // inappropriateMatching
  19, // constraintViolation (AD and ppolicy: password policy)
  20, // attributeOrValueExists
  21, // invalidAttributeSyntax
  34, // invalidDNSyntax
  48, // inappropriateAuthentication
  49, // invalidCredentials
  50, // insufficientAccessRights
  53, // unwillingToPerform (AD: password over plain LDAP, or policy)
  64, // namingViolation
  65, // objectClassViolation
  67, // notAllowedOnRDN
  69, // objectClassModsProhibited
]);

/** Any failure of an LDAP operation as one of the closed directory codes. */
export function toDirectoryError(err: unknown): DirectoryError {
  if (err instanceof DirectoryError) return err;
  if (err instanceof ResultCodeError) {
    const message = `LDAP ${err.code}: ${err.message}`;
    if (err.code === 68) return new DirectoryError('Conflict', message);
    if (err.code === 32) return new DirectoryError('NotFound', message);
    if (INVALID.has(err.code)) return new DirectoryError('InvalidConfig', message);
    return new DirectoryError('Unavailable', message); // busy (51), unavailable (52), time limit (3), other (80)…
  }
  // Sockets: refused, reset, timed out.
  return new DirectoryError('Unavailable', `LDAP connection failed: ${(err as Error)?.message ?? String(err)}`);
}
