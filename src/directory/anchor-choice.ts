import type { DirectoryAccount } from './types.js';

/**
 * `readByAnchor`'s answer from a case-insensitive candidate search, the same for every target: per anchor, the
 * account whose anchor matches exactly, else the oldest (then lowest id), so repeated reads agree.
 */
export function chooseByAnchor(
  anchors: readonly string[],
  candidates: ReadonlyMap<string, DirectoryAccount[]>,
): Map<string, DirectoryAccount> {
  const out = new Map<string, DirectoryAccount>();
  for (const anchor of anchors) {
    const found = candidates.get(anchor.toLowerCase()) ?? [];
    const best = found.find((a) => a.anchor === anchor) ?? oldest(found);
    if (best) out.set(anchor, best);
  }
  return out;
}

function oldest(accounts: readonly DirectoryAccount[]): DirectoryAccount | undefined {
  return [...accounts].sort(
    (a, b) => a.createdDateTime.localeCompare(b.createdDateTime) || a.id.localeCompare(b.id),
  )[0];
}
