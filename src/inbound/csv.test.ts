import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CsvFatal, countLineBreaks, readCsv } from './csv.js';

type Event =
  | [number, string[]]
  | [number, string[], number]
  | ['malformed', number, string]
  | ['malformed', number, string, string, readonly string[]]
  | ['fatal', string, number]
  | ['fatal', string, number, string];

/** Feeds the chunks as separate buffers so chunk boundaries are exercised too. */
async function parse(chunks: (string | Buffer)[], fastPath?: boolean, maxRecordBytes = 1000): Promise<Event[]> {
  const out: Event[] = [];
  const buffers = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
  try {
    await readCsv(
      Readable.from(buffers),
      {
        record: (fields, line, span) => void out.push(fastPath === undefined ? [line, fields] : [line, fields, span]),
        malformed: (line, code, message, partial) =>
          void out.push(
            fastPath === undefined ? ['malformed', line, code] : ['malformed', line, code, message, partial],
          ),
      },
      { maxRecordBytes, fastPath },
    );
  } catch (err) {
    if (!(err instanceof CsvFatal)) throw err;
    out.push(fastPath === undefined ? ['fatal', err.code, err.line] : ['fatal', err.code, err.line, err.message]);
  }
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('csv engine', () => {
  it('gives the physical first line of each record across CRLF, quoted line breaks and blank lines', async () => {
    const input = 'a,b\r\n1,2\r\n"x\r\ny",3\r\n\r\n4,5\r\n6,"7\n\n8"\r\n9,10';
    const expected = [
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['x\r\ny', '3']],
      [5, ['']],
      [6, ['4', '5']],
      [7, ['6', '7\n\n8']],
      [10, ['9', '10']],
    ];
    assert.deepEqual(await parse([input]), expected);
    // Same input cut inside CRLFs and quoted fields.
    assert.deepEqual(await parse(['a,b\r', '\n1,2\r\n"x\r', '\ny",3\r\n\r\n4,5\r\n6,"7\n', '\n8"\r\n9,10']), expected);
  });

  it('skips a bad-quote row with its csv-parse code and keeps the rows around it', async () => {
    assert.deepEqual(await parse(['a,b\n1,2\n3,b"ad\n5,6\n']), [
      [1, ['a', 'b']],
      [2, ['1', '2']],
      ['malformed', 3, 'INVALID_OPENING_QUOTE'],
      [4, ['5', '6']],
    ]);
    assert.deepEqual(await parse(['a,b\n1,"The "Rock" J"\n5,6\n']), [
      [1, ['a', 'b']],
      ['malformed', 2, 'CSV_INVALID_CLOSING_QUOTE'],
      [3, ['5', '6']],
    ]);
  });

  it('keeps line numbers exact after a quoted CRLF followed by a malformed row', async () => {
    assert.deepEqual(await parse(['a,b\r\n"x\r\ny",1\r\n2,b"ad\r\n3,4\r\n']), [
      [1, ['a', 'b']],
      [2, ['x\r\ny', '1']],
      ['malformed', 4, 'INVALID_OPENING_QUOTE'],
      [5, ['3', '4']],
    ]);
  });

  it('stops with MALFORMED_FILE when an unbalanced quote swallows following lines', async () => {
    const events = await parse(['a,b\n1,2\n3,"unclosed\n5,6\n7,8\n']);
    assert.deepEqual(events.at(-1), ['fatal', 'MALFORMED_FILE', 3]);
  });

  it('reports an unclosed quote on the last line as one malformed row', async () => {
    assert.deepEqual((await parse(['a,b\n1,2\n3,"x\n'])).at(-1), ['malformed', 3, 'CSV_QUOTE_NOT_CLOSED']);
  });

  it('rejects bytes that are not UTF-8 at the line that holds them', async () => {
    const latin1 = Buffer.from('a,b\n1,2\n3,Jos\xe9\n', 'latin1');
    assert.deepEqual((await parse([latin1])).at(-1), ['fatal', 'INVALID_ENCODING', 3]);
    assert.deepEqual(await parse([Buffer.from([0xff, 0xfe, 0x61, 0x00])]), [['fatal', 'INVALID_ENCODING', 1]]);
  });

  it('accepts a UTF-8 multi-byte character split across chunks and skips the BOM', async () => {
    const bytes = Buffer.from('\ufeffa,b\n1,Zoë\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    assert.deepEqual(await parse([bytes.subarray(0, cut), bytes.subarray(cut)]), [
      [1, ['a', 'b']],
      [2, ['1', 'Zoë']],
    ]);
  });

  it('abandons a record that outgrows maxRecordBytes', async () => {
    const events = await parse(['a,b\n1,"', 'x'.repeat(1500), 'y'.repeat(10)]);
    assert.deepEqual(events.at(-1), ['fatal', 'RECORD_TOO_LARGE', 2]);
  });

  it('turns a failing stream into READ_ERROR at the first line not yet handed over', async () => {
    const out: number[] = [];
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('a,b\n1,2\n');
        throw new Error('EIO: i/o error');
      })(),
    );
    const err = await readCsv(
      failing,
      { record: (_f, line) => void out.push(line), malformed: () => {} },
      {
        maxRecordBytes: 1000,
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof CsvFatal, String(err));
    assert.equal(err.code, 'READ_ERROR');
    assert.equal(err.line, 2);
    assert.match(err.message, /EIO: i\/o error/);
    assert.deepEqual(out, [1]);
  });

  it('the fast path for lines without quotes gives exactly what csv-parse gives, cut anywhere', async () => {
    const next = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    // Mostly plain rows, sometimes a quote, a stray CR or LF, a BOM, blank lines, invalid bytes, a runaway quote.
    const plain = ['a', 'bc', '1', 'Zoë', ' x ', '', 'ééé', 'longer-value-of-some-length'];
    const odd = ['"q"', '"a\r\nb"', 'b"ad', '\r', '\n', '"open', '""', '"x"y'];
    for (let round = 0; round < 600; round++) {
      const crlf = next() < 0.5;
      const eol = crlf ? '\r\n' : '\n';
      const oddness = round % 3 === 0 ? 0 : round % 3 === 1 ? 0.01 : 0.1;
      const lines: string[] = [];
      const rows = 1 + Math.floor(next() * 40);
      for (let i = 0; i < rows; i++) {
        const width = next() < 0.1 ? 0 : 1 + Math.floor(next() * 4);
        const cells: string[] = [];
        for (let c = 0; c < width; c++) cells.push(next() < oddness ? pick(odd) : pick(plain));
        lines.push(cells.join(','));
      }
      let text = (next() < 0.1 ? '\ufeff' : '') + lines.join(next() < 0.05 ? pick(['\r', '\n', '\r\n']) : eol);
      if (next() < 0.7) text += eol;
      let bytes = Buffer.from(text, 'utf8');
      if (next() < 0.05) bytes = Buffer.concat([bytes, Buffer.from([0xe9, 0x0a]), bytes]);
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length;) {
        const n = next() < 0.3 ? 1 + Math.floor(next() * 3) : 1 + Math.floor(next() * 60);
        chunks.push(bytes.subarray(at, at + n));
        at += n;
      }
      const max = next() < 0.1 ? 20 : 1000;
      const slow = await parse(chunks, false, max);
      assert.deepEqual(await parse(chunks, true, max), slow, JSON.stringify(text));
      assert.deepEqual(await parse([bytes], true, max), await parse([bytes], false, max), JSON.stringify(text));
    }
  });

  it('measures a runaway line as csv-parse does on the fast path too', async () => {
    for (const text of [
      'a,b\n1,' + 'x,'.repeat(30) + 'y',
      'a,b\n1,"' + 'x,'.repeat(30) + 'y',
      'a,b\n1,' + 'x\r'.repeat(30),
      'a,b\n' + 'x'.repeat(50) + ',1\n2,3\n',
    ]) {
      for (const size of [1, 7, 40, 1000]) {
        const chunks: string[] = [];
        for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
        assert.deepEqual(await parse(chunks, true, 20), await parse(chunks, false, 20), `${text} / ${size}`);
      }
    }
  });

  it('counts CRLF, LF and lone CR as one line break each', () => {
    assert.equal(countLineBreaks(['a\r\nb\nc\rd', 'e']), 3);
  });
});
