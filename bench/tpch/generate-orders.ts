/**
 * ORDERS and LINEITEM, generated together because an order's status and total price follow from
 * its line items (clause 4.2.3):
 * - o_orderkey is sparse: of every 32 keys only the first 8 are used;
 * - o_custkey is uniform over the customers whose key is not a multiple of 3 (a third of the
 *   customers never order);
 * - o_orderdate is uniform in STARTDATE .. ENDDATE - 151 days; each order has 1..7 line items;
 * - l_shipdate = orderdate + 1..121, l_commitdate = orderdate + 30..90,
 *   l_receiptdate = shipdate + 1..30;
 * - l_returnflag is R or A (even odds) when received by CURRENTDATE, else N; l_linestatus is O
 *   when shipped after CURRENTDATE, else F; o_orderstatus is F or O when all its lines are, else P;
 * - l_quantity 1..50, l_discount 0.00..0.10, l_tax 0.00..0.08,
 *   l_extendedprice = l_quantity * p_retailprice, l_suppkey one of the part's four suppliers;
 * - o_totalprice = sum of l_extendedprice * (1 + l_tax) * (1 - l_discount), each rounded to cents.
 */
import type { SeededRandom } from '../prng.js';
import { Utf8Builder, enumStrings, type TpchTable } from './columns.js';
import { CURRENT_DATE, LAST_ORDER_DATE, START_DATE } from './dates.js';
import { SUPPLIERS_PER_PART, retailPriceCents, supplierOfPart } from './generate-parts.js';
import { pad9, uniform } from './random.js';
import { commentColumn } from './text-pool.js';
import { PRIORITIES, SHIP_INSTRUCTIONS, SHIP_MODES } from './word-lists.js';

/** Table sizes the order generator draws keys from. */
export interface OrderScale {
  readonly orders: number;
  readonly customers: number;
  readonly parts: number;
  readonly suppliers: number;
  readonly clerks: number;
}

/** The random streams of the order generator. */
export interface OrderStreams {
  readonly lineCounts: SeededRandom;
  readonly orders: SeededRandom;
  readonly lines: SeededRandom;
  readonly orderComments: SeededRandom;
  readonly lineComments: SeededRandom;
}

const RETURN_FLAGS = ['R', 'A', 'N'];
const LINE_STATUSES = ['O', 'F'];
const ORDER_STATUSES = ['F', 'O', 'P'];

/** The o_orderkey of the i-th order (0-based): 8 used keys out of every 32. */
export function orderKey(i: number): number {
  return Math.floor(i / 8) * 32 + (i % 8) + 1;
}

/** ORDERS and LINEITEM. */
export function generateOrdersAndLineitem(
  streams: OrderStreams,
  pool: Uint8Array,
  scale: OrderScale,
): { orders: TpchTable; lineitem: TpchTable } {
  const n = scale.orders;
  const lineCount = new Uint8Array(n);
  let lines = 0;
  for (let i = 0; i < n; i++) lines += lineCount[i] = uniform(streams.lineCounts, 1, 7);

  const oKey = new Int32Array(n);
  const oCust = new Int32Array(n);
  const oStatus = new Uint8Array(n);
  const oTotal = new Int32Array(n);
  const oDate = new Int32Array(n);
  const oPriority = new Uint8Array(n);
  const oClerk = new Utf8Builder(n, 15);
  const oShipPriority = new Int32Array(n);

  const lOrder = new Int32Array(lines);
  const lPart = new Int32Array(lines);
  const lSupp = new Int32Array(lines);
  const lNumber = new Int32Array(lines);
  const lQuantity = new Int32Array(lines);
  const lPrice = new Int32Array(lines);
  const lDiscount = new Int32Array(lines);
  const lTax = new Int32Array(lines);
  const lReturnFlag = new Uint8Array(lines);
  const lLineStatus = new Uint8Array(lines);
  const lShip = new Int32Array(lines);
  const lCommit = new Int32Array(lines);
  const lReceipt = new Int32Array(lines);
  const lInstruct = new Uint8Array(lines);
  const lMode = new Uint8Array(lines);

  const o = streams.orders;
  const r = streams.lines;
  let l = 0;
  for (let i = 0; i < n; i++) {
    const key = orderKey(i);
    let cust: number;
    do cust = uniform(o, 1, scale.customers);
    while (cust % 3 === 0 && scale.customers > 2);
    const date = uniform(o, START_DATE, LAST_ORDER_DATE);
    oKey[i] = key;
    oCust[i] = cust;
    oDate[i] = date;
    oPriority[i] = uniform(o, 0, PRIORITIES.length - 1);
    oClerk.append(`Clerk#${pad9(uniform(o, 1, scale.clerks))}`);
    let total = 0;
    let open = 0;
    const count = lineCount[i]!;
    for (let j = 0; j < count; j++, l++) {
      const part = uniform(r, 1, scale.parts);
      const quantity = uniform(r, 1, 50);
      const price = quantity * retailPriceCents(part);
      const discount = uniform(r, 0, 10);
      const tax = uniform(r, 0, 8);
      const ship = date + uniform(r, 1, 121);
      const receipt = ship + uniform(r, 1, 30);
      lOrder[l] = key;
      lPart[l] = part;
      lSupp[l] = supplierOfPart(part, uniform(r, 0, SUPPLIERS_PER_PART - 1), scale.suppliers);
      lNumber[l] = j + 1;
      lQuantity[l] = quantity * 100;
      lPrice[l] = price;
      lDiscount[l] = discount;
      lTax[l] = tax;
      lShip[l] = ship;
      lCommit[l] = date + uniform(r, 30, 90);
      lReceipt[l] = receipt;
      lReturnFlag[l] = receipt <= CURRENT_DATE ? uniform(r, 0, 1) : 2;
      const isOpen = ship > CURRENT_DATE;
      lLineStatus[l] = isOpen ? 0 : 1;
      open += isOpen ? 1 : 0;
      lInstruct[l] = uniform(r, 0, SHIP_INSTRUCTIONS.length - 1);
      lMode[l] = uniform(r, 0, SHIP_MODES.length - 1);
      total += Math.round((price * (100 + tax) * (100 - discount)) / 10_000);
    }
    oTotal[i] = total;
    oStatus[i] = open === 0 ? 0 : open === count ? 1 : 2;
  }

  const orders: TpchTable = {
    name: 'orders',
    rows: n,
    columns: [
      { name: 'o_orderkey', kind: 'int', values: oKey },
      { name: 'o_custkey', kind: 'int', values: oCust },
      { name: 'o_orderstatus', kind: 'string', strings: enumStrings(oStatus, ORDER_STATUSES) },
      { name: 'o_totalprice', kind: 'decimal', cents: oTotal },
      { name: 'o_orderdate', kind: 'date', days: oDate },
      { name: 'o_orderpriority', kind: 'string', strings: enumStrings(oPriority, PRIORITIES) },
      { name: 'o_clerk', kind: 'string', strings: oClerk.finish() },
      { name: 'o_shippriority', kind: 'int', values: oShipPriority },
      { name: 'o_comment', kind: 'string', strings: commentColumn(streams.orderComments, pool, n, 19, 78) },
    ],
  };
  const lineitem: TpchTable = {
    name: 'lineitem',
    rows: lines,
    columns: [
      { name: 'l_orderkey', kind: 'int', values: lOrder },
      { name: 'l_partkey', kind: 'int', values: lPart },
      { name: 'l_suppkey', kind: 'int', values: lSupp },
      { name: 'l_linenumber', kind: 'int', values: lNumber },
      { name: 'l_quantity', kind: 'decimal', cents: lQuantity },
      { name: 'l_extendedprice', kind: 'decimal', cents: lPrice },
      { name: 'l_discount', kind: 'decimal', cents: lDiscount },
      { name: 'l_tax', kind: 'decimal', cents: lTax },
      { name: 'l_returnflag', kind: 'string', strings: enumStrings(lReturnFlag, RETURN_FLAGS) },
      { name: 'l_linestatus', kind: 'string', strings: enumStrings(lLineStatus, LINE_STATUSES) },
      { name: 'l_shipdate', kind: 'date', days: lShip },
      { name: 'l_commitdate', kind: 'date', days: lCommit },
      { name: 'l_receiptdate', kind: 'date', days: lReceipt },
      { name: 'l_shipinstruct', kind: 'string', strings: enumStrings(lInstruct, SHIP_INSTRUCTIONS) },
      { name: 'l_shipmode', kind: 'string', strings: enumStrings(lMode, SHIP_MODES) },
      { name: 'l_comment', kind: 'string', strings: commentColumn(streams.lineComments, pool, lines, 10, 43) },
    ],
  };
  return { orders, lineitem };
}
