// A DuckDB table function that streams one slice of LakeColumns, so `COPY (SELECT … FROM
// lake_scan(id)) TO 'file.parquet'` encodes rows straight from JS memory. Compared with appending to a
// staging table and copying out of it, no table is materialised and no filter scans it per file.
//
// Each output chunk is filled with one native copy per column (typed-array slices; dictionary codes
// as ENUMs), through @duckdb/node-bindings, which @duckdb/node-api is built on: node-api's vector
// wrappers re-read every ENUM member through N-API for each chunk a table function returns, which
// would cost more than the copy. Only transaction_id is written value by value.
import {
  BOOLEAN,
  DOUBLE,
  DuckDBConnection,
  DuckDBTableFunction,
  DuckDBTypeId,
  ENUM,
  INTEGER,
  VARCHAR,
  type DuckDBType,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

import { CODED_COLUMNS, NULL_CODE, NULL_FLAG, type LakeColumns, type LakeSlice } from './lake-columns';
import { featureColumns } from './transactions-table';

export const SCAN_FUNCTION = 'lake_scan';
const CHUNK_ROWS = 2048;

interface Source {
  columns: LakeColumns;
  slice: LakeSlice;
  types: DuckDBType[];
}

interface ScanState {
  next: number;
  doubles: Float64Array;
  flags: Uint8Array;
  codes8: Uint8Array;
  codes16: Uint16Array;
  codes32: Uint32Array;
  validity: Uint8Array;
}

const sources = new Map<number, Source>();
let nextId = 1;
const registered = new WeakSet<DuckDBConnection>();
const typesOf = new WeakMap<LakeColumns, DuckDBType[]>();

/** The columns lake_scan returns, in order: fixed ones, coded strings, then features. */
export const SCAN_FIXED = ['transaction_id', 'ts_ms', 'amount', 'is_fraud', 'score'] as const;

/**
 * An ENUM whose DuckDB logical type is built once: every file of a batch binds the same dictionaries,
 * and building one (thousands of members through N-API) per bind costs more than the file's rows.
 */
function enumType(members: readonly string[]): DuckDBType {
  const type = ENUM(members);
  const logical = type.toLogicalType();
  type.toLogicalType = () => logical;
  return type;
}

function scanTypes(columns: LakeColumns): DuckDBType[] {
  let types = typesOf.get(columns);
  if (types === undefined) {
    types = [
      VARCHAR,
      DOUBLE,
      DOUBLE,
      BOOLEAN,
      DOUBLE,
      // An ENUM needs at least one member; a column that is NULL throughout stays VARCHAR.
      ...CODED_COLUMNS.map((c) =>
        columns.coded[c].members.length ? enumType(columns.coded[c].members) : VARCHAR,
      ),
      ...featureColumns(columns.featureSet).map(() => DOUBLE),
    ];
    typesOf.set(columns, types);
  }
  return types;
}

/** Lets `sql` read `slice` of `columns` as `lake_scan(<id>)` while `run` is pending. */
export async function withScan<T>(
  db: DuckDBConnection,
  columns: LakeColumns,
  slice: LakeSlice,
  run: (from: string) => Promise<T>,
): Promise<T> {
  if (!registered.has(db)) {
    db.registerTableFunction(scanFunction());
    registered.add(db);
  }
  const id = nextId++;
  sources.set(id, { columns, slice, types: scanTypes(columns) });
  try {
    return await run(`${SCAN_FUNCTION}(${id})`);
  } finally {
    sources.delete(id);
  }
}

function scanFunction(): DuckDBTableFunction {
  return DuckDBTableFunction.create({
    name: SCAN_FUNCTION,
    parameterTypes: [INTEGER],
    bindFunction: (info) => {
      const source = sources.get(Number(info.getParameter(0)));
      if (source === undefined) {
        info.setError(`${SCAN_FUNCTION}: no such source`);
        return;
      }
      const names = [...SCAN_FIXED, ...CODED_COLUMNS, ...featureColumns(source.columns.featureSet)];
      names.forEach((name, c) => info.addResultColumn(name, source.types[c]!));
      info.setCardinality(source.slice.end - source.slice.start, true);
      info.setBindData(source);
    },
    initFunction: (info) => {
      const source = info.bindData as Source;
      const state: ScanState = {
        next: source.slice.start,
        doubles: new Float64Array(CHUNK_ROWS),
        flags: new Uint8Array(CHUNK_ROWS),
        codes8: new Uint8Array(CHUNK_ROWS),
        codes16: new Uint16Array(CHUNK_ROWS),
        codes32: new Uint32Array(CHUNK_ROWS),
        validity: new Uint8Array(CHUNK_ROWS / 8),
      };
      info.setInitData(state);
      info.setMaxThreads(1);
    },
    mainFunction: (info, output) => {
      const source = info.bindData as Source;
      const state = info.initData as ScanState;
      const n = Math.min(CHUNK_ROWS, source.slice.end - state.next);
      const chunk = output.chunk;
      duckdb.data_chunk_set_size(chunk, n);
      if (n > 0) fillChunk(chunk, source, state, n);
      state.next += n;
    },
  });
}

function copyInto(
  vector: duckdb.Vector,
  array: Float64Array | Uint8Array | Uint16Array | Uint32Array,
  n: number,
) {
  duckdb.copy_data_to_vector(
    vector,
    0,
    array.buffer as ArrayBuffer,
    array.byteOffset,
    n * array.BYTES_PER_ELEMENT,
  );
}

/** Marks rows invalid (NULL) in a DuckDB validity mask; no-op when all are valid. */
function writeValidity(vector: duckdb.Vector, state: ScanState, n: number, isNull: (i: number) => boolean) {
  const { validity } = state;
  let nulls = false;
  validity.fill(0xff);
  for (let i = 0; i < n; i++) {
    if (isNull(i)) {
      validity[i >>> 3]! &= ~(1 << (i & 7));
      nulls = true;
    }
  }
  if (!nulls) return;
  duckdb.vector_ensure_validity_writable(vector);
  // The mask is made of 64-bit words (little-endian bit order, as bytes here).
  duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer as ArrayBuffer, 0, Math.ceil(n / 64) * 8);
}

function fillChunk(chunk: duckdb.DataChunk, source: Source, state: ScanState, n: number): void {
  const { columns, types } = source;
  const from = state.next;
  const vector = (c: number) => duckdb.data_chunk_get_vector(chunk, c);

  const ids = vector(0);
  for (let i = 0; i < n; i++) duckdb.vector_assign_string_element(ids, i, columns.transactionId[from + i]!);
  copyInto(vector(1), columns.tsMs.subarray(from, from + n), n);
  copyInto(vector(2), columns.amount.subarray(from, from + n), n);

  const fraud = vector(3);
  const { flags, doubles } = state;
  for (let i = 0; i < n; i++) flags[i] = columns.isFraud[from + i]! & 1;
  copyInto(fraud, flags, n);
  writeValidity(fraud, state, n, (i) => columns.isFraud[from + i] === NULL_FLAG);

  const score = vector(4);
  copyInto(score, columns.score.subarray(from, from + n), n);
  writeValidity(score, state, n, (i) => columns.scoreValid[from + i] === 0);

  const first = SCAN_FIXED.length;
  for (let c = 0; c < CODED_COLUMNS.length; c++) {
    const out = vector(first + c);
    const type = types[first + c]!;
    const { codes } = columns.coded[CODED_COLUMNS[c]!];
    const slice = codes.subarray(from, from + n);
    if (type.typeId !== DuckDBTypeId.ENUM) {
      // No members: NULL throughout.
      writeValidity(out, state, n, () => true);
      continue;
    }
    const target =
      type.internalTypeId === DuckDBTypeId.UTINYINT
        ? state.codes8
        : type.internalTypeId === DuckDBTypeId.USMALLINT
          ? state.codes16
          : state.codes32;
    let nulls = false;
    for (let i = 0; i < n; i++) {
      const code = slice[i]!;
      if (code === NULL_CODE) {
        target[i] = 0;
        nulls = true;
      } else target[i] = code;
    }
    copyInto(out, target, n);
    if (nulls) writeValidity(out, state, n, (i) => slice[i] === NULL_CODE);
  }

  const width = columns.featureCount;
  const features = columns.features;
  const firstFeature = first + CODED_COLUMNS.length;
  for (let k = 0; k < width; k++) {
    for (let i = 0, at = from * width + k; i < n; i++, at += width) doubles[i] = features[at]!;
    copyInto(vector(firstFeature + k), doubles, n);
  }
}
