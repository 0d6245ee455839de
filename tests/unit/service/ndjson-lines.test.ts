import { describe, expect, it } from 'vitest';
import { readNdjsonLines, type NdjsonLine } from '../../../src/service/ndjson-lines.js';

async function collect(chunks: (string | Buffer)[], maxLineBytes = 64): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of readNdjsonLines(chunks, { maxLineBytes })) lines.push(line);
  return lines;
}

describe('readNdjsonLines', () => {
  it('joins lines split across chunks, tolerates CRLF, skips blank lines but keeps their numbers', async () => {
    expect(await collect(['{"a":', '1}\r\n\r\n  \n{"b"', ':2}\n{"c":3}'])).toEqual([
      { lineNumber: 1, text: '{"a":1}' },
      { lineNumber: 4, text: '{"b":2}' },
      { lineNumber: 5, text: '{"c":3}' },
    ]);
  });

  it('decodes a multi-byte character split between chunks, and drops a leading byte-order mark', async () => {
    const bytes = Buffer.from('\ufeff{"name":"Ærø"}\n', 'utf8');
    const split = bytes.indexOf(0xc3) + 1;
    expect(await collect([bytes.subarray(0, split), bytes.subarray(split)])).toEqual([{ lineNumber: 1, text: '{"name":"Ærø"}' }]);
  });

  it('reports invalid UTF-8 and over-long lines by number, and goes on reading', async () => {
    const long = `{"x":"${'y'.repeat(100)}"}`;
    const lines = await collect([
      Buffer.from([0x7b, 0xc3, 0x28, 0x7d, 0x0a]),
      long.slice(0, 30),
      `${long.slice(30)}\n`,
      '{"ok":1}\n',
      long,
    ]);
    expect(lines).toEqual([
      { lineNumber: 1, error: 'line is not valid UTF-8: save the extract as UTF-8' },
      { lineNumber: 2, error: 'line is longer than 64 bytes: put one record on each line, or raise VCOP_MAX_LINE_BYTES' },
      { lineNumber: 3, text: '{"ok":1}' },
      { lineNumber: 4, error: 'line is longer than 64 bytes: put one record on each line, or raise VCOP_MAX_LINE_BYTES' },
    ]);
  });

  it('accepts a line of exactly the limit, with or without CR', async () => {
    const exact = `{"x":"${'y'.repeat(56)}"}`;
    expect(exact.length).toBe(64);
    expect(await collect([`${exact}\r\n${exact}`])).toEqual([
      { lineNumber: 1, text: exact },
      { lineNumber: 2, text: exact },
    ]);
  });

  it('holds only the current line, not the whole input', async () => {
    // 200,000 lines through a generator: if the reader buffered the input, the heap would grow by tens of MB.
    async function* many(): AsyncGenerator<string> {
      for (let i = 0; i < 2000; i++) yield `${'{"n":1}\n'.repeat(100)}`;
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    for await (const line of readNdjsonLines(many(), { maxLineBytes: 64 })) if ('text' in line) count += 1;
    expect(count).toBe(200_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });
});
