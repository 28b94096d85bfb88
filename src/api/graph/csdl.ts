import {
  isEnum,
  isStructured,
  namespaceOf,
  shortName,
  type PropertyDef,
  type StructuredType,
  type TypeRegistry,
} from '../../model/edm.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function typeRef(p: PropertyDef): string {
  const t = p.type;
  const name = isEnum(t) || isStructured(t) ? t.name : t;
  return p.collection ? `Collection(${name})` : name;
}

function structured(t: StructuredType): string {
  const tag = t.kind === 'entity' ? 'EntityType' : 'ComplexType';
  const attrs = [`Name="${shortName(t)}"`];
  if (t.base) attrs.push(`BaseType="${t.base.name}"`);
  if (t.abstract) attrs.push('Abstract="true"');
  const lines = [`<${tag} ${attrs.join(' ')}>`];
  if (t.kind === 'entity' && !t.base) lines.push('<Key><PropertyRef Name="id"/></Key>');
  for (const p of t.properties) {
    const nullable = p.nullable === false ? ' Nullable="false"' : '';
    const max = p.maxLength ? ` MaxLength="${p.maxLength}"` : '';
    lines.push(`<Property Name="${esc(p.name)}" Type="${typeRef(p)}"${nullable}${max}/>`);
  }
  for (const n of t.navigations ?? []) {
    const target = n.collection ? `Collection(${n.target().name})` : n.target().name;
    lines.push(`<NavigationProperty Name="${n.name}" Type="${target}"/>`);
  }
  lines.push(`</${tag}>`);
  return lines.join('');
}

/** CSDL XML ($metadata) for every type in the registry, grouped by namespace. */
export function buildCsdl(registry: TypeRegistry): string {
  const byNamespace = new Map<string, string[]>();
  const add = (ns: string, xml: string) => byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), xml]);
  for (const e of registry.enumTypes()) {
    add(
      namespaceOf(e),
      `<EnumType Name="${shortName(e)}">${e.members.map((m, i) => `<Member Name="${m}" Value="${i}"/>`).join('')}</EnumType>`,
    );
  }
  for (const t of registry.structuredTypes()) add(namespaceOf(t), structured(t));
  const schemas = [...byNamespace.entries()].map(
    ([ns, items]) =>
      `<Schema Namespace="${ns}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${items.join('')}</Schema>`,
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
    schemas.join('') +
    '</edmx:DataServices></edmx:Edmx>'
  );
}
