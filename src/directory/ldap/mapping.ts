import { defaultNickname, managedOnly } from '../embedded/mapping.js';
import type { DirectoryAccount, ManagedAttributes, NewAccount, RelatedContact } from '../types.js';
import type { LdapSchema, MappableField } from './config.js';
import {
  encodeUnicodePwd,
  escapeDnValue,
  guidFromBytes,
  ldapTimeToGraph,
  samAccountNameOf,
  sshaPassword,
} from './ldap-values.js';

/**
 * Pure translation between LDAP entries and directory accounts. An entry's attributes are keyed lower-case, every
 * value a list. Managed attributes without an LDAP attribute of their own live in one `rosterlink:{json}` value of
 * the schema's properties attribute (with the creation time, which LDAP keeps only to the second).
 */

export interface LdapEntry {
  dn: string;
  attrs: Record<string, (string | Buffer)[]>;
}

/** One change of an LDAP modify; `replace` with no values removes the attribute (and is fine if it is absent). */
export interface LdapChange {
  operation: 'replace';
  type: string;
  values: (string | Buffer)[];
}

/** What rosterlink keeps in the properties attribute. */
interface Properties extends Partial<Record<MappableField, string | null>> {
  accountEnabled?: boolean;
  relatedContacts?: RelatedContact[];
  /** When the account was created, to the 100 ns (createTimestamp has whole seconds). */
  created?: string;
  /** sn holds the display name only because the object class requires an sn. */
  noSurname?: boolean;
}

const PREFIX = 'rosterlink:';
const UAC_DISABLED = 0x2;
const UAC_NORMAL = 0x200;

/** ldapts entry (values as string, string[], Buffer or Buffer[]) → lower-cased keys, lists of values. */
export function normalizeEntry(raw: { dn: string } & Record<string, unknown>): LdapEntry {
  const attrs: LdapEntry['attrs'] = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'dn') continue;
    const list = Array.isArray(value) ? value : [value];
    attrs[key.toLowerCase()] = list.filter((v): v is string | Buffer => typeof v === 'string' || Buffer.isBuffer(v));
  }
  return { dn: raw.dn, attrs };
}

const first = (e: LdapEntry, attr: string | undefined): string | null => {
  const v = attr ? e.attrs[attr.toLowerCase()]?.[0] : undefined;
  return v === undefined ? null : v.toString();
};

function readProperties(e: LdapEntry, schema: LdapSchema): { props: Properties; others: (string | Buffer)[] } {
  const values = e.attrs[schema.propertiesAttribute.toLowerCase()] ?? [];
  let props: Properties = {};
  const others: (string | Buffer)[] = [];
  for (const v of values) {
    const s = v.toString();
    if (!s.startsWith(PREFIX)) {
      others.push(v);
      continue;
    }
    try {
      props = JSON.parse(s.slice(PREFIX.length)) as Properties;
    } catch {
      others.push(v); // not ours after all
    }
  }
  return { props, others };
}

/** The entry's object id as a string: entryUUID as it is, objectGUID in Windows' GUID form. */
export function entryId(e: LdapEntry, schema: LdapSchema): string {
  const v = e.attrs[schema.idAttribute.toLowerCase()]?.[0];
  if (v === undefined) return '';
  if (Buffer.isBuffer(v)) return v.length === 16 ? guidFromBytes(v) : v.toString('hex');
  return v.toLowerCase();
}

export function fromEntry(e: LdapEntry, schema: LdapSchema): DirectoryAccount {
  const { props } = readProperties(e, schema);
  const field = (f: MappableField): string | null => {
    const attr = schema.attributes[f];
    return attr ? first(e, attr) : (props[f] ?? null);
  };
  const upn = field('userPrincipalName') ?? '';
  const uac = schema.profile === 'activeDirectory' ? Number(first(e, 'userAccountControl') ?? NaN) : NaN;
  const stamp = (...attrs: string[]) => attrs.map((a) => ldapTimeToGraph(first(e, a) ?? '')).find((t) => t) ?? null;
  const created = props.created ?? stamp('createTimestamp', 'whenCreated') ?? '';
  return {
    id: entryId(e, schema),
    userPrincipalName: upn,
    displayName: field('displayName') ?? first(e, 'cn') ?? upn,
    givenName: field('givenName'),
    surname: props.noSurname ? null : field('surname'),
    mail: field('mail'),
    mailNickname: field('mailNickname') ?? defaultNickname(upn),
    accountEnabled: Number.isNaN(uac) ? props.accountEnabled !== false : (uac & UAC_DISABLED) === 0,
    usageLocation: field('usageLocation'),
    ageGroup: field('ageGroup') as DirectoryAccount['ageGroup'],
    consentProvidedForMinor: field('consentProvidedForMinor') as DirectoryAccount['consentProvidedForMinor'],
    employeeId: field('employeeId'),
    anchor: field('anchor'),
    grade: field('grade'),
    userNumber: field('userNumber'),
    relatedContacts: props.relatedContacts ?? [],
    assignedLicenses: [],
    createdDateTime: created,
    // entryCSN (OpenLDAP) has microseconds; modifyTimestamp/whenChanged only seconds.
    lastModifiedDateTime: stamp('entryCSN', 'modifyTimestamp', 'whenChanged') ?? created,
  };
}

/** The attributes to ask for when reading accounts. */
export function readAttributes(schema: LdapSchema): string[] {
  const names = [
    ...Object.values(schema.attributes),
    schema.rdnAttribute, 'cn', schema.idAttribute, schema.propertiesAttribute,
    'createTimestamp', 'modifyTimestamp', 'entryCSN',
    ...(schema.profile === 'activeDirectory' ? ['userAccountControl', 'whenCreated', 'whenChanged'] : []),
  ]; // prettier-ignore
  return [...new Set(names)];
}

function dnOf(upn: string, schema: LdapSchema, baseDN: string): string {
  return `${schema.rdnAttribute}=${escapeDnValue(upn)},${baseDN}`;
}

const normalise = (key: MappableField, value: string) => (key === 'usageLocation' ? value.toUpperCase() : value);
const normaliseAny = (key: string, value: unknown) =>
  typeof value === 'string' ? normalise(key as MappableField, value) : value;

/** A new entry: DN and attributes (the password included unless it is set by extended operation afterwards). */
export function newEntry(
  input: NewAccount,
  schema: LdapSchema,
  options: { baseDN: string; now: string; passwordOnAdd: boolean; addAttributes?: Record<string, string | string[]> },
): LdapEntry {
  const upn = input.userPrincipalName;
  const attrs: LdapEntry['attrs'] = { objectclass: [...schema.objectClasses] };
  const set = (attr: string, values: (string | Buffer)[]) => (attrs[attr.toLowerCase()] = values);
  const props: Properties = { created: options.now };
  const given = managedOnly(input);
  for (const [key, value] of Object.entries(given) as [keyof ManagedAttributes, unknown][]) {
    const attr = schema.attributes[key as MappableField];
    if (attr && typeof value === 'string') set(attr, [normalise(key as MappableField, value)]);
    else if (!attr && value !== null) (props as Record<string, unknown>)[key] = normaliseAny(key, value);
  }
  set(schema.attributes.userPrincipalName!, [upn]);
  set(schema.rdnAttribute, [upn]);
  if (schema.rdnAttribute.toLowerCase() !== 'cn') set('cn', [input.displayName]);
  if (given.surname == null && schema.surnameRequired) {
    set(schema.attributes.surname ?? 'sn', [input.displayName]);
    props.noSurname = true;
  }
  if (props.relatedContacts?.length === 0) delete props.relatedContacts;
  if (schema.profile === 'activeDirectory') {
    delete props.accountEnabled;
    set('sAMAccountName', [samAccountNameOf(upn)]);
    set('userAccountControl', [String(UAC_NORMAL | (input.accountEnabled === false ? UAC_DISABLED : 0))]);
    if (options.passwordOnAdd) set('unicodePwd', [encodeUnicodePwd(input.password)]);
    if (input.forceChangePasswordNextSignIn) set('pwdLastSet', ['0']);
  } else if (options.passwordOnAdd) {
    set('userPassword', [sshaPassword(input.password)]);
  }
  set(schema.propertiesAttribute, [PREFIX + JSON.stringify(props)]);
  for (const [attr, value] of Object.entries(options.addAttributes ?? {})) set(attr, [value].flat());
  return { dn: dnOf(upn, schema, options.baseDN), attrs };
}

/** The modify for `changes` (managed attributes only) on the entry as it is now; empty when nothing changes. */
export function changesFor(current: LdapEntry, changes: Partial<ManagedAttributes>, schema: LdapSchema): LdapChange[] {
  const out = new Map<string, LdapChange>();
  const replace = (type: string, values: (string | Buffer)[]) =>
    out.set(type.toLowerCase(), { operation: 'replace', type, values });
  const { props, others } = readProperties(current, schema);
  const before = JSON.stringify(props);
  const managed = managedOnly(changes);
  const displayName = managed.displayName ?? fromEntry(current, schema).displayName;
  for (const [key, value] of Object.entries(managed) as [keyof ManagedAttributes, unknown][]) {
    const attr = schema.attributes[key as MappableField];
    if (key === 'surname' && schema.surnameRequired) {
      replace(attr ?? 'sn', [(value as string | null) ?? displayName]);
      if (value === null) props.noSurname = true;
      else delete props.noSurname;
    } else if (key === 'accountEnabled' && schema.profile === 'activeDirectory') {
      const uac = Number(first(current, 'userAccountControl') ?? UAC_NORMAL);
      replace('userAccountControl', [String(value ? uac & ~UAC_DISABLED : uac | UAC_DISABLED)]);
    } else if (attr) {
      replace(attr, value === null ? [] : [normalise(key as MappableField, String(value))]);
    } else if (value === null || (key === 'relatedContacts' && (value as unknown[]).length === 0)) {
      delete (props as Record<string, unknown>)[key];
    } else {
      (props as Record<string, unknown>)[key] = normaliseAny(key, value);
    }
  }
  if (managed.displayName !== undefined) {
    if (schema.rdnAttribute.toLowerCase() !== 'cn') replace('cn', [displayName]);
    // An sn standing in for a missing surname follows the display name.
    if (props.noSurname && managed.surname === undefined) replace(schema.attributes.surname ?? 'sn', [displayName]);
  }
  if (JSON.stringify(props) !== before)
    replace(schema.propertiesAttribute, [...others, PREFIX + JSON.stringify(props)]);
  return [...out.values()];
}
