import type { Doc } from '../../configuration/configuration-service.js';
import type { EntitySetDef } from '../../configuration/entity-sets.js';
import { registry } from '../../model/index.js';
import { writeEntity } from '../../model/write-value.js';

/** An entity in the API's wire form (secrets masked, write-only values dropped), pretty-printed for display. */
export function graphJson(def: EntitySetDef, doc: Doc, entityPath: string): string {
  const wire = writeEntity(def.type, doc.data, {
    registry,
    serviceRoot: 'https://graph.microsoft.com/beta',
    entityPath,
  });
  return JSON.stringify(wire, null, 2);
}
