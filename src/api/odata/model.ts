import { ODataQueryError } from './errors.js';

/** Primitive property types the query options understand. */
export type PrimitiveType = 'string' | 'boolean' | 'int' | 'dateTimeOffset' | 'enum' | 'guid';

/**
 * The type of one property of an entity. A complex type may carry its qualified name (used in error messages only).
 */
export type PropertyType =
  PrimitiveType | { complex: Record<string, PropertyType>; typeName?: string } | { collection: PropertyType };

/** What the query options need to know about an entity type. */
export interface EntityQueryModel {
  /** Qualified type name, e.g. `microsoft.graph.industryData.outboundProvisioningFlowSet`. */
  typeName: string;
  properties: Record<string, PropertyType>;
}

export interface ResolvedPath {
  /** Canonical (model-cased) segments. */
  segments: string[];
  type: PropertyType;
}

/** Finds a key case-insensitively, preferring an exact match. */
export function findKey(record: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === lower);
}

/**
 * Resolves a `/`-separated property path (already split) against the model, case-insensitively.
 * Every segment but the last must name a complex property. Throws `Could not find a property named ...`.
 */
export function resolvePath(model: EntityQueryModel, segments: readonly string[], prefix = ''): ResolvedPath {
  let properties = model.properties;
  let typeName = model.typeName;
  const canonical: string[] = [];
  let type: PropertyType | undefined;
  for (const segment of segments) {
    if (type !== undefined) {
      if (typeof type === 'object' && 'complex' in type) {
        properties = type.complex;
        typeName = type.typeName ?? `${model.typeName}/${canonical.join('/')}`;
      } else {
        throw new ODataQueryError(
          `${prefix}The property '${canonical.join('/')}' has no property named '${segment}': only complex properties can be navigated with '/'.`,
        );
      }
    }
    const key = findKey(properties, segment);
    if (key === undefined) {
      throw new ODataQueryError(`${prefix}Could not find a property named '${segment}' on type '${typeName}'.`);
    }
    canonical.push(key);
    type = properties[key];
  }
  if (type === undefined) throw new ODataQueryError(`${prefix}Empty property path.`);
  return { segments: canonical, type };
}

export function isPrimitive(type: PropertyType): type is PrimitiveType {
  return typeof type === 'string';
}

/** Reads a (possibly nested) property; a missing value or a non-object along the path reads as null. */
export function readPath(item: Record<string, unknown>, segments: readonly string[]): unknown {
  let value: unknown = item;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[segment];
  }
  return value ?? null;
}
