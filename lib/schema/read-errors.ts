// The one error the readers throw: the file as a whole cannot be read (missing, a directory, an
// unknown format, a CSV header without required columns, a JSON file that is not an array). Bad rows
// never throw; callers quarantine the file on this error and treat anything else as a bug or I/O fault.

export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';

  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
