import { allNavigations, allProperties, isStructured, type StructuredType, type TypeRegistry } from './edm.js';
import { TYPE_KEY, bindKey } from './read-body.js';

/** What every read of a secret returns, whatever was stored (Graph docs: 15 asterisks). */
export const MASKED_SECRET = '***************';

export interface WriteOptions {
  registry: TypeRegistry;
  /** Service root for `@odata.context`, e.g. `https://graph.microsoft.com/beta`. */
  serviceRoot: string;
  /**
   * Path of the entity inside the model, e.g. `external/industryData/outboundProvisioningFlowSets('s')/provisioningFlows('f')`,
   * used to build the `@odata.context` of navigations expanded inside complex values.
   */
  entityPath: string;
  /** Expands a navigation bound inside a complex value (GET/list do; the POST response does not). */
  expand?: (targetType: StructuredType, id: string) => Record<string, unknown> | undefined;
}

/**
 * Turns a stored value into its wire form: canonical property order, `@odata.type` where the runtime type differs
 * from the declared one, secrets masked, write-only values dropped, derived legacy properties added.
 */
export function writeEntity(
  declared: StructuredType,
  stored: Record<string, unknown>,
  opts: WriteOptions,
): Record<string, unknown> {
  return writeObject(declared, stored, opts, `${opts.entityPath}`);
}

function writeObject(
  declared: StructuredType,
  stored: Record<string, unknown>,
  opts: WriteOptions,
  path: string,
): Record<string, unknown> {
  const runtime =
    (typeof stored[TYPE_KEY] === 'string' && opts.registry.resolve(stored[TYPE_KEY] as string)) || declared;
  const out: Record<string, unknown> = {};
  if (runtime !== declared) out[TYPE_KEY] = `#${runtime.name}`;
  // Paths of navigations inside complex values name the runtime type as a cast segment when it is derived.
  const basePath = runtime !== declared && runtime.kind === 'entity' ? `${path}/${runtime.name}` : path;
  const value: Record<string, unknown> = { ...stored };
  for (let t: StructuredType | undefined = runtime; t; t = t.base) t.onRead?.(value);
  for (const prop of allProperties(runtime)) {
    if (prop.writeOnly) continue;
    const v = value[prop.name];
    if (v === undefined || v === null) {
      out[prop.name] = null;
      continue;
    }
    if (prop.secret) {
      out[prop.name] = MASKED_SECRET;
      continue;
    }
    const t = prop.type;
    if (isStructured(t)) {
      const childPath = `${basePath}/${prop.name}`;
      out[prop.name] = prop.collection
        ? (v as Record<string, unknown>[]).map((item) => writeObject(t, item, opts, childPath))
        : writeObject(t, v as Record<string, unknown>, opts, childPath);
    } else {
      out[prop.name] = Array.isArray(v) ? [...(v as unknown[])] : v;
    }
  }
  for (const nav of allNavigations(runtime)) {
    const id = value[bindKey(nav.name)];
    if (typeof id !== 'string' || !opts.expand || runtime.kind !== 'complex') continue;
    const target = opts.expand(nav.target(), id);
    if (!target) continue;
    out[`${nav.name}@odata.context`] = `${opts.serviceRoot}/$metadata#${basePath}/${nav.name}/$entity`;
    out[nav.name] = target;
  }
  return out;
}
