/**
 * A small Entity Data Model: the one description of every Graph type rosterlink serves.
 * Body validation, serialization, $metadata (CSDL) and the OpenAPI components are all derived from it,
 * so a property added here is accepted, emitted and documented in one step.
 */
export type PrimitiveName = 'Edm.String' | 'Edm.Boolean' | 'Edm.Int32' | 'Edm.DateTimeOffset' | 'Edm.Date' | 'Edm.Guid';

export interface EnumType {
  readonly kind: 'enum';
  readonly name: string;
  readonly members: readonly string[];
}

export type PropertyType = PrimitiveName | EnumType | StructuredType;

export interface PropertyDef {
  readonly name: string;
  readonly type: PropertyType;
  readonly collection?: boolean;
  /** Graph typings' NullableOption; defaults to true. */
  readonly nullable?: boolean;
  /** Set by the service only; a client sending it gets a 400. */
  readonly readOnly?: boolean;
  /** Stored encrypted and always read back masked. */
  readonly secret?: boolean;
  /** Accepted on write, never returned (e.g. a client secret). */
  readonly writeOnly?: boolean;
  /** Must be present when the enclosing value is created. */
  readonly required?: boolean;
  readonly maxLength?: number;
}

export interface NavigationDef {
  readonly name: string;
  /** The entity type the navigation points at. */
  readonly target: () => StructuredType;
  /** Entity set path under the service root that a bind URL must name, e.g. `external/industryData/roleGroups`. */
  readonly entitySet: string;
  readonly collection?: boolean;
  /** Must be bound when the enclosing value is created. */
  readonly required?: boolean;
}

export interface StructuredType {
  readonly kind: 'entity' | 'complex';
  /** Qualified name, e.g. `microsoft.graph.industryData.userProvisioningFlow`. */
  readonly name: string;
  readonly abstract?: boolean;
  readonly base?: StructuredType;
  readonly properties: readonly PropertyDef[];
  readonly navigations?: readonly NavigationDef[];
  /** For reference values: the referenceType their `code` must exist in. */
  readonly referenceType?: string;
  /** Normalises a freshly read (and merged) value before it is stored, e.g. legacy flags. */
  readonly onWrite?: (value: Record<string, unknown>) => void;
  /** Adds derived properties when a stored value is emitted. */
  readonly onRead?: (value: Record<string, unknown>) => void;
}

export function isEnum(t: PropertyType): t is EnumType {
  return typeof t === 'object' && t.kind === 'enum';
}

export function isStructured(t: PropertyType): t is StructuredType {
  return typeof t === 'object' && t.kind !== 'enum';
}

/** Properties in wire order: base type's first, as Graph emits them. */
export function allProperties(type: StructuredType): PropertyDef[] {
  return [...(type.base ? allProperties(type.base) : []), ...type.properties];
}

export function allNavigations(type: StructuredType): NavigationDef[] {
  return [...(type.base ? allNavigations(type.base) : []), ...(type.navigations ?? [])];
}

export function isDerivedFrom(type: StructuredType, ancestor: StructuredType): boolean {
  for (let t: StructuredType | undefined = type; t; t = t.base) if (t === ancestor) return true;
  return false;
}

export function shortName(type: StructuredType | EnumType): string {
  return type.name.slice(type.name.lastIndexOf('.') + 1);
}

export function namespaceOf(type: StructuredType | EnumType): string {
  return type.name.slice(0, type.name.lastIndexOf('.'));
}

/** The set of all types, so `@odata.type` values can be resolved by name. */
export class TypeRegistry {
  private readonly byName = new Map<string, StructuredType>();
  private readonly enums = new Map<string, EnumType>();

  add(...types: (StructuredType | EnumType)[]): this {
    for (const t of types) {
      if (t.kind === 'enum') this.enums.set(t.name, t);
      else this.byName.set(t.name.toLowerCase(), t);
    }
    return this;
  }

  resolve(name: string): StructuredType | undefined {
    return this.byName.get(name.replace(/^#/, '').toLowerCase());
  }

  structuredTypes(): StructuredType[] {
    return [...this.byName.values()];
  }

  enumTypes(): EnumType[] {
    return [...this.enums.values()];
  }

  derivedOf(type: StructuredType): StructuredType[] {
    return this.structuredTypes().filter((t) => t !== type && isDerivedFrom(t, type));
  }
}
