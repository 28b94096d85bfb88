/**
 * Header checks (catastrophic: missing required or duplicate header; warnings: unknown, empty, out-of-order
 * columns) and the column index plan the row mappers use.
 */
import type { FindingSink } from './findings.js';
import type { FileSpec } from './formats/types.js';

/** A column of the current file: its index in each row (-1 when the header lacks it) and its name. */
export interface Col {
  readonly i: number;
  readonly name: string;
}

export class HeaderPlan {
  constructor(
    readonly names: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    /** Columns from here on have empty names: rows may omit them. */
    readonly trailingEmptyFrom: number,
  ) {}

  /** A plan for a file without a header line (an empty file): every column of the spec, in order. */
  static fromNames(names: readonly string[]): HeaderPlan {
    return new HeaderPlan(names, new Map(names.map((n, i) => [n, i])), names.length);
  }

  get width(): number {
    return this.names.length;
  }

  col(name: string): Col {
    return { i: this.index.get(name) ?? -1, name };
  }

  cols<K extends string>(...names: K[]): Record<K, Col> {
    const out = {} as Record<K, Col>;
    for (const n of names) out[n] = this.col(n);
    return out;
  }
}

export interface HeaderContext {
  file: string;
  line: number;
  sink: FindingSink;
  /** OneRoster delta file: status and dateLastModified headers are required. */
  delta: boolean;
}

const EXTENSION = /^(ext_|metadata\.)/;

export function planHeader(raw: readonly string[], spec: FileSpec, ctx: HeaderContext): HeaderPlan {
  const names = raw.map((n) => n.trim());
  const known = new Set(spec.columns.map((c) => c.name));
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') return;
    if (index.has(name)) {
      ctx.sink.fatal(
        ctx.file,
        ctx.line,
        'DUPLICATE_HEADER',
        `${name} appears more than once in ${ctx.file}`,
        name,
        name,
      );
    }
    index.set(name, i);
  });
  checkRequired(names, index, spec, ctx);
  reportEmpty(names, ctx);
  for (const name of index.keys()) {
    if (known.has(name) || EXTENSION.test(name)) continue;
    const hint = suggest(name, known);
    const tail = hint === undefined ? 'column ignored' : `column ignored; did you mean ${hint}?`;
    warn(ctx, 'UNKNOWN_HEADER', name, `unknown header ${name} in ${ctx.file}: ${tail}`);
  }
  if (spec.oneRoster) checkOrder(index, spec, ctx);
  let trailingEmptyFrom = names.length;
  while (trailingEmptyFrom > 0 && names[trailingEmptyFrom - 1] === '') trailingEmptyFrom--;
  return new HeaderPlan(names, index, trailingEmptyFrom);
}

function checkRequired(names: readonly string[], index: Map<string, number>, spec: FileSpec, ctx: HeaderContext) {
  const required = spec.columns.filter((c) => c.required).map((c) => c.name);
  if (spec.oneRoster && ctx.delta) required.push('status', 'dateLastModified');
  for (const name of required) {
    if (index.has(name)) continue;
    const hint = suggest(name, new Set(names));
    const tail = hint === undefined ? '' : ` (found ${hint}: headers are case-sensitive and must match exactly)`;
    ctx.sink.fatal(ctx.file, ctx.line, 'MISSING_REQUIRED_HEADER', `${name} not found in ${ctx.file}${tail}`, name);
  }
}

function reportEmpty(names: readonly string[], ctx: HeaderContext): void {
  const empty = names.flatMap((n, i) => (n === '' ? [i + 1] : []));
  if (empty.length === 0) return;
  warn(
    ctx,
    'EMPTY_HEADER',
    '',
    `${ctx.file} has ${empty.length} column(s) without a name (position ${empty.join(', ')}): ignored`,
  );
}

/** OneRoster defines the column order. Columns are read by name, so a different order is only a warning. */
function checkOrder(index: Map<string, number>, spec: FileSpec, ctx: HeaderContext): void {
  let last = -1;
  for (const c of spec.columns) {
    const at = index.get(c.name);
    if (at === undefined) continue;
    if (at < last) {
      const order = spec.columns.map((s) => s.name).join(',');
      warn(ctx, 'HEADER_ORDER', c.name, `${ctx.file} columns are not in the OneRoster order (${order}); read by name`);
      return;
    }
    last = at;
  }
}

function warn(
  ctx: HeaderContext,
  code: 'UNKNOWN_HEADER' | 'EMPTY_HEADER' | 'HEADER_ORDER',
  field: string,
  msg: string,
) {
  ctx.sink.add(ctx.file, ctx.line, '', 'warning', code, field, field, msg);
}

/** A known name that differs only in case or by a typo or two (e.g. `dataLastModified`, `prefferedGivenName`). */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    if (c === '' || c === name) continue;
    if (c.toLowerCase() === lower) return c;
    const d = distance(lower, c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot go below `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length], limit);
}
