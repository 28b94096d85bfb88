/**
 * Data-type rules (spec provisioning-behaviour §5.1). Each function returns the stored form of a valid value
 * or `undefined`. Hand-written character loops instead of regular expressions: they run per row.
 */
import type { EnumList } from './enum-list.js';

/** RFC 5322 `atext` (letters, digits and !#$%&'*+-/=?^_`{|}~) as a lookup table. */
const ATEXT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ATEXT[c] = 1;
for (let c = 65; c <= 90; c++) ATEXT[c] = 1;
for (let c = 97; c <= 122; c++) ATEXT[c] = 1;
for (const ch of "!#$%&'*+-/=?^_`{|}~") ATEXT[ch.charCodeAt(0)] = 1;

/**
 * RFC 5322 §3.4.1 addr-spec restricted to dot-atom on both sides (no quoted local parts, no domain literals),
 * with a dotted domain and the usual 64/254 length limits. Stored lowercased.
 */
export function normalizeEmail(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64 || value.length > 254) return undefined;
  if (!isDotAtom(value, 0, at) || !isDotAtom(value, at + 1, value.length)) return undefined;
  if (value.indexOf('.', at + 1) < 0) return undefined;
  return value.toLowerCase();
}

function isDotAtom(s: string, from: number, to: number): boolean {
  if (from >= to || s.charCodeAt(from) === 46 || s.charCodeAt(to - 1) === 46) return false;
  let prevDot = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (prevDot) return false;
      prevDot = true;
    } else if (c < 128 && ATEXT[c] === 1) {
      prevDot = false;
    } else {
      return false;
    }
  }
  return true;
}

/** E.164: `+`, a non-zero digit, at most 15 digits in all. Stored as received. */
export function normalizePhone(value: string): string | undefined {
  const n = value.length;
  if (n < 3 || n > 16 || value.charCodeAt(0) !== 43) return undefined;
  const first = value.charCodeAt(1);
  if (first < 49 || first > 57) return undefined;
  for (let i = 2; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return value;
}

/** `true` / `false` in any case (SDS: "must be true or false"; `TRUE` in Microsoft's sample). */
export function parseBoolean(value: string): boolean | undefined {
  if (value.length === 4 && value.toLowerCase() === 'true') return true;
  if (value.length === 5 && value.toLowerCase() === 'false') return false;
  return undefined;
}

/**
 * ISO 8601 calendar date `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` or `±HH[:MM]`.
 * Validates the calendar (no 2023-02-30). Stored as received.
 */
export function normalizeDate(value: string): string | undefined {
  if (value.length < 10 || !isDigits(value, 0, 4) || value[4] !== '-' || value[7] !== '-') return undefined;
  if (!isDigits(value, 5, 7) || !isDigits(value, 8, 10)) return undefined;
  const year = num(value, 0, 4);
  const month = num(value, 5, 7);
  const day = num(value, 8, 10);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (value.length === 10) return value;
  return value[10] === 'T' && isTime(value, 11) ? value : undefined;
}

function isTime(s: string, i: number): boolean {
  if (!isDigits(s, i, i + 2) || s[i + 2] !== ':' || !isDigits(s, i + 3, i + 5)) return false;
  if (num(s, i, i + 2) > 23 || num(s, i + 3, i + 5) > 59) return false;
  let p = i + 5;
  if (s[p] === ':') {
    if (!isDigits(s, p + 1, p + 3) || num(s, p + 1, p + 3) > 60) return false;
    p += 3;
    if (s[p] === '.' || s[p] === ',') {
      const start = ++p;
      while (p < s.length && isDigits(s, p, p + 1)) p++;
      if (p === start) return false;
    }
  }
  return isZone(s, p);
}

function isZone(s: string, p: number): boolean {
  if (p === s.length) return true;
  if (s[p] === 'Z') return p + 1 === s.length;
  if (s[p] !== '+' && s[p] !== '-') return false;
  const rest = s.length - p - 1;
  if (rest === 2) return isDigits(s, p + 1, p + 3);
  if (rest === 4) return isDigits(s, p + 1, p + 5);
  return rest === 5 && isDigits(s, p + 1, p + 3) && s[p + 3] === ':' && isDigits(s, p + 4, p + 6);
}

/** A four-digit year (`schoolYear`). */
export function normalizeYear(value: string): string | undefined {
  return value.length === 4 && isDigits(value, 0, 4) ? value : undefined;
}

/** Grade levels: case-insensitive, `1`..`9` zero-padded to `01`..`09`. */
export function normalizeGrade(value: string, grades: EnumList): string | undefined {
  if (value.length === 1) {
    const c = value.charCodeAt(0);
    if (c >= 48 && c <= 57) return grades.match(`0${value}`);
  }
  return grades.match(value);
}

function isDigits(s: string, from: number, to: number): boolean {
  if (to > s.length) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Comma-separated list (`"a,b"`), trimmed, empty items dropped. */
export function splitList(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item !== '') out.push(item);
  }
  return out;
}
