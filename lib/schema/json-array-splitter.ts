// Cuts a top-level JSON array into the text of its elements, chunk by chunk, so a 500 MB file never
// has to be held or JSON.parse'd whole. It tracks strings, escapes and bracket depth only; each
// element's text is parsed (and judged) later, so a malformed element costs one row, not the file.

import { UnreadableFileError } from './read-errors';
import {
  clip40,
  clipRaw,
  MAX_RECORD_CHARS,
  RAW_KEEP_CHARS,
  tooLong,
  type SplitRecord,
} from './record-splitter';

const NL = 10;
const QUOTE = 34;
const COMMA = 44;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

type Phase = 'before' | 'between' | 'element' | 'after' | 'done';

export class JsonArraySplitter {
  private buf = '';
  private pos = 0;
  /** Line number at buf[pos]. */
  private line = 1;
  private phase: Phase = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elStart = 0;
  private elLine = 0;
  /** Set once the current element passes MAX_RECORD_CHARS: only its head is kept. */
  private runaway: { head: string; chars: number } | undefined;

  constructor(private readonly file: string) {}

  push(chunk: string, out: SplitRecord[]): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.scan(out);
    this.compact();
  }

  end(out: SplitRecord[]): void {
    this.scan(out);
    switch (this.phase) {
      case 'before':
        throw new UnreadableFileError(this.file, 'the file is empty; expected a JSON array of transactions');
      case 'element':
        out.push({
          line: this.elLine,
          text: this.runaway ? `${this.runaway.head}…` : clipRaw(this.buf.slice(this.elStart)),
          error: 'truncated file: it ends inside this element, before the array is closed with ]',
        });
        break;
      case 'between':
        out.push({
          line: this.line,
          text: '',
          error: 'truncated file: it ends before the array is closed with ]',
        });
        break;
    }
    this.phase = 'done';
    this.buf = '';
    this.pos = 0;
  }

  private scan(out: SplitRecord[]): void {
    const buf = this.buf;
    const n = buf.length;
    let i = this.pos;
    let line = this.line;
    for (; i < n && this.phase !== 'done'; i++) {
      const c = buf.charCodeAt(i);
      if (this.phase === 'element') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) this.inString = false;
        } else if (c === QUOTE) {
          this.inString = true;
        } else if (c === LBRACE || c === LBRACKET) {
          this.depth++;
        } else if (c === RBRACE || c === RBRACKET) {
          // A `}` with nothing open stays in the element (which will then fail to parse); a `]` closes the array.
          if (this.depth > 0) this.depth--;
          else if (c === RBRACKET) this.emit(out, i, 'after');
        } else if (c === COMMA && this.depth === 0) {
          this.emit(out, i, 'between');
        }
      } else if (!isSpace(c)) {
        if (this.phase === 'between') {
          // Stray and trailing commas are tolerated: they hold no transaction.
          if (c === RBRACKET) this.phase = 'after';
          else if (c !== COMMA) {
            this.phase = 'element';
            this.elStart = i;
            this.elLine = line;
            this.depth = 0;
            this.inString = false;
            this.escaped = false;
            i--; // scan this first character as part of the element
            continue;
          }
        } else if (this.phase === 'before') {
          if (c !== LBRACKET) {
            throw new UnreadableFileError(
              this.file,
              `expected a JSON array of transactions, but the file starts with "${clip40(buf.slice(i, i + 41))}"`,
            );
          }
          this.phase = 'between';
        } else {
          out.push({
            line,
            text: clipRaw(buf.slice(i)),
            error: 'unexpected text after the closing ] of the array',
          });
          this.phase = 'done';
        }
      }
      if (c === NL) line++;
    }
    this.pos = i;
    this.line = line;
  }

  private emit(out: SplitRecord[], end: number, next: Phase): void {
    if (this.runaway) {
      const chars = this.runaway.chars + end;
      out.push({ line: this.elLine, text: `${this.runaway.head}…`, error: tooLong(chars) });
      this.runaway = undefined;
    } else {
      const text = this.buf.slice(this.elStart, end).trimEnd();
      if (text.length > MAX_RECORD_CHARS)
        out.push({ line: this.elLine, text: clipRaw(text), error: tooLong(text.length) });
      else out.push({ line: this.elLine, text });
    }
    this.phase = next;
  }

  /** Drops scanned text, keeping the unfinished element unless it has run past the size cap. */
  private compact(): void {
    if (this.phase !== 'element') {
      this.buf = this.pos >= this.buf.length ? '' : this.buf.slice(this.pos);
      this.pos = 0;
      return;
    }
    if (this.runaway) {
      this.runaway.chars += this.pos;
    } else if (this.pos - this.elStart > MAX_RECORD_CHARS) {
      this.runaway = {
        head: this.buf.slice(this.elStart, this.elStart + RAW_KEEP_CHARS),
        chars: this.pos - this.elStart,
      };
    } else {
      this.buf = this.buf.slice(this.elStart);
      this.pos -= this.elStart;
      this.elStart = 0;
      return;
    }
    this.buf = '';
    this.pos = 0;
    this.elStart = 0;
  }
}
