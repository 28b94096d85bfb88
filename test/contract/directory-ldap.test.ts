import { test } from 'node:test';
import { LdapDirectory } from '../../src/directory/ldap/index.js';
import { directoryErrors } from '../../src/directory/errors.js';
import { slapdSkipReason, startSlapd } from '../support/slapd.js';
import { runDirectoryContract } from './directory-contract.js';

/**
 * The LDAP adapter (standard profile: inetOrgPerson, entryUUID ids, Password Modify exop) against a real slapd.
 * The licence cases skip themselves: LDAP has no licences (`capabilities.licenses` is false).
 */
const skip = slapdSkipReason();
if (skip) {
  test('directory contract: ldap (slapd)', { skip }, () => {});
} else {
  runDirectoryContract('ldap (slapd, inetOrgPerson)', async () => {
    const slapd = await startSlapd();
    // A chunk size of 7 makes the 40-key lookups span several OR filters, and a page size of 5 several pages.
    const directory = new LdapDirectory({
      url: slapd.url,
      bindDN: slapd.rootDN,
      password: slapd.rootPassword,
      baseDN: slapd.peopleDN,
      chunkSize: 7,
      pageSize: 5,
    });
    return {
      directory,
      addSku: async () => {
        throw directoryErrors.notImplemented('Licence SKUs');
      },
      deleteAccount: (id) => directory.deleteAccounts([id]),
      close: async () => {
        await directory.close();
        await slapd.stop();
      },
    };
  });
}
