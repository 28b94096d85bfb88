import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { DirectoryError } from '../errors.js';
import { requireSecret } from '../secrets.js';

/** The managed attributes that can each live in an LDAP attribute of their own (string values). */
const MAPPABLE_FIELDS = [
  'userPrincipalName', 'displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'employeeId', 'anchor',
  'usageLocation', 'ageGroup', 'consentProvidedForMinor', 'grade', 'userNumber',
] as const; // prettier-ignore
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export type LdapProfileName = 'standard' | 'activeDirectory';

/** What the LDAP adapter needs at run time (the bind password included). */
export interface LdapDirectoryOptions {
  /** `ldap://host:389` or `ldaps://host:636`. */
  url: string;
  bindDN: string;
  password: string;
  /** Where accounts are created (as `<rdn>=<UPN>,<baseDN>`) and searched (subtree). */
  baseDN: string;
  /** `standard` (inetOrgPerson, OpenLDAP and the like; default) or `activeDirectory`. */
  profile?: LdapProfileName;
  rdnAttribute?: string;
  /** The directory object id: `entryUUID` (standard) or `objectGUID` (AD). */
  idAttribute?: string;
  /** Shorthand for `attributes.anchor` (default `employeeNumber`). */
  anchorAttribute?: string;
  /** Managed attribute → LDAP attribute, over the profile's map. Fields not mapped go into `propertiesAttribute`. */
  attributes?: Partial<Record<MappableField, string>>;
  /** Holds the managed attributes LDAP has no attribute for, as one `rosterlink:{json}` value. */
  propertiesAttribute?: string;
  objectClasses?: string[];
  /** Which entries count as accounts in searches (default: `(objectClass=<last object class>)`). */
  entryFilter?: string;
  /**
   * `exop` (default): set the password with the Password Modify extended operation after the add, so the server
   * hashes it and applies its password policy. `userPassword`: send a salted SHA-1 (`{SSHA}`) userPassword with the
   * add, for servers without the extended operation (a ppolicy quality check then cannot see the password).
   * Ignored for Active Directory, which takes `unicodePwd` on the add.
   */
  passwordMode?: 'exop' | 'userPassword';
  /** Constant attributes for every new entry (e.g. what a test server needs that AD would generate itself). */
  addAttributes?: Record<string, string | string[]>;
  /** AD sets passwords only over an encrypted connection; a test against slapd may allow ldap://. */
  allowPlaintextPasswords?: boolean;
  /** Values per OR filter (default 100) and entries per search page (default 500). */
  chunkSize?: number;
  pageSize?: number;
  /** Add/modify operations in flight at once (default 8). */
  concurrency?: number;
  timeoutMs?: number;
  tlsOptions?: ConnectionOptions;
}

/** The resolved names the mapping works with. */
export interface LdapSchema {
  profile: LdapProfileName;
  objectClasses: string[];
  rdnAttribute: string;
  idAttribute: string;
  attributes: Partial<Record<MappableField, string>>;
  propertiesAttribute: string;
  entryFilter: string;
  /** inetOrgPerson needs `sn` (and `cn`); AD's user class does not. */
  surnameRequired: boolean;
}

const PROFILES: Record<LdapProfileName, Omit<LdapSchema, 'entryFilter'>> = {
  standard: {
    profile: 'standard',
    objectClasses: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
    rdnAttribute: 'uid',
    idAttribute: 'entryUUID',
    attributes: {
      userPrincipalName: 'uid',
      displayName: 'displayName',
      givenName: 'givenName',
      surname: 'sn',
      mail: 'mail',
      anchor: 'employeeNumber',
    },
    propertiesAttribute: 'description',
    surnameRequired: true,
  },
  activeDirectory: {
    profile: 'activeDirectory',
    objectClasses: ['top', 'person', 'organizationalPerson', 'user'],
    rdnAttribute: 'cn',
    idAttribute: 'objectGUID',
    attributes: {
      userPrincipalName: 'userPrincipalName',
      displayName: 'displayName',
      givenName: 'givenName',
      surname: 'sn',
      mail: 'mail',
      employeeId: 'employeeID',
      anchor: 'employeeNumber',
    },
    propertiesAttribute: 'info',
    surnameRequired: false,
  },
};

const NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const fail = (field: string, message: string) =>
  new DirectoryError('InvalidConfig', `directory.ldap.${field}: ${message}`);

/** The profile with the options' overrides, checked: every name must be an attribute name. */
export function resolveSchema(options: Omit<LdapDirectoryOptions, 'password'>): LdapSchema {
  const profile = options.profile ?? 'standard';
  const base = PROFILES[profile];
  if (!base) throw fail('profile', `'${profile}' is not one of standard, activeDirectory`);
  const attributes = { ...base.attributes, ...options.attributes };
  if (options.anchorAttribute) attributes.anchor = options.anchorAttribute;
  const schema = {
    ...base,
    objectClasses: options.objectClasses ?? base.objectClasses,
    rdnAttribute: options.rdnAttribute ?? base.rdnAttribute,
    idAttribute: options.idAttribute ?? base.idAttribute,
    propertiesAttribute: options.propertiesAttribute ?? base.propertiesAttribute,
    attributes,
  };
  for (const [field, name] of Object.entries(attributes)) {
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) throw fail(`attributes.${field}`, 'not a field');
    if (!NAME.test(name)) throw fail(`attributes.${field}`, `'${name}' is not an attribute name`);
  }
  for (const field of ['userPrincipalName', 'displayName', 'anchor'] as const) {
    if (!attributes[field]) throw fail(`attributes.${field}`, 'must be mapped: it is searched or required');
  }
  for (const [field, name] of Object.entries({
    rdnAttribute: schema.rdnAttribute,
    idAttribute: schema.idAttribute,
    propertiesAttribute: schema.propertiesAttribute,
  })) {
    if (!NAME.test(name)) throw fail(field, `'${name}' is not an attribute name`);
  }
  const structural = schema.objectClasses.at(-1);
  if (!structural) throw fail('objectClasses', 'needs at least one object class');
  return { ...schema, entryFilter: options.entryFilter ?? `(objectClass=${structural})` };
}

/** Active Directory takes passwords only over an encrypted connection: refuses ldap:// unless plaintext is allowed. */
export function requireLdapsForAd(
  options: Pick<LdapDirectoryOptions, 'url' | 'profile' | 'allowPlaintextPasswords'>,
): void {
  const plain = !options.url.toLowerCase().startsWith('ldaps:');
  if (options.profile === 'activeDirectory' && plain && !options.allowPlaintextPasswords) {
    throw fail('url', 'Active Directory sets passwords only over LDAPS: use ldaps://');
  }
}

/** The `directory.ldap` section of a rosterlink config file; the bind password comes from the environment. */
export type LdapTargetConfig = Omit<LdapDirectoryOptions, 'password' | 'tlsOptions'> & {
  /** PEM file of the CA that signed the server's certificate (ldaps:// with a private CA). */
  caFile?: string;
};

/** Validates the section, reads `ROSTERLINK_LDAP_PASSWORD` (or `_FILE`) and the CA file; errors name the field. */
export function readLdapConfig(config: LdapTargetConfig, env: NodeJS.ProcessEnv = process.env): LdapDirectoryOptions {
  if (!config.url || !/^ldaps?:\/\/[^/]+\/?$/i.test(config.url)) throw fail('url', 'ldap://host[:port] or ldaps://…');
  if (!config.bindDN) throw fail('bindDN', 'required (the DN rosterlink binds as)');
  if (!config.baseDN) throw fail('baseDN', 'required (where accounts live)');
  requireLdapsForAd(config);
  resolveSchema(config);
  let tlsOptions: ConnectionOptions | undefined;
  if (config.caFile) {
    try {
      tlsOptions = { ca: fs.readFileSync(config.caFile) };
    } catch {
      throw fail('caFile', `cannot read '${config.caFile}'`);
    }
  }
  const { caFile: _ca, ...rest } = config;
  return { ...rest, password: requireSecret('ROSTERLINK_LDAP_PASSWORD', 'directory.ldap', env), tlsOptions };
}
