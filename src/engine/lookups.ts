import type { DirectoryAccount, DirectoryAdapter } from '../directory/types.js';
import type { LinkRepository } from '../store/repositories/links.js';
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
): Promise<{ lookups: MatchLookups; linkedIds: Map<string, string> }> {
  const stored = await links.forSourceSystem(sourceSystemId);
  const linkedIds = new Map([...stored].map(([sourcedId, l]) => [sourcedId, l.accountId]));
  const accounts = await adapter.getAccounts([...linkedIds.values()]);
  const linked = new Map<string, { accountId: string; account: DirectoryAccount | null }>();
  for (const [sourcedId, accountId] of linkedIds)
    linked.set(sourcedId, { accountId, account: accounts.get(accountId) ?? null });

  const unlinked = prepared.filter((p) => p.eff && !linked.get(p.person.sourcedId)?.account);
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

  return { lookups: { linked, byAnchor, candidates, linkOwners, resolutions, resolvedAccounts }, linkedIds };
}
