import type { ValueClass } from './type-rules.js';

/**
 * A value normalized for comparison within one class: lower-cased text, a finite number, a boolean, or epoch
 * milliseconds for a DateTimeOffset. `null` stands for null, missing and unusable values alike.
 *
 * Text is lower-cased with `String.prototype.toLowerCase()`: every text comparison of this module
 * (eq/ne/gt/ge/lt/le/in, startswith/endswith/contains and $orderby) is case-insensitive, for string, enum and guid
 * properties alike. Directory properties in Graph compare case-insensitively, enum members are matched
 * case-insensitively by the OData parser, and GUIDs are case-insensitive by nature.
 */
export type Comparable = string | number | boolean;

export function normalize(value: unknown, cls: ValueClass): Comparable | null {
  if (value === null || value === undefined) return null;
  switch (cls) {
    case 'text':
      if (typeof value === 'string') return value.toLowerCase();
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
        return String(value).toLowerCase();
      }
      return null;
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'dateTimeOffset': {
      const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(ms) ? null : ms;
    }
    case 'null':
      return null;
  }
}

/** Orders two non-null values of the same class (false < true; text by UTF-16 code units). */
export function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
