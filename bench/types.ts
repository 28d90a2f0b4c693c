// The shape every benchmark reports, so `npm run bench` can print them side by side and write
// docs/PERFORMANCE.md. A baseline is measured in the same run, on the same data, as the figure.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** A limit or reference measured in the same run (e.g. bare I/O on the same bytes). */
  baseline?: { name: string; value: number };
  note?: string;
}
