import { filterError, syntaxError } from './errors.js';

/** Tokens of a `$filter` expression. `pos` is the 0-based offset of the token's first character. */
export type Token =
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; integer: boolean; pos: number }
  | { type: 'guid'; value: string; pos: number }
  | { type: 'dateTimeOffset'; value: string; pos: number }
  | { type: 'identifier'; value: string; pos: number }
  | { type: '(' | ')' | ',' | '/' | ':' | 'eof'; pos: number };

const WHITESPACE = /\s+/y;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/iy;
const DATE_TIME =
  /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2}))?(?![\w:.+-])/y;
/** Start of a date literal: when the full pattern does not match, the literal is malformed. */
const DATE_START = /\d{4}-\d{2}-\d{2}/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?(?![\w.])/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

function match(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Validates every field of a date/time literal and normalizes it to `toISOString()` form (UTC). */
function dateTimeValue(m: RegExpExecArray): string {
  const [raw, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const offsetValid = zone === 'Z' || (Number(zone.slice(1, 3)) <= 23 && Number(zone.slice(4, 6)) <= 59);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetValid;
  const ms = valid ? Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zone}`) : NaN;
  if (Number.isNaN(ms)) {
    throw filterError(
      `The DateTimeOffset text '${raw}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`,
    );
  }
  return new Date(ms).toISOString();
}

/** Reads a single-quoted string starting at `pos` (`''` escapes a quote). Returns the value and the end offset. */
function readString(text: string, pos: number): { value: string; end: number } {
  let value = '';
  let i = pos + 1;
  for (;;) {
    const quote = text.indexOf("'", i);
    if (quote < 0) throw syntaxError(pos, text); // unterminated: point at the opening quote
    value += text.slice(i, quote);
    if (text[quote + 1] === "'") {
      value += "'";
      i = quote + 2;
    } else {
      return { value, end: quote + 1 };
    }
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ws = match(WHITESPACE, text, pos);
    if (ws) {
      pos += ws[0].length;
      continue;
    }
    const ch = text[pos];
    let m: RegExpExecArray | null;
    if (ch === '(' || ch === ')' || ch === ',' || ch === '/' || ch === ':') {
      tokens.push({ type: ch, pos });
      pos += 1;
    } else if (ch === "'") {
      const { value, end } = readString(text, pos);
      tokens.push({ type: 'string', value, pos });
      pos = end;
    } else if ((m = match(GUID, text, pos))) {
      tokens.push({ type: 'guid', value: m[0], pos });
      pos += m[0].length;
    } else if ((m = match(DATE_TIME, text, pos))) {
      tokens.push({ type: 'dateTimeOffset', value: dateTimeValue(m), pos });
      pos += m[0].length;
    } else if (match(DATE_START, text, pos)) {
      throw syntaxError(pos, text);
    } else if ((m = match(NUMBER, text, pos))) {
      const integer = m[1] === undefined && m[2] === undefined;
      const value = Number(m[0]);
      if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) throw syntaxError(pos, text);
      tokens.push({ type: 'number', value, integer, pos });
      pos += m[0].length;
    } else if ((m = match(IDENTIFIER, text, pos))) {
      tokens.push({ type: 'identifier', value: m[0], pos });
      pos += m[0].length;
    } else {
      throw syntaxError(pos, text);
    }
  }
  tokens.push({ type: 'eof', pos: text.length });
  return tokens;
}
