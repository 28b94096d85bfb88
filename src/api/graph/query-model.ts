import type { EntityQueryModel, PropertyType as QueryType } from '../odata/model.js';
import {
  allProperties,
  isEnum,
  isStructured,
  type PropertyDef,
  type StructuredType,
  type TypeRegistry,
} from '../../model/edm.js';

/**
 * The OData query model of an entity type: its properties and, for an abstract type, those of every derived type,
 * so `$filter`/`$select` on a polymorphic collection can name any of them.
 */
export function queryModelOf(type: StructuredType, registry: TypeRegistry): EntityQueryModel {
  const properties: Record<string, QueryType> = {};
  const types = [type, ...registry.derivedOf(type)];
  for (const t of types)
    for (const p of allProperties(t)) if (!p.writeOnly) properties[p.name] ??= queryTypeOf(p, registry, 0);
  return { typeName: type.name, properties };
}

function queryTypeOf(prop: PropertyDef, registry: TypeRegistry, depth: number): QueryType {
  const single = singleType(prop, registry, depth);
  return prop.collection ? { collection: single } : single;
}

function singleType(prop: PropertyDef, registry: TypeRegistry, depth: number): QueryType {
  const t = prop.type;
  if (isEnum(t)) return 'enum';
  if (isStructured(t)) {
    if (depth > 4) return { complex: {} };
    const complex: Record<string, QueryType> = {};
    for (const sub of [t, ...registry.derivedOf(t)]) {
      for (const p of allProperties(sub)) complex[p.name] ??= queryTypeOf(p, registry, depth + 1);
    }
    return { complex };
  }
  switch (t) {
    case 'Edm.Boolean':
      return 'boolean';
    case 'Edm.Int32':
      return 'int';
    case 'Edm.DateTimeOffset':
      return 'dateTimeOffset';
    case 'Edm.Guid':
      return 'guid';
    default:
      return 'string';
  }
}
