/** REGION and NATION: the spec's fixed rows, with generated comments. */
import type { SeededRandom } from '../prng.js';
import { Utf8Builder, type TpchTable } from './columns.js';
import { commentColumn } from './text-pool.js';
import { NATIONS, REGIONS } from './word-lists.js';

function names(values: readonly string[]): Utf8Builder {
  const b = new Utf8Builder(values.length, 12);
  for (const v of values) b.append(v);
  return b;
}

/** REGION: 5 rows, keys 0..4. */
export function generateRegion(rng: SeededRandom, pool: Uint8Array): TpchTable {
  const rows = REGIONS.length;
  return {
    name: 'region',
    rows,
    columns: [
      { name: 'r_regionkey', kind: 'int', values: Int32Array.from(REGIONS, (_, i) => i) },
      { name: 'r_name', kind: 'string', strings: names(REGIONS).finish() },
      { name: 'r_comment', kind: 'string', strings: commentColumn(rng, pool, rows, 31, 115) },
    ],
  };
}

/** NATION: 25 rows, keys 0..24, each in its fixed region. */
export function generateNation(rng: SeededRandom, pool: Uint8Array): TpchTable {
  const rows = NATIONS.length;
  return {
    name: 'nation',
    rows,
    columns: [
      { name: 'n_nationkey', kind: 'int', values: Int32Array.from(NATIONS, (_, i) => i) },
      { name: 'n_name', kind: 'string', strings: names(NATIONS.map(([n]) => n)).finish() },
      { name: 'n_regionkey', kind: 'int', values: Int32Array.from(NATIONS, ([, r]) => r) },
      { name: 'n_comment', kind: 'string', strings: commentColumn(rng, pool, rows, 31, 114) },
    ],
  };
}
