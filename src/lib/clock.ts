/**
 * Graph timestamps: ISO 8601 UTC with 7 fractional digits, like `2024-03-23T00:24:32.3286035Z`.
 * JavaScript clocks give milliseconds, so the last four digits count calls within one millisecond;
 * that keeps every timestamp this process hands out strictly increasing (PATCH must move lastModifiedDateTime forward).
 */
let lastMs = 0;
let tick = 0;

export function graphNow(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    tick += 1;
    if (tick > 9999) {
      lastMs += 1;
      tick = 0;
    }
  } else {
    lastMs = nowMs;
    tick = 0;
  }
  const iso = new Date(lastMs).toISOString(); // 2024-03-23T00:24:32.328Z
  return `${iso.slice(0, 23)}${String(tick).padStart(4, '0')}Z`;
}

/** Normalises any ISO 8601 date-time with an offset to UTC with 7 fractional digits; null if it is not one. */
export function toGraphDateTime(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const fraction = /\.(\d+)/.exec(value)?.[1] ?? '';
  const digits = (fraction + '0000000').slice(0, 7);
  return `${new Date(ms).toISOString().slice(0, 19)}.${digits}Z`;
}
