export { LdapDirectory } from './adapter.js';
export { readLdapConfig, type LdapDirectoryOptions, type LdapTargetConfig } from './config.js';
