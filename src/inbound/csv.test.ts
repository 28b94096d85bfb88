import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CsvFatal, countLineBreaks, readCsv } from './csv.js';

type Event = [number, string[]] | ['malformed', number, string] | ['fatal', string, number];

/** Feeds the chunks as separate buffers so chunk boundaries are exercised too. */
async function parse(chunks: (string | Buffer)[]): Promise<Event[]> {
  const out: Event[] = [];
  const buffers = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
  try {
    await readCsv(
      Readable.from(buffers),
      {
        record: (fields, line) => void out.push([line, fields]),
        malformed: (line, code) => void out.push(['malformed', line, code]),
      },
      { maxRecordBytes: 1000 },
    );
  } catch (err) {
    if (!(err instanceof CsvFatal)) throw err;
    out.push(['fatal', err.code, err.line]);
  }
  return out;
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

  it('counts CRLF, LF and lone CR as one line break each', () => {
    assert.equal(countLineBreaks(['a\r\nb\nc\rd', 'e']), 3);
  });
});
