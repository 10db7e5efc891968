/**
 * The generated tables the differential suites query: `t`, a wide table with nulls and edge
 * values in every column, and `l` / `r`, join inputs with duplicate, missing and null keys.
 */
import type * as arrow from 'apache-arrow';
import { generateJoinTables, generateTable } from '../support/generate.js';

/** Rows of `t`: enough for every group to span several batches at batch size 7. */
export const T_ROWS = 300;

/**
 * `t` columns:
 * - `g` INT, 8 distinct values and NULL (group key); `s` STRING, 15 distinct incl. '' and non-ASCII;
 * - `n` INT in [-1000, 1000] and `b` BIGINT (no extremes: safe to SUM), with NULLs;
 * - `i` INT with extremes (-2^31, 2^31-1), `x` DOUBLE with NaN, -0, ±Infinity;
 * - `f` BOOLEAN, `d` DATE, `m` DECIMAL(18, 2), `y` DOUBLE without specials (for AVG and sums);
 * - `ds` dictionary-encoded STRING (12 distinct), `ts` TIMESTAMP(3), `tu` TIMESTAMP(6).
 */
export function mainTable(seed = 101): arrow.Table {
  return generateTable({
    rows: T_ROWS,
    seed,
    columns: [
      { name: 'g', type: 'int32', distinct: 8 },
      { name: 's', type: 'utf8', distinct: 15 },
      { name: 'n', type: 'int32', special: false },
      { name: 'b', type: 'int64', special: false },
      { name: 'i', type: 'int32' },
      { name: 'x', type: 'float64' },
      { name: 'f', type: 'bool' },
      { name: 'd', type: 'date32' },
      { name: 'm', type: 'decimal', precision: 18, scale: 2, special: false },
      { name: 'y', type: 'float64', special: false },
      { name: 'ds', type: 'dict-utf8', distinct: 12 },
      { name: 'ts', type: 'timestamp-ms' },
      { name: 'tu', type: 'timestamp-us' },
    ],
  });
}

/** Join inputs `l(lk, lv, lx)` and `r(rk, rv, ry)` with keys of the given type. */
export function joinTables(keyType: 'int32' | 'int64' | 'utf8' | 'dict-utf8', seed = 202): { l: arrow.Table; r: arrow.Table } {
  const { left, right } = generateJoinTables({ seed, leftRows: 120, rightRows: 90, keyType });
  return { l: left, r: right };
}
