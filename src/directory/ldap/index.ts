export { LdapDirectory } from './adapter.js';
export {
  MAPPABLE_FIELDS,
  readLdapConfig,
  resolveSchema,
  type LdapDirectoryOptions,
  type LdapProfileName,
  type LdapSchema,
  type LdapTargetConfig,
  type MappableField,
} from './config.js';
export { fromEntry, newEntry, changesFor, type LdapEntry } from './mapping.js';
