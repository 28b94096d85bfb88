import { isUtf8 } from 'node:buffer';

/**
 * Checks a byte stream chunk by chunk with the native validator. A multi-byte sequence split across two
 * chunks is carried over, so only genuinely invalid bytes (e.g. a Latin-1 export) fail.
 */
export class Utf8Checker {
  private carry: Buffer | null = null;

  /** False once the stream is known not to be UTF-8. */
  push(chunk: Buffer): boolean {
    const buf = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    const cut = incompleteTail(buf);
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    return isUtf8(cut === buf.length ? buf : buf.subarray(0, cut));
  }

  /** False when the stream ended inside a multi-byte sequence. */
  end(): boolean {
    return this.carry === null;
  }
}

/** Offset where a trailing, still incomplete UTF-8 sequence starts (buf.length if none). */
function incompleteTail(buf: Buffer): number {
  const len = buf.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b < 0xc0) return len; // ASCII: nothing pending
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return len - i < need ? i : len;
  }
  return len;
}

/** UTF-16 byte-order marks: such files are not UTF-8 and are rejected outright. */
export function hasUtf16Bom(chunk: Buffer): boolean {
  return chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
}
