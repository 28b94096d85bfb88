import type { DocumentRepository } from '../store/repositories/documents.js';
import { referenceDefinition, roleGroup } from '../model/reference-types.js';
import { DEFAULT_DEFINITIONS, DEFAULT_ROLE_GROUPS, DEFAULT_TIMESTAMP } from './default-values.js';

/** Inserts the default role groups and reference definitions that are missing; tenant changes are kept. */
export async function seedDefaults(docs: DocumentRepository): Promise<void> {
  const existing = new Set((await docs.list('referenceDefinitions')).map((d) => d.id));
  for (const def of DEFAULT_DEFINITIONS) {
    const id = `${def.referenceType}-${def.code}`;
    if (existing.has(id)) continue;
    await docs.insert({
      collection: 'referenceDefinitions',
      id,
      parentId: null,
      type: referenceDefinition.name,
      data: {
        id,
        code: def.code,
        createdDateTime: DEFAULT_TIMESTAMP,
        displayName: def.displayName ?? null,
        isDisabled: false,
        lastModifiedDateTime: DEFAULT_TIMESTAMP,
        referenceType: def.referenceType,
        sortIndex: def.sortIndex,
        source: def.source,
      },
      createdAt: DEFAULT_TIMESTAMP,
      modifiedAt: DEFAULT_TIMESTAMP,
    });
  }
  const groups = new Set((await docs.list('roleGroups')).map((d) => d.id));
  for (const group of DEFAULT_ROLE_GROUPS) {
    if (groups.has(group.id)) continue;
    const roles = [...group.roles].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    await docs.insert({
      collection: 'roleGroups',
      id: group.id,
      parentId: null,
      type: roleGroup.name,
      data: { id: group.id, displayName: group.displayName, roles: roles.map((code) => ({ code })) },
      createdAt: DEFAULT_TIMESTAMP,
      modifiedAt: DEFAULT_TIMESTAMP,
    });
  }
}
