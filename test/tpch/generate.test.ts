import { beforeAll, describe, expect, it } from 'vitest';
import { centsOf, daysOf, intsOf, stringReader, stringsOf, type TpchData, type TpchTable } from '../../bench/tpch/columns.js';
import { CURRENT_DATE, END_DATE, START_DATE, dayNumber } from '../../bench/tpch/dates.js';
import { generateTpchData, tpchRowCounts } from '../../bench/tpch/generate.js';
import { retailPriceCents } from '../../bench/tpch/generate-parts.js';
import { COLORS, CONTAINER_SYLLABLES, NATIONS, REGIONS, SEGMENTS, TYPE_SYLLABLES, combinations } from '../../bench/tpch/word-lists.js';
import { hashNumber } from '../../bench/checksum.js';

const SF = 0.01;
let data: TpchData;

beforeAll(() => {
  data = generateTpchData({ scaleFactor: SF });
});

function texts(t: TpchTable, name: string): string[] {
  const read = stringReader(stringsOf(t, name));
  return Array.from({ length: t.rows }, (_, i) => read(i));
}

/** Collects rule violations so that a loop over 60K rows asserts once, naming the first few failures. */
class Violations {
  readonly found: string[] = [];
  count = 0;
  check(ok: boolean, what: () => string): void {
    if (ok) return;
    this.count++;
    if (this.found.length < 5) this.found.push(what());
  }
  expectNone(): void {
    expect(this.found, `${this.count} violations`).toEqual([]);
  }
}

function expectUniqueKeys(keys: Int32Array): void {
  expect(new Set(keys).size).toBe(keys.length);
}

/** A hash of every byte of every column: equal tables give equal fingerprints. */
function fingerprint(t: TpchTable): string {
  let h = t.rows;
  for (const c of t.columns) {
    const arrays = c.kind === 'string' ? [c.strings.offsets, c.strings.bytes] : [c.kind === 'int' ? c.values : c.kind === 'date' ? c.days : c.cents];
    for (const a of arrays) for (let i = 0; i < a.length; i++) h = hashNumber(a[i]!, h);
  }
  return `${t.rows}:${h.toString(16)}`;
}

describe('TPC-H generator: row counts', () => {
  it('scales the tables as the spec does', () => {
    expect(data.region.rows).toBe(5);
    expect(data.nation.rows).toBe(25);
    expect(data.supplier.rows).toBe(100);
    expect(data.customer.rows).toBe(1_500);
    expect(data.part.rows).toBe(2_000);
    expect(data.partsupp.rows).toBe(8_000);
    expect(data.orders.rows).toBe(15_000);
    // 1..7 lines per order: about 4 per order.
    expect(data.lineitem.rows / data.orders.rows).toBeGreaterThan(3.9);
    expect(data.lineitem.rows / data.orders.rows).toBeLessThan(4.1);
    for (const t of Object.values(data)) for (const c of t.columns) {
      const length = c.kind === 'string' ? c.strings.offsets.length - 1 : (c.kind === 'int' ? c.values : c.kind === 'date' ? c.days : c.cents).length;
      expect(length, `${t.name}.${c.name}`).toBe(t.rows);
    }
  });

  it('gives SF 1 the spec sizes and rejects a bad scale factor', () => {
    expect(tpchRowCounts(1)).toEqual({ region: 5, nation: 25, supplier: 10_000, customer: 150_000, part: 200_000, partsupp: 800_000, orders: 1_500_000 });
    expect(() => tpchRowCounts(0)).toThrow(/positive number/);
    expect(() => tpchRowCounts(Number.NaN)).toThrow(/positive number/);
  });
});

describe('TPC-H generator: keys', () => {
  it('numbers primary keys as the spec does, with sparse order keys', () => {
    expect(Array.from(intsOf(data.region, 'r_regionkey'))).toEqual([0, 1, 2, 3, 4]);
    expect(texts(data.region, 'r_name')).toEqual([...REGIONS]);
    expect(texts(data.nation, 'n_name')).toEqual(NATIONS.map(([n]) => n));
    expect(Array.from(intsOf(data.nation, 'n_regionkey'))).toEqual(NATIONS.map(([, r]) => r));
    for (const [t, key] of [[data.supplier, 's_suppkey'], [data.customer, 'c_custkey'], [data.part, 'p_partkey']] as const) {
      const keys = intsOf(t, key);
      keys.forEach((k, i) => expect(k).toBe(i + 1));
    }
    const orderKeys = intsOf(data.orders, 'o_orderkey');
    expectUniqueKeys(orderKeys);
    // Of every 32 keys the first 8 are used: 1..8, 33..40, ...
    expect(Array.from(orderKeys.subarray(0, 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 33, 34]);
    for (const k of orderKeys) expect((k - 1) % 32).toBeLessThan(8);
    expect(texts(data.supplier, 's_name')[41]).toBe('Supplier#000000042');
    expect(texts(data.customer, 'c_name')[0]).toBe('Customer#000000001');
  });

  it('makes every foreign key point at an existing row', () => {
    const v = new Violations();
    const orders = new Set(intsOf(data.orders, 'o_orderkey'));
    const partsupp = new Set<number>();
    const psPart = intsOf(data.partsupp, 'ps_partkey');
    const psSupp = intsOf(data.partsupp, 'ps_suppkey');
    for (let i = 0; i < psPart.length; i++) {
      partsupp.add(psPart[i]! * 1_000_000 + psSupp[i]!);
      v.check(psPart[i]! >= 1 && psPart[i]! <= data.part.rows, () => `ps_partkey ${psPart[i]} at row ${i}`);
      v.check(psSupp[i]! >= 1 && psSupp[i]! <= data.supplier.rows, () => `ps_suppkey ${psSupp[i]} at row ${i}`);
    }
    expect(partsupp.size, 'distinct (ps_partkey, ps_suppkey)').toBe(data.partsupp.rows);
    const lOrder = intsOf(data.lineitem, 'l_orderkey');
    const lPart = intsOf(data.lineitem, 'l_partkey');
    const lSupp = intsOf(data.lineitem, 'l_suppkey');
    const linesPerOrder = new Map<number, number>();
    for (let i = 0; i < data.lineitem.rows; i++) {
      v.check(orders.has(lOrder[i]!), () => `l_orderkey ${lOrder[i]} at row ${i} is not an order`);
      v.check(partsupp.has(lPart[i]! * 1_000_000 + lSupp[i]!), () => `(l_partkey, l_suppkey) (${lPart[i]}, ${lSupp[i]}) at row ${i} is not in partsupp`);
      linesPerOrder.set(lOrder[i]!, (linesPerOrder.get(lOrder[i]!) ?? 0) + 1);
    }
    expect(linesPerOrder.size, 'orders with lines').toBe(data.orders.rows);
    for (const [k, n] of linesPerOrder) v.check(n >= 1 && n <= 7, () => `order ${k} has ${n} lines`);
    intsOf(data.orders, 'o_custkey').forEach((c, i) => {
      v.check(c >= 1 && c <= data.customer.rows, () => `o_custkey ${c} at row ${i} is not a customer`);
      v.check(c % 3 !== 0, () => `o_custkey ${c} at row ${i} is a multiple of 3`);
    });
    for (const [t, name] of [[data.customer, 'c_nationkey'], [data.supplier, 's_nationkey']] as const) {
      const keys = intsOf(t, name);
      keys.forEach((k, i) => v.check(k >= 0 && k < 25, () => `${name} ${k} at row ${i}`));
      expect(new Set(keys).size, `distinct ${name}`).toBe(25);
    }
    v.expectNone();
  });
});

describe('TPC-H generator: values and date rules', () => {
  it('follows the line item rules', () => {
    const v = new Violations();
    const li = data.lineitem;
    const order = new Map<number, number>();
    intsOf(data.orders, 'o_orderkey').forEach((k, i) => order.set(k, i));
    const oDate = daysOf(data.orders, 'o_orderdate');
    const oTotal = centsOf(data.orders, 'o_totalprice');
    const oStatus = texts(data.orders, 'o_orderstatus');
    const lOrder = intsOf(li, 'l_orderkey');
    const lPart = intsOf(li, 'l_partkey');
    const lNumber = intsOf(li, 'l_linenumber');
    const qty = centsOf(li, 'l_quantity');
    const price = centsOf(li, 'l_extendedprice');
    const disc = centsOf(li, 'l_discount');
    const tax = centsOf(li, 'l_tax');
    const ship = daysOf(li, 'l_shipdate');
    const commit = daysOf(li, 'l_commitdate');
    const receipt = daysOf(li, 'l_receiptdate');
    const flag = texts(li, 'l_returnflag');
    const status = texts(li, 'l_linestatus');
    const total = new Map<number, number>();
    const lineStatuses = new Map<number, string>();
    for (let i = 0; i < li.rows; i++) {
      const at = () => `line ${i} (order ${lOrder[i]})`;
      const o = order.get(lOrder[i]!)!;
      const expectedNumber = i > 0 && lOrder[i] === lOrder[i - 1] ? lNumber[i - 1]! + 1 : 1;
      v.check(lNumber[i] === expectedNumber, () => `l_linenumber ${lNumber[i]} at ${at()}`);
      v.check(qty[i]! % 100 === 0 && qty[i]! >= 100 && qty[i]! <= 5000, () => `l_quantity ${qty[i]! / 100} at ${at()}`);
      v.check(price[i] === (qty[i]! / 100) * retailPriceCents(lPart[i]!), () => `l_extendedprice ${price[i]! / 100} at ${at()}`);
      v.check(disc[i]! >= 0 && disc[i]! <= 10, () => `l_discount ${disc[i]! / 100} at ${at()}`);
      v.check(tax[i]! >= 0 && tax[i]! <= 8, () => `l_tax ${tax[i]! / 100} at ${at()}`);
      const od = oDate[o]!;
      v.check(ship[i]! - od >= 1 && ship[i]! - od <= 121, () => `l_shipdate - o_orderdate = ${ship[i]! - od} at ${at()}`);
      v.check(commit[i]! - od >= 30 && commit[i]! - od <= 90, () => `l_commitdate - o_orderdate = ${commit[i]! - od} at ${at()}`);
      v.check(receipt[i]! - ship[i]! >= 1 && receipt[i]! - ship[i]! <= 30, () => `l_receiptdate - l_shipdate = ${receipt[i]! - ship[i]!} at ${at()}`);
      v.check(receipt[i]! <= END_DATE, () => `l_receiptdate after ENDDATE at ${at()}`);
      v.check(receipt[i]! <= CURRENT_DATE ? flag[i] === 'R' || flag[i] === 'A' : flag[i] === 'N', () => `l_returnflag ${flag[i]} at ${at()}`);
      v.check(status[i] === (ship[i]! > CURRENT_DATE ? 'O' : 'F'), () => `l_linestatus ${status[i]} at ${at()}`);
      total.set(o, (total.get(o) ?? 0) + Math.round((price[i]! * (100 + tax[i]!) * (100 - disc[i]!)) / 10_000));
      lineStatuses.set(o, (lineStatuses.get(o) ?? '') + status[i]);
    }
    for (let o = 0; o < data.orders.rows; o++) {
      v.check(oDate[o]! >= START_DATE && oDate[o]! <= END_DATE - 151, () => `o_orderdate ${oDate[o]} at order row ${o}`);
      v.check(oTotal[o] === total.get(o), () => `o_totalprice ${oTotal[o]! / 100} at order row ${o}, lines sum to ${total.get(o)! / 100}`);
      const s = lineStatuses.get(o)!;
      const expected = /^F+$/.test(s) ? 'F' : /^O+$/.test(s) ? 'O' : 'P';
      v.check(oStatus[o] === expected, () => `o_orderstatus ${oStatus[o]} at order row ${o}, lines ${s}`);
    }
    v.expectNone();
    // Both return flags occur about equally often among received lines, and all three order statuses occur.
    const r = flag.filter((f) => f === 'R').length;
    const a = flag.filter((f) => f === 'A').length;
    expect(Math.abs(r - a) / (r + a)).toBeLessThan(0.05);
    expect(new Set(oStatus)).toEqual(new Set(['F', 'O', 'P']));
    // Order dates span the whole range.
    expect(Math.min(...oDate) - START_DATE).toBeLessThan(10);
    expect(END_DATE - 151 - Math.max(...oDate)).toBeLessThan(10);
  });

  it('builds parts, customers and suppliers from the spec lists', () => {
    const types = new Set(combinations(TYPE_SYLLABLES));
    const containers = new Set(combinations(CONTAINER_SYLLABLES));
    expect(types.size).toBe(150);
    expect(containers.size).toBe(40);
    const colors = new Set(COLORS);
    const mfgr = texts(data.part, 'p_mfgr');
    const brand = texts(data.part, 'p_brand');
    const names = texts(data.part, 'p_name');
    const size = intsOf(data.part, 'p_size');
    const retail = centsOf(data.part, 'p_retailprice');
    texts(data.part, 'p_type').forEach((t) => expect(types.has(t)).toBe(true));
    texts(data.part, 'p_container').forEach((c) => expect(containers.has(c)).toBe(true));
    for (let i = 0; i < data.part.rows; i++) {
      const words = names[i]!.split(' ');
      expect(words).toHaveLength(5);
      expect(new Set(words).size).toBe(5);
      for (const w of words) expect(colors.has(w)).toBe(true);
      expect(mfgr[i]).toMatch(/^Manufacturer#[1-5]$/);
      expect(brand[i]).toBe(`Brand#${mfgr[i]!.slice(-1)}${brand[i]!.slice(-1)}`);
      expect(brand[i]).toMatch(/^Brand#[1-5][1-5]$/);
      expect(size[i]! >= 1 && size[i]! <= 50).toBe(true);
      expect(retail[i]).toBe(retailPriceCents(i + 1));
    }
    expect(retailPriceCents(1)).toBe(90_100);
    expect(new Set(texts(data.customer, 'c_mktsegment'))).toEqual(new Set(SEGMENTS));
    for (const [t, prefix] of [[data.customer, 'c'], [data.supplier, 's']] as const) {
      const nation = intsOf(t, `${prefix}_nationkey`);
      const phone = texts(t, `${prefix}_phone`);
      const acctbal = centsOf(t, `${prefix}_acctbal`);
      for (let i = 0; i < t.rows; i++) {
        expect(phone[i]).toMatch(new RegExp(`^${nation[i]! + 10}-\\d{3}-\\d{3}-\\d{4}$`));
        expect(acctbal[i]! >= -99_999 && acctbal[i]! <= 999_999).toBe(true);
      }
      expect(Math.min(...acctbal)).toBeLessThan(0);
    }
    const cost = centsOf(data.partsupp, 'ps_supplycost');
    const avail = intsOf(data.partsupp, 'ps_availqty');
    for (let i = 0; i < data.partsupp.rows; i++) {
      expect(cost[i]! >= 100 && cost[i]! <= 100_000).toBe(true);
      expect(avail[i]! >= 1 && avail[i]! <= 9_999).toBe(true);
    }
    const comments = texts(data.lineitem, 'l_comment');
    for (const c of comments.slice(0, 1000)) expect(c.length >= 10 && c.length <= 43).toBe(true);
  });

  it('uses the spec dates', () => {
    expect(START_DATE).toBe(dayNumber('1992-01-01'));
    expect(CURRENT_DATE).toBe(dayNumber('1995-06-17'));
    expect(END_DATE).toBe(dayNumber('1998-12-31'));
    expect(() => dayNumber('1998/12/31')).toThrow(/YYYY-MM-DD/);
  });
});

describe('TPC-H generator: determinism', () => {
  it('gives the same tables for the same seed and different ones for another seed', () => {
    const again = generateTpchData({ scaleFactor: SF });
    const other = generateTpchData({ scaleFactor: SF, seed: 7 });
    for (const name of Object.keys(data) as (keyof TpchData)[]) {
      expect(fingerprint(again[name]), name).toBe(fingerprint(data[name]));
    }
    expect(fingerprint(other.lineitem)).not.toBe(fingerprint(data.lineitem));
    expect(fingerprint(other.customer)).not.toBe(fingerprint(data.customer));
  });
});
