import type { DirectoryAccount } from '../../../directory/types.js';
import { USER_QUERY_COLUMNS } from '../../../store/repositories/directory-users.js';
import type { ColumnMap, EntityQueryModel, PropertyType } from '../../odata/index.js';

/**
 * The wire form of `microsoft.graph.user` for the embedded directory's /v1.0 subset.
 *
 * Rosterlink extensions: the education data SDS writes lives in directory extension properties of the SDS
 * application (`extension_fe2174665583431c953114ff7268b7b3_…`, spec §2.5). The anchor uses SDS's own
 * `Education_AnchorId`; grade and student number follow the same naming (`Education_Grade`,
 * `Education_StudentNumber`). Student contacts use `relatedContacts` with the shape of Graph beta's
 * `educationUser.relatedContacts`, because a directory extension cannot hold complex values. Like Graph, extension
 * properties are returned only when `$select`ed and only when they have a value.
 */
export const SDS_EXTENSION_PREFIX = 'extension_fe2174665583431c953114ff7268b7b3_';
export const ANCHOR_PROPERTY = `${SDS_EXTENSION_PREFIX}Education_AnchorId`;
export const GRADE_PROPERTY = `${SDS_EXTENSION_PREFIX}Education_Grade`;
export const STUDENT_NUMBER_PROPERTY = `${SDS_EXTENSION_PREFIX}Education_StudentNumber`;

export const USER_TYPE = 'microsoft.graph.user';

interface WireProperty {
  type: PropertyType;
  read: (a: DirectoryAccount) => unknown;
  /** Part of Graph v1.0's default property set (returned without `$select`). */
  byDefault?: boolean;
  /** Left out of the body when null, as Graph does for extension properties. */
  omitNull?: boolean;
}

const constant = (value: unknown) => () => value;

/** Every property the embedded directory serves, in Graph's order (default set first). */
export const USER_PROPERTIES: Record<string, WireProperty> = {
  businessPhones: { type: { collection: 'string' }, read: constant([]), byDefault: true },
  displayName: { type: 'string', read: (a) => a.displayName, byDefault: true },
  givenName: { type: 'string', read: (a) => a.givenName, byDefault: true },
  jobTitle: { type: 'string', read: constant(null), byDefault: true },
  mail: { type: 'string', read: (a) => a.mail, byDefault: true },
  mobilePhone: { type: 'string', read: constant(null), byDefault: true },
  officeLocation: { type: 'string', read: constant(null), byDefault: true },
  preferredLanguage: { type: 'string', read: constant(null), byDefault: true },
  surname: { type: 'string', read: (a) => a.surname, byDefault: true },
  userPrincipalName: { type: 'string', read: (a) => a.userPrincipalName, byDefault: true },
  id: { type: 'string', read: (a) => a.id, byDefault: true },
  accountEnabled: { type: 'boolean', read: (a) => a.accountEnabled },
  ageGroup: { type: 'string', read: (a) => a.ageGroup },
  assignedLicenses: {
    type: { collection: { complex: { disabledPlans: { collection: 'guid' }, skuId: 'guid' } } },
    read: (a) => a.assignedLicenses.map((l) => ({ disabledPlans: [], skuId: l.skuId })),
  },
  consentProvidedForMinor: { type: 'string', read: (a) => a.consentProvidedForMinor },
  createdDateTime: { type: 'dateTimeOffset', read: (a) => a.createdDateTime },
  employeeId: { type: 'string', read: (a) => a.employeeId },
  mailNickname: { type: 'string', read: (a) => a.mailNickname },
  usageLocation: { type: 'string', read: (a) => a.usageLocation },
  relatedContacts: {
    type: {
      collection: {
        complex: {
          displayName: 'string',
          emailAddress: 'string',
          mobilePhone: 'string',
          relationship: 'string',
          accessConsent: 'boolean',
        },
      },
    },
    read: (a) => a.relatedContacts,
  },
  [ANCHOR_PROPERTY]: { type: 'string', read: (a) => a.anchor, omitNull: true },
  [GRADE_PROPERTY]: { type: 'string', read: (a) => a.grade, omitNull: true },
  [STUDENT_NUMBER_PROPERTY]: { type: 'string', read: (a) => a.userNumber, omitNull: true },
};

export const USER_QUERY_MODEL: EntityQueryModel = {
  typeName: USER_TYPE,
  properties: Object.fromEntries(Object.entries(USER_PROPERTIES).map(([name, p]) => [name, p.type])),
};

/** Properties `$filter` and `$orderby` may use, and their columns. */
export const USER_FILTER_COLUMNS: ColumnMap = {
  id: USER_QUERY_COLUMNS.id,
  userPrincipalName: USER_QUERY_COLUMNS.userPrincipalName,
  mail: USER_QUERY_COLUMNS.mail,
  employeeId: USER_QUERY_COLUMNS.employeeId,
  displayName: USER_QUERY_COLUMNS.displayName,
  [ANCHOR_PROPERTY]: USER_QUERY_COLUMNS.anchor,
};

/** The JSON of one user: Graph's default properties, or exactly those selected. */
export function userToWire(account: DirectoryAccount, select?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(USER_PROPERTIES)) {
    if (select ? !select.includes(name) : !p.byDefault) continue;
    const value = p.read(account);
    if (value === null && p.omitNull) continue;
    out[name] = value;
  }
  return out;
}
