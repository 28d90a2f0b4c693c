// Remembers every transaction_id of a file with the line where it was first accepted, so later rows
// with the same id can be rejected as duplicates. A Map<string, number> of a million ids cost ~2 µs a
// row here, mostly garbage collection; this open-addressing table keeps the ids as UTF-16 code units in
// typed arrays, so it holds no JS object per id (about 2 bytes per character + 28 bytes per id).

const EMPTY = 0;

/** FNV-1a over UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

function grown<T extends Int32Array | Float64Array | Uint16Array>(
  array: T,
  minLength: number,
  make: (n: number) => T,
): T {
  if (array.length >= minLength) return array;
  let n = array.length * 2;
  while (n < minLength) n *= 2;
  const bigger = make(n);
  bigger.set(array);
  return bigger;
}

export class IdIndex {
  /** Open-addressing table of entry number + 1 (0 = empty); its size is a power of two. */
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 10);
  private lines = new Float64Array(1 << 10);
  /** Entry e's characters are chars[ends[e - 1] .. ends[e]). */
  private ends = new Float64Array(1 << 10);
  private chars = new Uint16Array(1 << 14);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The line `id` was first added on, or undefined. */
  get(id: string): number | undefined {
    const entry = this.find(id, hashOf(id));
    return entry < 0 ? undefined : this.lines[entry];
  }

  /** Adds `id` unless present; returns the line it was first added on when it was already there. */
  addOrGet(id: string, line: number): number | undefined {
    const hash = hashOf(id);
    const entry = this.find(id, hash);
    if (entry >= 0) return this.lines[entry];
    this.insert(id, hash, line);
    return undefined;
  }

  /** Entry number holding `id`, or -1. */
  private find(id: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === EMPTY) return -1;
      const entry = slot - 1;
      if (this.hashes[entry] === hash && this.equals(entry, id)) return entry;
    }
  }

  private equals(entry: number, id: string): boolean {
    const start = entry === 0 ? 0 : this.ends[entry - 1]!;
    if (this.ends[entry]! - start !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (this.chars[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private insert(id: string, hash: number, line: number): void {
    const entry = this.count++;
    const start = entry === 0 ? 0 : this.ends[entry - 1]!;
    if (entry === this.hashes.length) {
      this.hashes = grown(this.hashes, entry + 1, (n) => new Int32Array(n));
      this.lines = grown(this.lines, entry + 1, (n) => new Float64Array(n));
      this.ends = grown(this.ends, entry + 1, (n) => new Float64Array(n));
    }
    if (start + id.length > this.chars.length)
      this.chars = grown(this.chars, start + id.length, (n) => new Uint16Array(n));
    for (let i = 0; i < id.length; i++) this.chars[start + i] = id.charCodeAt(i);
    this.hashes[entry] = hash;
    this.lines[entry] = line;
    this.ends[entry] = start + id.length;
    // Keep the table at most half full so probe runs stay short.
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(entry);
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let s = this.hashes[entry]! & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) this.place(e);
  }
}
