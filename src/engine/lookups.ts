import type { DirectoryAccount, DirectoryAdapter } from '../directory/types.js';
import type { LinkRepository, StoredLink } from '../store/repositories/links.js';
import { anchorOf } from './identity.js';
import type { MatchLookups, Prepared } from './plan.js';

/**
 * Asks the directory and the store everything the planner needs, in bulk: a handful of calls per run however many
 * people there are (the adapter chunks large inputs itself).
 */
export async function gatherLookups(
  adapter: DirectoryAdapter,
  links: LinkRepository,
  sourceSystemId: string,
  prepared: readonly Prepared[],
  /** The source system's links, when the caller has read them already. */
  stored: ReadonlyMap<string, StoredLink>,
): Promise<MatchLookups> {
  const unchanged = await unchangedPeople(adapter, stored, prepared);
  const toRead: StoredLink[] = [];
  for (const link of stored.values()) if (!unchanged.has(link.sourcedId)) toRead.push(link);
  const accounts = await adapter.getAccounts(toRead.map((l) => l.accountId));
  const linked = new Map<string, { accountId: string; account: DirectoryAccount | null }>();
  for (const { sourcedId, accountId } of toRead)
    linked.set(sourcedId, { accountId, account: accounts.get(accountId) ?? null });

  const unlinked = prepared.filter(
    (p) => p.eff && !unchanged.has(p.person.sourcedId) && !linked.get(p.person.sourcedId)?.account,
  );
  const byAnchor = adapter.capabilities.anchors
    ? await adapter.readByAnchor(unlinked.map((p) => anchorOf(p.person.sourcedId)))
    : new Map<string, DirectoryAccount>();

  const candidates = new Map<string, Map<string, DirectoryAccount[]>>();
  for (const target of ['userPrincipalName', 'mail'] as const) {
    const values = unlinked.filter((p) => p.rule?.matchTarget === target && p.value).map((p) => p.value!);
    if (values.length > 0)
      candidates.set(target, await adapter.findCandidates({ attribute: target, values: [...new Set(values)] }));
  }

  const resolutions = await links.resolutions(sourceSystemId);
  const resolvedIds = [...resolutions.values()].map((r) => r.accountId).filter((id): id is string => id !== null);
  const resolvedAccounts = await adapter.getAccounts(resolvedIds);

  const candidateIds = new Set<string>();
  for (const a of byAnchor.values()) candidateIds.add(a.id);
  for (const byValue of candidates.values())
    for (const list of byValue.values()) for (const a of list) candidateIds.add(a.id);
  for (const id of resolvedIds) candidateIds.add(id);
  const linkOwners = await links.ownersOf([...candidateIds]);

  return { linked, unchanged, byAnchor, candidates, linkOwners, resolutions, resolvedAccounts };
}

/**
 * Linked people with nothing to do: the link remembers the fingerprint of their desired attributes and the account's
 * change stamp, and both are still the same. Only the stamps are read (targets that have them); the accounts are not.
 */
async function unchangedPeople(
  adapter: DirectoryAdapter,
  stored: ReadonlyMap<string, StoredLink>,
  prepared: readonly Prepared[],
): Promise<Map<string, { accountId: string; userPrincipalName: string }>> {
  const out = new Map<string, { accountId: string; userPrincipalName: string }>();
  if (!adapter.readStamps) return out;
  const confirmed: StoredLink[] = [];
  for (const p of prepared) {
    const link = stored.get(p.person.sourcedId);
    if (link?.accountStamp && p.fingerprint && link.fingerprint === p.fingerprint) confirmed.push(link);
  }
  if (confirmed.length === 0) return out;
  const stamps = await adapter.readStamps(confirmed.map((l) => l.accountId));
  for (const link of confirmed) {
    const now = stamps.get(link.accountId);
    if (now && now.stamp === link.accountStamp)
      out.set(link.sourcedId, { accountId: link.accountId, userPrincipalName: now.userPrincipalName });
  }
  return out;
}
