/**
 * PART and PARTSUPP (clause 4.2.3): part names of five distinct colours, manufacturer and brand
 * numbers, types and containers from the spec's syllables, the retail price formula, and four
 * suppliers per part chosen by the spec's formula, which LINEITEM reuses so that every
 * (l_partkey, l_suppkey) pair is a PARTSUPP row.
 */
import type { SeededRandom } from '../prng.js';
import { Utf8Builder, enumStrings, type TpchTable } from './columns.js';
import { uniform } from './random.js';
import { commentColumn } from './text-pool.js';
import { COLORS, CONTAINER_SYLLABLES, TYPE_SYLLABLES, combinations } from './word-lists.js';

/** Suppliers per part. */
export const SUPPLIERS_PER_PART = 4;

const TYPES = combinations(TYPE_SYLLABLES);
const CONTAINERS = combinations(CONTAINER_SYLLABLES);

/** P_RETAILPRICE in cents: (90000 + ((partkey / 10) mod 20001) + 100 * (partkey mod 1000)) / 100 dollars. */
export function retailPriceCents(partKey: number): number {
  return 90_000 + (Math.floor(partKey / 10) % 20_001) + 100 * (partKey % 1000);
}

/** The `i`-th (0..3) supplier of a part, out of `suppliers` suppliers: the spec's PS_SUPPKEY formula. */
export function supplierOfPart(partKey: number, i: number, suppliers: number): number {
  return ((partKey + i * (Math.floor(suppliers / 4) + Math.floor((partKey - 1) / suppliers))) % suppliers) + 1;
}

/** Five distinct colours, space-separated (a partial Fisher–Yates draw over the 92). */
function partName(rng: SeededRandom, scratch: number[]): string {
  let name = '';
  for (let k = 0; k < 5; k++) {
    const j = uniform(rng, k, scratch.length - 1);
    const pick = scratch[j]!;
    scratch[j] = scratch[k]!;
    scratch[k] = pick;
    name += k === 0 ? COLORS[pick] : ` ${COLORS[pick]}`;
  }
  return name;
}

/** PART: `rows` parts, keys 1..rows. */
export function generatePart(rng: SeededRandom, pool: Uint8Array, rows: number): TpchTable {
  const key = new Int32Array(rows);
  const size = new Int32Array(rows);
  const price = new Int32Array(rows);
  const type = new Uint8Array(rows);
  const container = new Uint8Array(rows);
  const name = new Utf8Builder(rows, 34);
  const mfgr = new Utf8Builder(rows, 14);
  const brand = new Utf8Builder(rows, 8);
  const scratch = COLORS.map((_, i) => i);
  for (let i = 0; i < rows; i++) {
    const k = i + 1;
    key[i] = k;
    name.append(partName(rng, scratch));
    const m = uniform(rng, 1, 5);
    mfgr.append(`Manufacturer#${m}`);
    brand.append(`Brand#${m}${uniform(rng, 1, 5)}`);
    type[i] = uniform(rng, 0, TYPES.length - 1);
    size[i] = uniform(rng, 1, 50);
    container[i] = uniform(rng, 0, CONTAINERS.length - 1);
    price[i] = retailPriceCents(k);
  }
  return {
    name: 'part',
    rows,
    columns: [
      { name: 'p_partkey', kind: 'int', values: key },
      { name: 'p_name', kind: 'string', strings: name.finish() },
      { name: 'p_mfgr', kind: 'string', strings: mfgr.finish() },
      { name: 'p_brand', kind: 'string', strings: brand.finish() },
      { name: 'p_type', kind: 'string', strings: enumStrings(type, TYPES) },
      { name: 'p_size', kind: 'int', values: size },
      { name: 'p_container', kind: 'string', strings: enumStrings(container, CONTAINERS) },
      { name: 'p_retailprice', kind: 'decimal', cents: price },
      { name: 'p_comment', kind: 'string', strings: commentColumn(rng, pool, rows, 5, 22) },
    ],
  };
}

/** PARTSUPP: four rows per part (in part order), available quantity 1..9999, supply cost 1.00..1000.00. */
export function generatePartSupp(rng: SeededRandom, pool: Uint8Array, parts: number, suppliers: number): TpchTable {
  const rows = parts * SUPPLIERS_PER_PART;
  const partKey = new Int32Array(rows);
  const suppKey = new Int32Array(rows);
  const availQty = new Int32Array(rows);
  const supplyCost = new Int32Array(rows);
  for (let p = 1, r = 0; p <= parts; p++) {
    for (let i = 0; i < SUPPLIERS_PER_PART; i++, r++) {
      partKey[r] = p;
      suppKey[r] = supplierOfPart(p, i, suppliers);
      availQty[r] = uniform(rng, 1, 9999);
      supplyCost[r] = uniform(rng, 100, 100_000);
    }
  }
  return {
    name: 'partsupp',
    rows,
    columns: [
      { name: 'ps_partkey', kind: 'int', values: partKey },
      { name: 'ps_suppkey', kind: 'int', values: suppKey },
      { name: 'ps_availqty', kind: 'int', values: availQty },
      { name: 'ps_supplycost', kind: 'decimal', cents: supplyCost },
      { name: 'ps_comment', kind: 'string', strings: commentColumn(rng, pool, rows, 49, 198) },
    ],
  };
}
