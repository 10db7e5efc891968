/**
 * A deterministic TPC-H data generator (DuckDB's tpch extension and dbgen are not available
 * here): the eight tables of the TPC-H schema at a scale factor, with the spec's key structure
 * and value distributions as far as Q1, Q3, Q5, Q6, Q10 and Q18 depend on them. The same
 * (scale factor, seed) always yields the same tables. The values are not dbgen's (a different
 * random generator), so answers differ from published TPC-H answer sets.
 *
 * Row counts follow the spec: SUPPLIER 10,000 x SF, CUSTOMER 150,000 x SF, PART 200,000 x SF,
 * PARTSUPP 4 per part, ORDERS 1,500,000 x SF, LINEITEM 1..7 per order (about 6M at SF 1),
 * NATION 25 and REGION 5.
 */
import type { Table } from 'apache-arrow';
import { toArrowTables, type MoneyType } from './arrow-tables.js';
import type { TpchData, TpchTableName } from './columns.js';
import { generateRegion, generateNation } from './generate-nations.js';
import { generateOrdersAndLineitem } from './generate-orders.js';
import { generateCustomer, generateSupplier } from './generate-parties.js';
import { generatePart, generatePartSupp } from './generate-parts.js';
import { stream } from './random.js';
import { textPool } from './text-pool.js';

/** What to generate. */
export interface TpchOptions {
  /** The scale factor: 1 is about 1 GB of TPC-H data (6M line items); any positive number. */
  readonly scaleFactor: number;
  /** The random seed (default {@link DEFAULT_TPCH_SEED}). */
  readonly seed?: number;
}

/** The seed used when none is given. */
export const DEFAULT_TPCH_SEED = 19920101;

/** Rows of the tables whose size is fixed by the scale factor (LINEITEM varies around 4 per order). */
export function tpchRowCounts(scaleFactor: number): Readonly<Record<Exclude<TpchTableName, 'lineitem'>, number>> {
  if (!(scaleFactor > 0) || !Number.isFinite(scaleFactor)) {
    throw new Error(`TPC-H scale factor must be a positive number, got ${scaleFactor}`);
  }
  const scaled = (base: number) => Math.max(1, Math.round(base * scaleFactor));
  const part = scaled(200_000);
  return {
    region: 5,
    nation: 25,
    supplier: scaled(10_000),
    customer: scaled(150_000),
    part,
    partsupp: part * 4,
    orders: scaled(1_500_000),
  };
}

/** Generates the eight tables as typed columns (see columns.ts). */
export function generateTpchData(options: TpchOptions): TpchData {
  const seed = options.seed ?? DEFAULT_TPCH_SEED;
  const counts = tpchRowCounts(options.scaleFactor);
  const pool = textPool(stream(seed, 0));
  const { orders, lineitem } = generateOrdersAndLineitem(
    {
      lineCounts: stream(seed, 7),
      orders: stream(seed, 8),
      lines: stream(seed, 9),
      orderComments: stream(seed, 10),
      lineComments: stream(seed, 11),
    },
    pool,
    {
      orders: counts.orders,
      customers: counts.customer,
      parts: counts.part,
      suppliers: counts.supplier,
      clerks: Math.max(1, Math.round(1000 * options.scaleFactor)),
    },
  );
  return {
    region: generateRegion(stream(seed, 1), pool),
    nation: generateNation(stream(seed, 2), pool),
    supplier: generateSupplier(stream(seed, 3), pool, counts.supplier),
    customer: generateCustomer(stream(seed, 4), pool, counts.customer),
    part: generatePart(stream(seed, 5), pool, counts.part),
    partsupp: generatePartSupp(stream(seed, 6), pool, counts.part, counts.supplier),
    orders,
    lineitem,
  };
}

/** Generates the eight tables as apache-arrow Tables, by name (money columns as `money`, default decimal). */
export function generateTpch(options: TpchOptions & { readonly money?: MoneyType }): Record<TpchTableName, Table> {
  return toArrowTables(generateTpchData(options), options.money);
}
