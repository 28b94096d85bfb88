/**
 * Rewrites OData URL forms to the plain paths the router knows, before routing:
 * - key-in-parens `outboundProvisioningFlowSets('id')` or `(id)` → `outboundProvisioningFlowSets/id`;
 * - namespace-qualified operations `microsoft.graph.industryData.reset` → `reset`, `getStatistics()` → `getStatistics`;
 * - type-cast segments such as `microsoft.graph.industryData.azureDataLakeConnector` are dropped.
 * Casing is left to the router, which matches case-insensitively.
 */
export function normalizeODataUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  const segments = path.split('/').flatMap((raw) => rewriteSegment(raw));
  return segments.join('/') + query;
}

function rewriteSegment(raw: string): string[] {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return [raw];
  }
  const call = /^([A-Za-z0-9_.$]+)\((.*)\)$/.exec(segment);
  let name = segment;
  let key: string | null = null;
  if (call) {
    name = call[1];
    const inner = call[2].trim();
    if (inner !== '') {
      const quoted = /^'((?:[^']|'')*)'$/.exec(inner);
      key = quoted ? quoted[1].replace(/''/g, "'") : /^[0-9a-fA-F-]+$/.test(inner) ? inner : null;
      if (key === null) return [raw]; // function parameters and other forms are left for the router to reject
    }
  }
  if (/^microsoft\.graph\./i.test(name)) {
    const last = name.slice(name.lastIndexOf('.') + 1);
    // Operations are lower camel case; a type cast names a type (also camel case) – casts are known by their shape.
    if (TYPE_CASTS.has(last.toLowerCase())) return [];
    name = last;
  }
  const out = [name === segment ? raw : encodeURIComponent(name)];
  if (key !== null) out.push(encodeURIComponent(key));
  return out;
}

/** Type-cast segments that may appear in paths and carry no routing meaning of their own. */
const TYPE_CASTS = new Set(['azuredatalakeconnector', 'userprovisioningflow', 'onerosterapidataconnector']);
