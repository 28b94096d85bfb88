import { toGraphDateTime } from '../lib/clock.js';
import { invalid } from '../lib/errors.js';
import {
  allNavigations,
  allProperties,
  isDerivedFrom,
  isEnum,
  isStructured,
  type NavigationDef,
  type PropertyDef,
  type StructuredType,
  type TypeRegistry,
} from './edm.js';

/** Key under which a resolved `<nav>@odata.bind` is kept in a stored value, e.g. `roleGroup@id`. */
export const bindKey = (nav: string) => `${nav}@id`;
/** Key under which a polymorphic value's runtime type is kept. */
export const TYPE_KEY = '@odata.type';

/** Something the body names that only the store can check: a bound entity or a reference code. */
export type PendingReference =
  | { kind: 'bind'; nav: NavigationDef; id: string; path: string; holder: Record<string, unknown> }
  | { kind: 'code'; referenceType: string; code: string; path: string; holder: Record<string, unknown> };

export interface ReadResult {
  type: StructuredType;
  value: Record<string, unknown>;
  references: PendingReference[];
}

export interface ReadOptions {
  registry: TypeRegistry;
  /** `create` enforces required properties and binds; `update` accepts any subset. */
  mode: 'create' | 'update';
  /** On update of a polymorphic entity: the stored runtime type the body must agree with. */
  currentType?: StructuredType;
  /** Encrypts secret properties (passwords) before they reach the stored form. */
  seal?: (plain: string) => string;
}

/** Validates a JSON request body against a declared type, returning canonical (stored) form. */
export function readBody(declared: StructuredType, body: unknown, opts: ReadOptions): ReadResult {
  if (body === undefined || body === null) throw invalid('The request body is empty; a JSON object is required.');
  if (typeof body !== 'object' || Array.isArray(body)) throw invalid('The request body must be a JSON object.');
  const references: PendingReference[] = [];
  const reader = new Reader(opts, references);
  const type = reader.resolveType(declared, body as Record<string, unknown>, '', opts.currentType);
  const value = reader.readObject(type, body as Record<string, unknown>, '', opts.mode === 'create');
  return { type, value, references };
}

class Reader {
  constructor(
    private readonly opts: ReadOptions,
    private readonly references: PendingReference[],
  ) {}

  resolveType(
    declared: StructuredType,
    obj: Record<string, unknown>,
    path: string,
    current?: StructuredType,
  ): StructuredType {
    const annotation = obj[TYPE_KEY];
    if (annotation === undefined) {
      if (current) return current;
      if (declared.abstract) {
        throw invalid(
          `${at(path)}An '@odata.type' annotation is required: '${declared.name}' is abstract. Use one of: ${this.concrete(declared).join(', ')}.`,
        );
      }
      return declared;
    }
    if (typeof annotation !== 'string') throw invalid(`${at(path)}'@odata.type' must be a string.`);
    const named = this.opts.registry.resolve(annotation);
    if (!named) {
      throw invalid(`${at(path)}A type named '${annotation.replace(/^#/, '')}' could not be resolved by the model.`);
    }
    if (!isDerivedFrom(named, declared)) {
      throw invalid(`${at(path)}The type '${named.name}' is not compatible with the expected type '${declared.name}'.`);
    }
    if (current && named !== current) {
      throw invalid(
        `${at(path)}The type '${named.name}' does not match the type of the existing entity, '${current.name}'.`,
      );
    }
    if (named.abstract) {
      throw invalid(`${at(path)}The type '${named.name}' is abstract. Use one of: ${this.concrete(named).join(', ')}.`);
    }
    return named;
  }

  readObject(
    type: StructuredType,
    obj: Record<string, unknown>,
    path: string,
    create: boolean,
  ): Record<string, unknown> {
    const props = allProperties(type);
    const navs = allNavigations(type);
    const out: Record<string, unknown> = {};
    // Derived types keep their runtime type, so reads can emit `@odata.type` where it differs from the declared one.
    if (type.base) out[TYPE_KEY] = type.name;
    const seen = new Map<string, string>();
    for (const [key, raw] of Object.entries(obj)) {
      if (key === TYPE_KEY || (key.startsWith('@') && key.includes('.'))) continue; // instance annotations
      const bindMatch = /^(.+)@odata\.bind$/i.exec(key);
      if (bindMatch) {
        const nav = navs.find((n) => n.name.toLowerCase() === bindMatch[1].toLowerCase());
        if (!nav) throw invalid(`${at(path)}'${bindMatch[1]}' is not a navigation property of type '${type.name}'.`);
        this.claim(seen, nav.name, key, path);
        out[bindKey(nav.name)] = this.readBind(nav, raw, join(path, key), out);
        continue;
      }
      if (key.includes('@')) continue; // property annotations such as `x@odata.type` carry no data here
      const prop = props.find((p) => p.name === key) ?? props.find((p) => p.name.toLowerCase() === key.toLowerCase());
      if (!prop) {
        const nav = navs.find((n) => n.name.toLowerCase() === key.toLowerCase());
        if (nav)
          throw invalid(`${at(path)}'${nav.name}' is a navigation property: bind it with '${nav.name}@odata.bind'.`);
        throw invalid(
          `${at(path)}Property '${key}' does not exist on type '${type.name}'. Make sure to only use property names that are defined by the type.`,
        );
      }
      if (prop.readOnly) throw invalid(`${at(path)}Property '${prop.name}' is read-only and cannot be set.`);
      this.claim(seen, prop.name, key, path);
      out[prop.name] = this.readProperty(prop, raw, join(path, prop.name));
    }
    if (create) this.checkRequired(type, props, navs, out, path);
    if (type.referenceType) this.checkReference(type, out, path);
    for (let t: StructuredType | undefined = type; t; t = t.base) t.onWrite?.(out);
    return out;
  }

  private claim(seen: Map<string, string>, canonical: string, key: string, path: string) {
    const earlier = seen.get(canonical);
    if (earlier !== undefined)
      throw invalid(`${at(path)}Property '${canonical}' is given twice ('${earlier}' and '${key}').`);
    seen.set(canonical, key);
  }

  private checkRequired(
    type: StructuredType,
    props: PropertyDef[],
    navs: NavigationDef[],
    out: Record<string, unknown>,
    path: string,
  ) {
    for (const p of props) {
      if (p.required && out[p.name] === undefined) {
        throw invalid(`${at(path)}The property '${p.name}' is required when creating a '${type.name}'.`);
      }
    }
    for (const n of navs) {
      if (n.required && out[bindKey(n.name)] === undefined) {
        throw invalid(`${at(path)}'${n.name}@odata.bind' is required for a '${type.name}'.`);
      }
    }
  }

  private checkReference(type: StructuredType, out: Record<string, unknown>, path: string) {
    const bound = out[bindKey('value')];
    if (typeof bound === 'string') {
      // The bound definition id is `{referenceType}-{code}`; the code follows from it.
      const prefix = `${type.referenceType}-`;
      if (!bound.startsWith(prefix)) {
        throw invalid(`${at(path)}'value@odata.bind' must name a '${type.referenceType}' reference definition.`);
      }
      const code = bound.slice(prefix.length);
      if (out.code !== undefined && String(out.code).toLowerCase() !== code.toLowerCase()) {
        throw invalid(`${at(path)}'code' '${String(out.code)}' contradicts 'value@odata.bind' ('${bound}').`);
      }
      out.code = code;
      delete out[bindKey('value')];
    }
    if (typeof out.code !== 'string' || out.code.trim() === '') {
      throw invalid(`${at(path)}A '${type.name}' needs a 'code' or a 'value@odata.bind'.`);
    }
    this.references.push({ kind: 'code', referenceType: type.referenceType!, code: out.code, path, holder: out });
  }

  private readBind(nav: NavigationDef, raw: unknown, path: string, holder: Record<string, unknown>): string {
    if (typeof raw !== 'string' || raw.trim() === '') throw invalid(`${path}: a bind must be a URL string.`);
    const id = parseBindUrl(raw, nav.entitySet);
    if (id === null) {
      throw invalid(`${path}: '${raw}' does not identify an entity in '${nav.entitySet}'.`);
    }
    this.references.push({ kind: 'bind', nav, id, path, holder });
    return id;
  }

  private readProperty(prop: PropertyDef, raw: unknown, path: string): unknown {
    if (raw === null) {
      if (prop.nullable === false) {
        throw invalid(`A null value was found for the property '${path}', which does not allow null values.`);
      }
      return null;
    }
    if (prop.collection) {
      if (!Array.isArray(raw)) throw invalid(`The property '${path}' must be a JSON array.`);
      return raw.map((item, i) => {
        if (item === null) throw invalid(`The collection '${path}' must not contain null (item ${i}).`);
        return this.readSingle(prop, item, `${path}[${i}]`);
      });
    }
    return this.readSingle(prop, raw, path);
  }

  private readSingle(prop: PropertyDef, raw: unknown, path: string): unknown {
    const t = prop.type;
    if (isStructured(t)) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw invalid(`The property '${path}' must be a JSON object of type '${t.name}'.`);
      }
      const obj = raw as Record<string, unknown>;
      const runtime = this.resolveType(t, obj, path);
      // Complex values are always written whole (PATCH replaces them), so their required members apply.
      return this.readObject(runtime, obj, path, true);
    }
    if (isEnum(t)) {
      const member = typeof raw === 'string' ? t.members.find((m) => m.toLowerCase() === raw.toLowerCase()) : undefined;
      if (!member || member === 'unknownFutureValue') {
        const valid = t.members.filter((m) => m !== 'unknownFutureValue').join(', ');
        throw invalid(
          `Invalid value ${JSON.stringify(raw)} for '${path}' of enum type '${t.name}'. Valid values: ${valid}.`,
        );
      }
      return member;
    }
    const value = readPrimitive(prop, raw, path);
    return prop.secret && this.opts.seal ? this.opts.seal(value as string) : value;
  }

  private concrete(type: StructuredType): string[] {
    return this.opts.registry
      .derivedOf(type)
      .filter((t) => !t.abstract)
      .map((t) => `#${t.name}`);
  }
}

function readPrimitive(prop: PropertyDef, raw: unknown, path: string): unknown {
  const fail = (what: string) =>
    invalid(
      `Cannot convert the value ${JSON.stringify(raw)} of '${path}' to the expected type '${prop.type as string}' (${what}).`,
    );
  switch (prop.type) {
    case 'Edm.Boolean':
      if (typeof raw !== 'boolean') throw fail('expected true or false');
      return raw;
    case 'Edm.Int32':
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < -2147483648 || raw > 2147483647) {
        throw fail('expected a 32-bit integer');
      }
      return raw;
    case 'Edm.DateTimeOffset': {
      const v = typeof raw === 'string' ? toGraphDateTime(raw) : null;
      if (v === null) throw fail('expected an ISO 8601 date-time with an offset');
      return v;
    }
    case 'Edm.Date':
      if (typeof raw !== 'string' || !isIsoDate(raw)) throw fail('expected YYYY-MM-DD');
      return raw;
    case 'Edm.Guid':
      if (typeof raw !== 'string' || !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(raw))
        throw fail('expected a GUID');
      return raw.toLowerCase();
    default:
      if (typeof raw !== 'string') throw fail('expected a string');
      if (prop.maxLength !== undefined && raw.length > prop.maxLength) {
        throw invalid(`The value of '${path}' is longer than the maximum of ${prop.maxLength} characters.`);
      }
      return raw;
  }
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * Resolves the bind forms the docs use — absolute (`https://graph.microsoft.com/beta/external/industryData/roleGroups/staff`),
 * relative (`external/industryData/roleGroups/staff`) and key-in-parens (`roleGroups('students')`) — to the key,
 * or null when the URL names another entity set.
 */
export function parseBindUrl(raw: string, entitySet: string): string | null {
  let rest = raw.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  rest = rest.replace(/^\/+/, '').replace(/^(beta|v1\.0)\//i, '');
  const setName = entitySet.slice(entitySet.lastIndexOf('/') + 1);
  const prefix = entitySet.slice(0, entitySet.lastIndexOf('/') + 1);
  if (rest.toLowerCase().startsWith(prefix.toLowerCase())) rest = rest.slice(prefix.length);
  if (!rest.toLowerCase().startsWith(setName.toLowerCase())) return null;
  rest = rest.slice(setName.length);
  const m = /^(?:\/([^/()]+)|\('([^']*)'\)|\(([^)'/]+)\))\/?$/.exec(rest);
  if (!m) return null;
  const id = decodeURIComponent(m[1] ?? m[2] ?? m[3]);
  return id === '' ? null : id;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const at = (path: string) => (path ? `${path}: ` : '');
