/**
 * SUPPLIER and CUSTOMER, which share a shape: a numbered name, a random address, a nation drawn
 * uniformly from the 25, a phone number whose country code follows the nation, and an account
 * balance uniform in -999.99..9999.99 (clause 4.2.3).
 */
import type { SeededRandom } from '../prng.js';
import { Utf8Builder, enumStrings, type TpchColumn, type TpchTable } from './columns.js';
import { pad9, phoneNumber, randomVString, uniform } from './random.js';
import { commentColumn } from './text-pool.js';
import { NATIONS, SEGMENTS } from './word-lists.js';

interface PartyColumns {
  readonly key: Int32Array;
  readonly nationKey: Int32Array;
  readonly acctbal: Int32Array;
  readonly name: Utf8Builder;
  readonly address: Utf8Builder;
  readonly phone: Utf8Builder;
}

function parties(rng: SeededRandom, rows: number, label: string): PartyColumns {
  const p: PartyColumns = {
    key: new Int32Array(rows),
    nationKey: new Int32Array(rows),
    acctbal: new Int32Array(rows),
    name: new Utf8Builder(rows, 18),
    address: new Utf8Builder(rows, 25),
    phone: new Utf8Builder(rows, 15),
  };
  for (let i = 0; i < rows; i++) {
    const key = i + 1;
    const nation = uniform(rng, 0, NATIONS.length - 1);
    p.key[i] = key;
    p.nationKey[i] = nation;
    p.acctbal[i] = uniform(rng, -99_999, 999_999);
    p.name.append(`${label}#${pad9(key)}`);
    p.address.append(randomVString(rng, 10, 40));
    p.phone.append(phoneNumber(rng, nation));
  }
  return p;
}

/** SUPPLIER: `rows` suppliers, keys 1..rows. */
export function generateSupplier(rng: SeededRandom, pool: Uint8Array, rows: number): TpchTable {
  const p = parties(rng, rows, 'Supplier');
  return {
    name: 'supplier',
    rows,
    columns: [
      { name: 's_suppkey', kind: 'int', values: p.key },
      { name: 's_name', kind: 'string', strings: p.name.finish() },
      { name: 's_address', kind: 'string', strings: p.address.finish() },
      { name: 's_nationkey', kind: 'int', values: p.nationKey },
      { name: 's_phone', kind: 'string', strings: p.phone.finish() },
      { name: 's_acctbal', kind: 'decimal', cents: p.acctbal },
      { name: 's_comment', kind: 'string', strings: commentColumn(rng, pool, rows, 25, 100) },
    ],
  };
}

/** CUSTOMER: `rows` customers, keys 1..rows, market segment uniform over the five. */
export function generateCustomer(rng: SeededRandom, pool: Uint8Array, rows: number): TpchTable {
  const p = parties(rng, rows, 'Customer');
  const segment = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) segment[i] = uniform(rng, 0, SEGMENTS.length - 1);
  const columns: TpchColumn[] = [
    { name: 'c_custkey', kind: 'int', values: p.key },
    { name: 'c_name', kind: 'string', strings: p.name.finish() },
    { name: 'c_address', kind: 'string', strings: p.address.finish() },
    { name: 'c_nationkey', kind: 'int', values: p.nationKey },
    { name: 'c_phone', kind: 'string', strings: p.phone.finish() },
    { name: 'c_acctbal', kind: 'decimal', cents: p.acctbal },
    { name: 'c_mktsegment', kind: 'string', strings: enumStrings(segment, SEGMENTS) },
    { name: 'c_comment', kind: 'string', strings: commentColumn(rng, pool, rows, 29, 116) },
  ];
  return { name: 'customer', rows, columns };
}
