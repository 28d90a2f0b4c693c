// A time-ordered list of one card's or terminal's past transactions with prefix sums, so that any
// window count or sum is two binary searches. All columns hold integers (amounts in cents, 0/1
// flags), which keeps every sum exact: the online path, the batch path and a restored snapshot give
// bit-identical answers whatever order the additions and evictions happened in.

export interface TimelineSnapshot {
  /** Column names, in order. */
  columns: readonly string[];
  /** Entries as [timeMs, col0, col1, ...], oldest first. */
  entries: number[][];
}

/**
 * The checkpoint form of a timeline: entry times as differences (the first absolute), and the column
 * values entry after entry. Made straight from the prefix sums, without an array per entry, and
 * smaller in JSON than `entries` (times become small numbers).
 */
export interface PackedTimeline {
  columns: readonly string[];
  dt: number[];
  /** `columns.length` values per entry. */
  values: number[];
}

export class Timeline {
  readonly columns: readonly string[];
  private times: number[] = [];
  /** cums[c][i] = sum of column c over entries [0, i); cums[c][0] = 0. */
  private cums: number[][];

  constructor(columns: readonly string[]) {
    this.columns = columns;
    this.cums = columns.map(() => [0]);
  }

  get size(): number {
    return this.times.length;
  }

  /** Appends an entry; an entry older than the newest is inserted in place (late data, rare). */
  add(time: number, values: readonly number[]): void {
    const n = this.times.length;
    if (n === 0 || this.times[n - 1]! <= time) {
      this.times.push(time);
      for (let c = 0; c < this.cums.length; c++) {
        const cum = this.cums[c]!;
        cum.push(cum[n]! + values[c]!);
      }
      return;
    }
    // Late entry: insert in place and shift the later prefix sums by its values. Integer columns keep
    // this exact, so the result equals a timeline built in time order. O(later entries), not O(all):
    // out-of-order arrivals are common under concurrent scoring requests.
    const at = this.upperBound(time);
    this.times.splice(at, 0, time);
    for (let c = 0; c < this.cums.length; c++) {
      const cum = this.cums[c]!;
      const v = values[c]!;
      cum.splice(at + 1, 0, cum[at]! + v);
      for (let i = at + 2; i < cum.length; i++) cum[i]! += v;
    }
  }

  /**
   * Position of the first entry between two positions (lo inclusive, hi exclusive) whose column value
   * is positive, or -1. A binary search on the prefix sums, which only grow over non-negative columns.
   */
  firstPositive(column: number, lo: number, hi: number): number {
    const cum = this.cums[column]!;
    if (hi <= lo || cum[hi]! <= cum[lo]!) return -1;
    let a = lo;
    let b = hi - 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (cum[mid + 1]! > cum[lo]!) b = mid;
      else a = mid + 1;
    }
    return a;
  }

  /** Time of the entry at a position. */
  timeAt(position: number): number {
    return this.times[position]!;
  }

  /** Time of the entry just before a position, or null. */
  timeBefore(position: number): number | null {
    return position === 0 ? null : this.times[position - 1]!;
  }

  /** Number of entries with from < time <= to. */
  count(from: number, to: number): number {
    return Math.max(0, this.upperBound(to) - this.upperBound(from));
  }

  /** Sum of a column over entries with from < time <= to. */
  sum(column: number, from: number, to: number): number {
    return this.sumBetween(column, this.upperBound(from), this.upperBound(to));
  }

  /**
   * Position of a time boundary: the number of entries with time <= t. Windows that share boundaries
   * (the feature code asks for many) search once and use `sumBetween` on the positions.
   */
  position(t: number): number {
    return this.upperBound(t);
  }

  /** Sum of a column over the entries between two positions (lo inclusive, hi exclusive). */
  sumBetween(column: number, lo: number, hi: number): number {
    if (hi <= lo) return 0;
    const cum = this.cums[column]!;
    return cum[hi]! - cum[lo]!;
  }

  /**
   * Drops entries with time <= before, keeping memory bounded to the longest window. Lazy: it
   * compacts only once enough is stale to pay for the copy; results never depend on it.
   */
  evict(before: number): void {
    const cut = this.upperBound(before);
    if (cut < 64 && cut * 2 < this.times.length) return;
    if (cut === 0) return;
    // The prefix sums restart at 0, summed as `add` would have (bit-identical to a rebuilt timeline),
    // without an array per kept entry.
    const n = this.times.length;
    this.times = this.times.slice(cut);
    this.cums = this.cums.map((cum) => {
      const kept = new Array<number>(n - cut + 1);
      kept[0] = 0;
      for (let i = cut; i < n; i++) kept[i - cut + 1] = kept[i - cut]! + (cum[i + 1]! - cum[i]!);
      return kept;
    });
  }

  snapshot(from = -Infinity): TimelineSnapshot {
    return { columns: this.columns, entries: this.entries(this.upperBound(from)) };
  }

  pack(): PackedTimeline {
    const n = this.times.length;
    const width = this.cums.length;
    const dt = new Array<number>(n);
    const values = new Array<number>(n * width);
    let previous = 0;
    for (let i = 0; i < n; i++) {
      const time = this.times[i]!;
      dt[i] = time - previous;
      previous = time;
      for (let c = 0; c < width; c++) {
        const cum = this.cums[c]!;
        values[i * width + c] = cum[i + 1]! - cum[i]!;
      }
    }
    return { columns: this.columns, dt, values };
  }

  /**
   * Rebuilds a packed timeline, its prefix sums computed as `add` does (so sums are bit-identical).
   * `columns` maps by name as in fromSnapshot. Throws on a malformed one (wrong value count, times out
   * of order, a value that is not a finite number).
   */
  static fromPacked(packed: PackedTimeline, columns: readonly string[] = packed.columns): Timeline {
    const width = packed.columns.length;
    const n = packed.dt.length;
    if (packed.values.length !== n * width)
      throw new Error(`packed timeline has ${packed.values.length} values for ${n} entries of ${width}`);
    const from = columns.map((c) => packed.columns.indexOf(c));
    const t = new Timeline(columns);
    t.times = new Array<number>(n);
    let time = 0;
    for (let i = 0; i < n; i++) {
      const d = packed.dt[i]!;
      if (!Number.isFinite(d) || (i > 0 && d < 0)) throw new Error('packed timeline times are out of order');
      time += d;
      t.times[i] = time;
    }
    t.cums = from.map((j) => {
      const cum = new Array<number>(n + 1);
      cum[0] = 0;
      for (let i = 0; i < n; i++) {
        const v = j < 0 ? 0 : packed.values[i * width + j]!;
        if (!Number.isFinite(v)) throw new Error('packed timeline holds a value that is not a number');
        cum[i + 1] = cum[i]! + v;
      }
      return cum;
    });
    return t;
  }

  /**
   * Rebuilds a timeline. With `columns`, the snapshot is mapped onto them by name: a column the snapshot
   * lacks (one written before the column was added) reads 0, and a column it has but `columns` lacks is
   * dropped.
   */
  static fromSnapshot(snapshot: TimelineSnapshot, columns?: readonly string[]): Timeline {
    if (!columns || sameColumns(columns, snapshot.columns)) {
      const t = new Timeline(snapshot.columns);
      t.load(snapshot.entries);
      return t;
    }
    const from = columns.map((c) => snapshot.columns.indexOf(c));
    const t = new Timeline(columns);
    t.load(
      snapshot.entries.map(([time, ...values]) => [time!, ...from.map((j) => (j < 0 ? 0 : values[j]!))]),
    );
    return t;
  }

  /** Entries from a position on, as [timeMs, col0, col1, ...]. */
  private entries(start = 0): number[][] {
    const width = this.cums.length;
    const out = new Array<number[]>(Math.max(0, this.times.length - start));
    for (let i = start; i < this.times.length; i++) {
      const entry = new Array<number>(width + 1);
      entry[0] = this.times[i]!;
      for (let c = 0; c < width; c++) entry[c + 1] = this.cums[c]![i + 1]! - this.cums[c]![i]!;
      out[i - start] = entry;
    }
    return out;
  }

  private load(entries: readonly (readonly number[])[]): void {
    this.times = [];
    this.cums = this.columns.map(() => [0]);
    for (const [time, ...values] of entries) this.add(time!, values);
  }

  /** First index whose time is > t. */
  private upperBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
