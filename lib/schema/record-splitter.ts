// Cuts decoded text into records with their line numbers: one record per line, or for CSV one per
// line outside double-quoted fields, so a quoted field may hold newlines. It knows nothing of fields
// or schemas. It caps a record's size, so a runaway record (a stray quote, a 12 MB line) costs bounded
// memory and comes out as one explained error instead of exhausting the heap.

/** Longest record kept whole, in UTF-16 code units (1 MiB for ASCII text). */
export const MAX_RECORD_CHARS = 1 << 20;
/** Longest raw text kept in a rejection. */
export const RAW_KEEP_CHARS = 1000;

/** A record's text (without its line terminator), or an error with the record's clipped start. */
export interface SplitRecord {
  line: number;
  text: string;
  error?: string;
}

export function clipRaw(text: string): string {
  return text.length > RAW_KEEP_CHARS ? `${text.slice(0, RAW_KEEP_CHARS)}…` : text;
}

/** Clips a value quoted in a reason the way transaction.ts does, so quotes from both read alike. */
export const clip40 = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

export const tooLong = (chars: number): string =>
  `record is ${chars.toLocaleString('en-US')} characters long, above the ${MAX_RECORD_CHARS.toLocaleString('en-US')}-character limit`;

const UNTERMINATED =
  'unterminated quote: a quoted field opened in this record is never closed before the end of the file';

const NL = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** Where a scan of one CSV record stands; resumable so a runaway record can be scanned chunk by chunk. */
interface QuoteScan {
  pos: number;
  inQuotes: boolean;
  fieldStart: boolean;
  newlines: number;
}

const freshScan = (pos: number): QuoteScan => ({ pos, inQuotes: false, fieldStart: true, newlines: 0 });

/**
 * Advances `st` through `buf` and returns true when it stops on the record's terminating newline.
 * A quote opens a quoted field only at the start of a field (elsewhere it is a literal character),
 * and `""` inside a quoted field is an escaped quote: the same rules parseCsvFields applies.
 */
function scanCsvRecord(buf: string, st: QuoteScan, eof: boolean): boolean {
  const n = buf.length;
  let i = st.pos;
  while (i < n) {
    const c = buf.charCodeAt(i);
    if (st.inQuotes) {
      if (c === QUOTE) {
        // A quote as the last char may be the first half of `""`: wait for the next chunk to tell.
        if (i + 1 === n && !eof) break;
        if (buf.charCodeAt(i + 1) === QUOTE) {
          i += 2;
          continue;
        }
        st.inQuotes = false;
      } else if (c === NL) {
        st.newlines++;
      }
    } else if (c === NL) {
      st.pos = i;
      return true;
    } else if (c === COMMA) {
      st.fieldStart = true;
    } else {
      if (c === QUOTE && st.fieldStart) st.inQuotes = true;
      st.fieldStart = false;
    }
    i++;
  }
  st.pos = i;
  return false;
}

function isBlank(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0);
}

/** A record past MAX_RECORD_CHARS: only its head is kept while the scan looks for its end. */
interface Runaway {
  line: number;
  head: string;
  chars: number;
  scan: QuoteScan | undefined;
}

export class RecordSplitter {
  private buf = '';
  /** Line number of buf[0]. */
  private line = 1;
  private runaway: Runaway | undefined;

  /** @param csvQuotes whether double-quoted fields may span lines (CSV) or every newline ends a record (NDJSON). */
  constructor(private readonly csvQuotes: boolean) {}

  push(chunk: string, out: SplitRecord[]): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.drain(out, false);
  }

  /** Flushes the final record (a last line without newline is a record like any other). */
  end(out: SplitRecord[]): void {
    this.drain(out, true);
    this.buf = '';
  }

  private drain(out: SplitRecord[], eof: boolean): void {
    const buf = this.buf;
    let start = 0;
    let line = this.line;
    if (this.runaway !== undefined) {
      const next = this.finishRunaway(this.runaway, out, eof);
      if (next === -1) return;
      start = next;
      line = this.line;
    }
    while (start < buf.length) {
      const nl = buf.indexOf('\n', start);
      if (nl === -1 && !eof) break;
      let end = nl === -1 ? buf.length : nl;
      let text = buf.slice(start, end);
      let newlines = 0;
      if (this.csvQuotes && text.includes('"')) {
        const st = freshScan(start);
        const done = scanCsvRecord(buf, st, eof);
        if (!done && !eof) break;
        if (!done && st.inQuotes) {
          out.push({ line, text: clipRaw(buf.slice(start)), error: UNTERMINATED });
          start = buf.length;
          line += st.newlines;
          break;
        }
        end = st.pos;
        newlines = st.newlines;
        text = buf.slice(start, end);
      }
      if (text.charCodeAt(text.length - 1) === CR) text = text.slice(0, -1);
      if (text.length > MAX_RECORD_CHARS)
        out.push({ line, text: clipRaw(text), error: tooLong(text.length) });
      else if (!isBlank(text)) out.push({ line, text });
      line += 1 + newlines;
      start = end + 1;
    }
    this.line = line;
    if (!eof && buf.length - start > MAX_RECORD_CHARS) this.startRunaway(buf, start);
    else this.buf = start >= buf.length ? '' : buf.slice(start);
  }

  /** Keeps only the head of the record that starts at `start` and drops the rest of the buffer. */
  private startRunaway(buf: string, start: number): void {
    let scan: QuoteScan | undefined;
    let keepFrom = buf.length;
    if (this.csvQuotes) {
      scan = freshScan(start);
      scanCsvRecord(buf, scan, false);
      keepFrom = scan.pos;
    }
    this.runaway = {
      line: this.line,
      head: buf.slice(start, start + RAW_KEEP_CHARS),
      chars: keepFrom - start,
      scan,
    };
    this.buf = buf.slice(keepFrom);
    if (scan) scan.pos = 0;
  }

  /** Returns where the next record starts in this.buf, or -1 when the runaway record goes on. */
  private finishRunaway(r: Runaway, out: SplitRecord[], eof: boolean): number {
    const buf = this.buf;
    let end: number;
    if (r.scan) {
      r.scan.pos = 0;
      end = scanCsvRecord(buf, r.scan, eof) ? r.scan.pos : -1;
      if (end === -1 && !eof) {
        r.chars += r.scan.pos;
        this.buf = buf.slice(r.scan.pos);
        return -1;
      }
    } else {
      end = buf.indexOf('\n');
      if (end === -1 && !eof) {
        r.chars += buf.length;
        this.buf = '';
        return -1;
      }
    }
    const unterminated = end === -1 && r.scan?.inQuotes === true;
    r.chars += end === -1 ? buf.length : end;
    out.push({ line: r.line, text: `${r.head}…`, error: unterminated ? UNTERMINATED : tooLong(r.chars) });
    this.line = r.line + 1 + (r.scan?.newlines ?? 0);
    this.runaway = undefined;
    return end === -1 ? buf.length : end + 1;
  }
}
