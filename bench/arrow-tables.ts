/**
 * The benchmark tables as `apache-arrow` Tables, built without copying the typed arrays
 * (the utf8 column is encoded once). This is what weir receives through
 * `createTemporaryView`, the way a user hands it Arrow data.
 */
import { Float64, Int32, Table, Utf8, makeData, makeVector, Vector, type Data } from 'apache-arrow';
import { encodeStrings, type BenchData } from './data.js';

/** The fact table `t(k, g, fk, v, s)` and the dimension table `d(dk, attr)` as Arrow tables. */
export interface ArrowBenchTables {
  readonly t: Table;
  readonly d: Table;
}

function int32(values: Int32Array): Vector<Int32> {
  return makeVector(makeData({ type: new Int32(), length: values.length, nullCount: 0, data: values }));
}

function float64(values: Float64Array): Vector<Float64> {
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount: 0, data: values }));
}

/** Builds the Arrow tables over `data`. */
export function toArrowTables(data: BenchData): ArrowBenchTables {
  const { t, d } = data;
  const { offsets, bytes } = encodeStrings(t);
  const s: Data<Utf8> = makeData({ type: new Utf8(), length: t.rows, nullCount: 0, valueOffsets: offsets, data: bytes });
  return {
    t: new Table({ k: int32(t.k), g: int32(t.g), fk: int32(t.fk), v: float64(t.v), s: makeVector(s) }),
    d: new Table({ dk: int32(d.dk), attr: int32(d.attr) }),
  };
}
