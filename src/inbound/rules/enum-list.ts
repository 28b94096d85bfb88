/**
 * A case-insensitive code list that answers with the canonical (camelCase) spelling
 * (spec provisioning-behaviour §5.1: enums match case-insensitively and are stored in camelCase).
 */
export class EnumList {
  private readonly exact = new Map<string, string>();
  private readonly folded = new Map<string, string>();

  constructor(
    readonly name: string,
    codes: readonly string[],
    /** Extra spellings accepted for a canonical code, e.g. OneRoster `unspecified` → `notSelected`. */
    aliases: Readonly<Record<string, string>> = {},
  ) {
    for (const code of codes) this.add(code, code);
    for (const [alias, code] of Object.entries(aliases)) this.add(alias, code);
  }

  /** Canonical code, or undefined when the value is not in the list. */
  match(value: string): string | undefined {
    // Most files already use the canonical spelling: skip toLowerCase() for them.
    return this.exact.get(value) ?? this.folded.get(value.toLowerCase());
  }

  /** A copy with more codes, e.g. custom reference definitions of a tenant. */
  extend(codes: readonly string[] | undefined): EnumList {
    if (codes === undefined || codes.length === 0) return this;
    const copy = new EnumList(this.name, []);
    for (const [k, v] of this.exact) copy.add(k, v);
    for (const code of codes) copy.add(code, code);
    return copy;
  }

  get size(): number {
    return this.exact.size;
  }

  private add(spelling: string, code: string): void {
    this.exact.set(spelling, code);
    this.folded.set(spelling.toLowerCase(), code);
  }
}
