import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowResultColumns, wordsToBigInt } from '../../bench/tpch/arrow-cells.js';
import { toArrowTable } from '../../bench/tpch/arrow-tables.js';
import { canonicalCell, canonicalRows, resultChecksum, rowsChecksum, rowsDiffer, type CanonicalCell, type ResultCell } from '../../bench/tpch/checksum.js';
import { resultMismatches } from '../../bench/tpch/report.js';
import { centsOf, daysOf, intsOf, stringReader, stringsOf, type TpchData, type TpchTable } from '../../bench/tpch/columns.js';
import { dayNumber, formatDay } from '../../bench/tpch/dates.js';
import { duckdbTpchSystem } from '../../bench/tpch/duckdb-system.js';
import { generateTpchData } from '../../bench/tpch/generate.js';
import { parseTpchOptions } from '../../bench/tpch/options.js';
import { TPCH_INTERVAL_FORMS, TPCH_QUERIES, tpchQueryById, type TpchQueryId } from '../../bench/tpch/queries.js';
import type { TpchSystem } from '../../bench/tpch/tpch-system.js';

let data: TpchData;
let duckdb: TpchSystem;

beforeAll(async () => {
  data = generateTpchData({ scaleFactor: 0.01 });
  duckdb = await duckdbTpchSystem(data);
});

afterAll(() => duckdb?.close());

async function duckdbRows(id: TpchQueryId): Promise<CanonicalCell[][]> {
  const q = duckdb.prepare(tpchQueryById(id));
  return canonicalRows(await q.columns(await q.run()));
}

const dec = (unscaled: bigint, scale: number): CanonicalCell => canonicalCell({ unscaled, scale });

/** The exact mean of `sum` (in hundredths) over `count` rows, in hundredths rounded half up (sums are positive). */
const meanHundredths = (sum: bigint, count: number): number => Number((2n * sum + BigInt(count)) / (2n * BigInt(count)));

/** Every column of a generated table as result cells, the way a system would report the table. */
function tableCells(t: TpchTable): ResultCell[][] {
  return t.columns.map((c): ResultCell[] => {
    switch (c.kind) {
      case 'int': return Array.from(c.values);
      case 'date': return Array.from(c.days, formatDay);
      case 'decimal': return Array.from(c.cents, (v) => ({ unscaled: BigInt(v), scale: 2 }));
      case 'string': {
        const read = stringReader(c.strings);
        return Array.from({ length: t.rows }, (_, i) => read(i));
      }
    }
  });
}

describe('TPC-H queries on DuckDB against a plain TypeScript computation', () => {
  it('Q1: pricing summary report', async () => {
    const li = data.lineitem;
    const ship = daysOf(li, 'l_shipdate');
    const qty = centsOf(li, 'l_quantity');
    const price = centsOf(li, 'l_extendedprice');
    const disc = centsOf(li, 'l_discount');
    const tax = centsOf(li, 'l_tax');
    const flag = stringReader(stringsOf(li, 'l_returnflag'));
    const status = stringReader(stringsOf(li, 'l_linestatus'));
    const cutoff = dayNumber('1998-09-02'); // 1998-12-01 - 90 days
    type Group = { qty: bigint; base: bigint; discPrice: bigint; charge: bigint; disc: bigint; count: number };
    const groups = new Map<string, Group>();
    for (let i = 0; i < li.rows; i++) {
      if (ship[i]! > cutoff) continue;
      const key = `${flag(i)}|${status(i)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { qty: 0n, base: 0n, discPrice: 0n, charge: 0n, disc: 0n, count: 0 }));
      const p = BigInt(price[i]!);
      g.qty += BigInt(qty[i]!);
      g.base += p;
      g.discPrice += p * BigInt(100 - disc[i]!);
      g.charge += p * BigInt(100 - disc[i]!) * BigInt(100 + tax[i]!);
      g.disc += BigInt(disc[i]!);
      g.count++;
    }
    const expected = [...groups.keys()].sort().map((key) => {
      const g = groups.get(key)!;
      const [f, s] = key.split('|');
      return [
        f!, s!,
        dec(g.qty, 2), dec(g.base, 2), dec(g.discPrice, 4), dec(g.charge, 6),
        meanHundredths(g.qty, g.count), meanHundredths(g.base, g.count), meanHundredths(g.disc, g.count),
        g.count * 100,
      ];
    });
    expect(expected.map((r) => `${r[0]}${r[1]}`)).toEqual(['AF', 'NF', 'NO', 'RF']);
    expect(await duckdbRows('Q1')).toEqual(expected);
  });

  it('Q6: forecasting revenue change', async () => {
    const li = data.lineitem;
    const ship = daysOf(li, 'l_shipdate');
    const qty = centsOf(li, 'l_quantity');
    const price = centsOf(li, 'l_extendedprice');
    const disc = centsOf(li, 'l_discount');
    const from = dayNumber('1994-01-01');
    const to = dayNumber('1995-01-01');
    let revenue = 0n;
    let rows = 0;
    for (let i = 0; i < li.rows; i++) {
      if (ship[i]! >= from && ship[i]! < to && disc[i]! >= 5 && disc[i]! <= 7 && qty[i]! < 2400) {
        revenue += BigInt(price[i]!) * BigInt(disc[i]!);
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(500);
    expect(await duckdbRows('Q6')).toEqual([[dec(revenue, 4)]]);
  });

  it('Q18: large volume customer (IN subquery), with its row count checked against the data', async () => {
    const qtyByOrder = new Map<number, number>();
    const lOrder = intsOf(data.lineitem, 'l_orderkey');
    const qty = centsOf(data.lineitem, 'l_quantity');
    for (let i = 0; i < data.lineitem.rows; i++) qtyByOrder.set(lOrder[i]!, (qtyByOrder.get(lOrder[i]!) ?? 0) + qty[i]!);
    const large = [...qtyByOrder].filter(([, q]) => q > 30_000);
    const rows = await duckdbRows('Q18');
    expect(rows).toHaveLength(Math.min(100, large.length));
    for (const row of rows) expect(row[5]).toBe(qtyByOrder.get((row[2] as number) / 100));
  });

  it('writes the spec\'s interval arithmetic as the right DATE literals', async () => {
    for (const [interval, literal] of TPCH_INTERVAL_FORMS) {
      const q = duckdb.prepare({ id: 'Q1', title: 'interval check', sql: `SELECT CAST(${interval} AS DATE)` });
      expect(canonicalRows(await q.columns(await q.run())), interval).toEqual([[/'(.*)'/.exec(literal)![1]!]]);
    }
  });

  it('every query runs and returns the shape the spec describes', async () => {
    const shapes: Record<TpchQueryId, [rows: number, cols: number]> = {
      Q1: [4, 10], Q3: [10, 4], Q5: [5, 2], Q6: [1, 1], Q10: [20, 8], Q18: [-1, 6],
    };
    for (const q of TPCH_QUERIES) {
      const rows = await duckdbRows(q.id);
      const [n, cols] = shapes[q.id];
      if (n >= 0) expect(rows, q.id).toHaveLength(n);
      for (const r of rows) expect(r, q.id).toHaveLength(cols);
    }
    // Q5 returns exactly the five ASIA nations.
    const q5 = await duckdbRows('Q5');
    expect(new Set(q5.map((r) => r[0]))).toEqual(new Set(['INDIA', 'INDONESIA', 'JAPAN', 'CHINA', 'VIETNAM']));
  });
});

describe('TPC-H money as DOUBLE', () => {
  it('gives every query the same answer as DECIMAL(15,2), within rounding', async () => {
    const doubles = await duckdbTpchSystem(data, 'double');
    try {
      for (const q of TPCH_QUERIES) {
        const rows: CanonicalCell[][][] = [];
        for (const system of [duckdb, doubles]) {
          const p = system.prepare(q);
          rows.push(canonicalRows(await p.columns(await p.run())));
        }
        expect(rowsDiffer(rows[0]!, rows[1]!), q.id).toBeUndefined();
      }
    } finally {
      doubles.close();
    }
  });

  it('hands systems Float64 dollars', () => {
    const arrow = toArrowTable(data.customer, 'double');
    expect(String(arrow.schema.fields.find((f) => f.name === 'c_acctbal')!.type)).toBe('Float64');
    expect(arrow.getChild('c_acctbal')!.get(0)).toBe(centsOf(data.customer, 'c_acctbal')[0]! / 100);
  });
});

describe('TPC-H Arrow tables and checksums', () => {
  it('Arrow tables hold the generated values exactly (decimals incl. negatives, dates, text)', () => {
    for (const t of [data.customer, data.orders, data.nation]) {
      const arrow = toArrowTable(t);
      expect(arrow.numRows).toBe(t.rows);
      expect(arrow.schema.fields.every((f) => !f.nullable)).toBe(true);
      expect(rowsChecksum(canonicalRows(arrowResultColumns(arrow)))).toBe(resultChecksum(tableCells(t)));
    }
    const types = toArrowTable(data.lineitem).schema.fields.map((f) => `${f.name}:${String(f.type)}`);
    expect(types).toContain('l_quantity:Decimal[15e+2]');
    expect(types).toContain('l_shipdate:Date32<DAY>');
    expect(types).toContain('l_comment:Utf8');
    expect(types).toContain('l_orderkey:Int32');
  });

  it('reads two\'s complement decimal words', () => {
    expect(wordsToBigInt([5, 0, 0, 0])).toBe(5n);
    expect(wordsToBigInt([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff])).toBe(-1n);
    expect(wordsToBigInt([0, 1, 0, 0])).toBe(4294967296n);
  });

  it('canonical cells agree across decimal, double and integer representations', () => {
    expect(canonicalCell({ unscaled: 1234500000n, scale: 6 })).toBe(123450);
    expect(canonicalCell(1234.5)).toBe(123450);
    expect(canonicalCell(1234n)).toBe(123400);
    expect(canonicalCell(1234)).toBe(123400);
    expect(canonicalCell({ unscaled: 5n, scale: 3 })).toBe(1); // 0.005 rounds half away from zero
    expect(canonicalCell({ unscaled: -5n, scale: 3 })).toBe(-1);
    expect(canonicalCell({ unscaled: 4n, scale: 3 })).toBe(0);
    expect(canonicalCell(-0.125)).toBe(-13);
    expect(canonicalCell({ unscaled: 7n, scale: 0 })).toBe(700);
    expect(canonicalCell('1995-03-15')).toBe('1995-03-15');
    expect(() => canonicalCell(Number.NaN)).toThrow(/non-finite/);
  });

  it('compares results within a cent or 1e-9 relative, naming the first difference', () => {
    const a: CanonicalCell[][] = [['x', 1250, 5_000_000_000_000], ['y', 10, null]];
    expect(rowsDiffer(a, [['x', 1251, 5_000_000_004_000], ['y', 9, null]])).toBeUndefined();
    expect(rowsDiffer(a, [['x', 1252, 5_000_000_000_000], ['y', 10, null]])).toBe('row 1, column 2: 1250 vs 1252');
    expect(rowsDiffer(a, [['x', 1250, 5_000_000_100_000], ['y', 10, null]])).toMatch(/^row 1, column 3/);
    expect(rowsDiffer(a, [['x', 1250, 5_000_000_000_000], ['z', 10, null]])).toBe('row 2, column 1: "y" vs "z"');
    expect(rowsDiffer(a, [['x', 1250, 5_000_000_000_000], ['y', 10, 0]])).toBe('row 2, column 3: null vs 0');
    expect(rowsDiffer(a, a.slice(1))).toBe('2 rows vs 1 rows');
    const m = (system: string, rows: CanonicalCell[][]) => ({ workload: 'TPCH-Q6', system, jsonFields: {}, medianMs: 1, checksum: rowsChecksum(rows), rows });
    expect(resultMismatches([m('weir', [[1251]]), m('duckdb', [[1250]])])).toEqual([]);
    const [mismatch] = resultMismatches([m('weir', [[1300]]), m('duckdb', [[1250]])]);
    expect(mismatch).toMatch(/^TPCH-Q6: weir differs from duckdb at row 1, column 1: 1250 vs 1300/);
  });

  it('checksums are order-sensitive and representation-independent', () => {
    const a = resultChecksum([['x', 'y'], [1.5, 2]]);
    expect(resultChecksum([['x', 'y'], [{ unscaled: 150n, scale: 2 }, 2n]])).toBe(a);
    expect(resultChecksum([['y', 'x'], [2, 1.5]])).not.toBe(a);
    expect(a).toMatch(/^rows=2 cols=2 h=[0-9a-f]{8}$/);
    expect(() => canonicalRows([[1, 2], [1]])).toThrow(/different lengths/);
  });
});

describe('TPC-H bench options', () => {
  it('parses the command line and rejects bad input', () => {
    const o = parseTpchOptions(['--sf', '0.1', '--only', 'q1,Q6', '--iterations=3', '--json', '--systems', 'duckdb']);
    expect(o.scaleFactor).toBe(0.1);
    expect(o.queries.map((q) => q.id)).toEqual(['Q1', 'Q6']);
    expect(o.iterations).toBe(3);
    expect(o.json).toBe(true);
    expect(o.systems).toEqual(['duckdb']);
    expect(parseTpchOptions([]).queries).toHaveLength(6);
    expect(() => parseTpchOptions(['--sf', '0'])).toThrow(/--sf needs a positive number/);
    expect(() => parseTpchOptions(['--only', 'Q2'])).toThrow(/unknown TPC-H query 'Q2'/);
    expect(() => parseTpchOptions(['--systems', 'spark'])).toThrow(/unknown system 'spark'/);
    expect(() => parseTpchOptions(['--fast'])).toThrow(/unknown option '--fast'/);
    expect(parseTpchOptions(['--money', 'double']).money).toBe('double');
    expect(parseTpchOptions([]).money).toBe('decimal');
    expect(() => parseTpchOptions(['--money', 'float'])).toThrow(/--money needs 'decimal' or 'double'/);
  });
});
