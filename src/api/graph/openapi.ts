import {
  allNavigations,
  allProperties,
  isEnum,
  isStructured,
  type PropertyDef,
  type StructuredType,
  type TypeRegistry,
} from '../../model/edm.js';
import type { CatalogEntry } from './resource.js';

type Schema = Record<string, unknown>;

function propertySchema(p: PropertyDef): Schema {
  const t = p.type;
  let s: Schema;
  if (isEnum(t)) s = { type: 'string', enum: t.members.filter((m) => m !== 'unknownFutureValue') };
  else if (isStructured(t)) s = { $ref: `#/components/schemas/${t.name}` };
  else if (t === 'Edm.Boolean') s = { type: 'boolean' };
  else if (t === 'Edm.Int32') s = { type: 'integer', format: 'int32' };
  else if (t === 'Edm.DateTimeOffset') s = { type: 'string', format: 'date-time' };
  else if (t === 'Edm.Date') s = { type: 'string', format: 'date' };
  else if (t === 'Edm.Guid') s = { type: 'string', format: 'uuid' };
  else s = { type: 'string', ...(p.maxLength ? { maxLength: p.maxLength } : {}) };
  if (p.collection) s = { type: 'array', items: s };
  if (p.nullable !== false) s = { ...s, nullable: true };
  if (p.readOnly) s = { ...s, readOnly: true };
  if (p.writeOnly || p.secret)
    s = { ...s, description: p.secret ? 'Write-only secret; always read back masked.' : 'Write-only.' };
  return s;
}

function typeSchema(t: StructuredType, registry: TypeRegistry): Schema {
  const properties: Record<string, Schema> = {};
  for (const p of allProperties(t)) properties[p.name] = propertySchema(p);
  for (const n of allNavigations(t)) properties[`${n.name}@odata.bind`] = { type: 'string', writeOnly: true };
  const derived = registry.derivedOf(t).filter((d) => !d.abstract);
  const schema: Schema = {
    type: 'object',
    properties: { '@odata.type': { type: 'string', example: `#${t.name}` }, ...properties },
    additionalProperties: false,
  };
  if (t.abstract && derived.length > 0) {
    return {
      oneOf: derived.map((d) => ({ $ref: `#/components/schemas/${d.name}` })),
      discriminator: { propertyName: '@odata.type' },
    };
  }
  return schema;
}

/** OpenAPI 3.0 document generated from the route catalogue and the type model. */
export function buildOpenApi(catalog: readonly CatalogEntry[], registry: TypeRegistry): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const e of catalog) {
    const path = e.url.replace(/:(\w+)/g, '{$1}');
    const params = [...e.url.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const ref = (t: StructuredType) => ({ $ref: `#/components/schemas/${t.name}` });
    const body = e.responseType
      ? e.collection
        ? {
            type: 'object',
            properties: {
              '@odata.context': { type: 'string' },
              '@odata.nextLink': { type: 'string' },
              value: { type: 'array', items: ref(e.responseType) },
            },
          }
        : ref(e.responseType)
      : undefined;
    paths[path] ??= {};
    paths[path][e.method.toLowerCase()] = {
      summary: e.summary,
      tags: [e.tag],
      parameters: params,
      security: [{ bearer: e.permissions }],
      'x-permissions': e.permissions,
      ...(e.requestType
        ? { requestBody: { required: true, content: { 'application/json': { schema: ref(e.requestType) } } } }
        : {}),
      responses: {
        [e.status]: { description: e.summary, ...(body ? { content: { 'application/json': { schema: body } } } : {}) },
        default: {
          description: 'Graph error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } },
        },
      },
    };
  }
  const schemas: Record<string, Schema> = {
    error: {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: { code: { type: 'string' }, message: { type: 'string' }, innerError: { type: 'object' } },
        },
      },
    },
  };
  for (const t of registry.structuredTypes()) schemas[t.name] = typeSchema(t, registry);
  return {
    openapi: '3.0.3',
    info: { title: 'rosterlink: Microsoft Graph (beta) Industry Data API', version: '0.1.0' },
    servers: [{ url: '/' }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}
