/**
 * Reads an apache-arrow result Table into {@link ResultCell} columns for checksumming: decimals
 * exactly (from their two's complement words), dates as ISO text, 64-bit integers as bigint.
 * Results are small (at most a few hundred rows), so reading through `Vector.get` is fine.
 */
import { DataType, type Table, type Vector } from 'apache-arrow';
import type { ResultCell } from './checksum.js';
import { formatDay } from './dates.js';

const MS_PER_DAY = 86_400_000;

/** The signed integer held in little-endian 32-bit words (two's complement). */
export function wordsToBigInt(words: ArrayLike<number>): bigint {
  let v = 0n;
  for (let i = words.length - 1; i >= 0; i--) v = (v << 32n) | BigInt(words[i]! >>> 0);
  return BigInt.asIntN(32 * words.length, v);
}

function cellsOf(vector: Vector): ResultCell[] {
  const t = vector.type as DataType;
  const out: ResultCell[] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const v = vector.get(i) as unknown;
    if (v === null || v === undefined) out[i] = null;
    else if (DataType.isDecimal(t)) out[i] = { unscaled: wordsToBigInt(v as Uint32Array), scale: t.scale };
    else if (DataType.isDate(t)) out[i] = formatDay(Math.floor((v instanceof Date ? v.getTime() : (v as number)) / MS_PER_DAY));
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') out[i] = v;
    else throw new Error(`arrowResultColumns: column type ${String(t)} is not expected in a TPC-H result`);
  }
  return out;
}

/** Every column of `table` as result cells, in column order. */
export function arrowResultColumns(table: Table): ResultCell[][] {
  const out: ResultCell[][] = [];
  for (let c = 0; c < table.numCols; c++) out.push(cellsOf(table.getChildAt(c)!));
  return out;
}
