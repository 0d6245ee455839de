/**
 * Splits an NDJSON byte stream into lines without ever holding the whole body: bytes are scanned for
 * newlines chunk by chunk, and only the current line is kept. A line that is too long or not UTF-8
 * becomes a line error (the import goes on reading, so every bad line can be reported).
 */

export type NdjsonLine = { lineNumber: number; text: string } | { lineNumber: number; error: string };

export interface ReadNdjsonOptions {
  /** Longest accepted line in bytes; longer lines are reported, not buffered. */
  maxLineBytes: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = '\ufeff';

export async function* readNdjsonLines(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadNdjsonOptions,
): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let lineNumber = 0;
  /** Pieces of the line being read when it spans chunks. */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overLong = false;

  function finishLine(tail: Buffer): NdjsonLine | null {
    lineNumber += 1;
    if (overLong) {
      overLong = false;
      return {
        lineNumber,
        error: `line is longer than ${options.maxLineBytes} bytes: put one record on each line, or raise VCOP_MAX_LINE_BYTES`,
      };
    }
    let bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length > options.maxLineBytes) {
      return {
        lineNumber,
        error: `line is longer than ${options.maxLineBytes} bytes: put one record on each line, or raise VCOP_MAX_LINE_BYTES`,
      };
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      // TextDecoder's only failure with fatal: true is malformed UTF-8.
      return { lineNumber, error: 'line is not valid UTF-8: save the extract as UTF-8' };
    }
    if (lineNumber === 1 && text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
    if (text.trim() === '') return null;
    return { lineNumber, text };
  }

  function keep(part: Buffer): void {
    if (overLong || part.length === 0) return;
    if (pendingBytes + part.length > options.maxLineBytes + 1) {
      // +1 leaves room for a CR before the newline. Past the limit the rest of the line is dropped unread.
      overLong = true;
      pending = [];
      pendingBytes = 0;
      return;
    }
    // Copy: the source may reuse its chunk buffers.
    pending.push(Buffer.from(part));
    pendingBytes += part.length;
  }

  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(NEWLINE, start); newline !== -1; newline = buffer.indexOf(NEWLINE, start)) {
      const line = finishLine(overLong ? buffer.subarray(0, 0) : buffer.subarray(start, newline));
      if (line) yield line;
      start = newline + 1;
    }
    keep(buffer.subarray(start));
  }
  if (pendingBytes > 0 || overLong) {
    const line = finishLine(Buffer.alloc(0));
    if (line) yield line;
  }
}
