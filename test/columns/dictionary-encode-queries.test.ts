// Queries over string columns give the same results whether registered Utf8 columns are stored
// dictionary-encoded (the default) or as UTF8 (`dictionaryEncode: false`): filters, LIKE,
// comparisons, string functions, grouping, DISTINCT, joins, sorting, windows and the export.
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { importArrow } from '../../bindings/arrow-import.js';
import { Kind } from '../../bindings/column.js';
import { loadWasm } from '../../bindings/node.js';
import { TableEnvironment } from '../../engine/index.js';
import { rng } from './arrow-fixtures.js';

const WORDS = ['apple', 'Banana', '', 'cherry pie', 'ünïcödé', '🍒', 'apple%', 'a_b', 'zebra', 'x'.repeat(30)];

function tables(): { t: arrow.Table; d: arrow.Table } {
  const r = rng(11);
  const n = 600;
  const s: (string | null)[] = [];
  const k = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    s.push(r() < 0.1 ? null : WORDS[Math.floor(r() * WORDS.length)]!);
    k[i] = Math.floor(r() * 50);
  }
  // The dimension side: a few words (and one no fact row has), repeated so that it is encoded too.
  const dname = Array.from({ length: 40 }, (_, i) => [...WORDS.slice(0, 5), 'only here'][i % 6]!);
  const attr = Int32Array.from({ length: 40 }, (_, i) => i);
  return {
    t: new arrow.Table({ s: arrow.vectorFromArray(s, new arrow.Utf8()), k: arrow.makeVector(k) }),
    d: new arrow.Table({ name: arrow.vectorFromArray(dname, new arrow.Utf8()), attr: arrow.makeVector(attr) }),
  };
}

const QUERIES = [
  'SELECT s, k FROM t',
  "SELECT k FROM t WHERE s = 'apple'",
  "SELECT s, k FROM t WHERE s <> 'apple' AND s < 'cherry'",
  "SELECT s FROM t WHERE s LIKE 'a%'",
  "SELECT s FROM t WHERE s LIKE '%e_' OR s NOT LIKE '%a%'",
  "SELECT s FROM t WHERE s IN ('zebra', '', '🍒')",
  'SELECT s FROM t WHERE s IS NULL',
  "SELECT UPPER(s), CHAR_LENGTH(s), SUBSTRING(s, 2, 3), s || '!' , COALESCE(s, 'none') FROM t",
  "SELECT CASE WHEN s > 'b' THEN s ELSE 'small' END FROM t",
  'SELECT s, COUNT(*), SUM(k), MIN(k) FROM t GROUP BY s',
  'SELECT k, MIN(s), MAX(s), COUNT(s), COUNT(DISTINCT s) FROM t GROUP BY k',
  'SELECT DISTINCT s FROM t',
  'SELECT s, k FROM t ORDER BY s, k',
  'SELECT s FROM t ORDER BY s DESC NULLS LAST LIMIT 7',
  'SELECT t.s, d.attr FROM t JOIN d ON t.s = d.name',
  'SELECT d.name, t.k FROM d LEFT JOIN t ON t.s = d.name AND t.k < 3',
  'SELECT a.k, b.k FROM t a JOIN t b ON a.s = b.s WHERE a.k = 7 AND b.k = 9',
  'SELECT s, k, ROW_NUMBER() OVER (PARTITION BY s ORDER BY k) FROM t',
  'SELECT s FROM t UNION SELECT name FROM d',
];

/** A result's rows as JSON strings, sorted (queries without ORDER BY have no defined order). */
function rowsOf(table: arrow.Table, ordered: boolean): string[] {
  const rows = table.toArray().map((row) => JSON.stringify(row, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
  return ordered ? rows : rows.sort();
}

describe('dictionaryEncode setting', () => {
  it('stores the test columns as DICT when on (so the comparison below means something)', async () => {
    const w = await loadWasm();
    const { t, d } = tables();
    for (const table of [t, d]) {
      const on = importArrow(w, table);
      const off = importArrow(w, table, { dictionaryEncode: false });
      expect(on.columns[0]!.kind).toBe(Kind.DICT);
      expect(off.columns[0]!.kind).toBe(Kind.UTF8);
      on.free();
      off.free();
    }
  });

  for (const batchSize of [7, 65536]) {
    it(`gives the same results on and off (batch size ${batchSize})`, async () => {
      const { t, d } = tables();
      const on = await TableEnvironment.create({ batchSize });
      const off = await TableEnvironment.create({ batchSize, dictionaryEncode: false });
      for (const env of [on, off]) {
        env.createTemporaryView('t', t);
        env.createTemporaryView('d', d);
      }
      for (const sql of QUERIES) {
        const a = await (await on.executeSql(sql)).toArrow();
        const b = await (await off.executeSql(sql)).toArrow();
        expect(a.schema.fields.map(String), sql).toEqual(b.schema.fields.map(String));
        expect(a.numRows, sql).toBeGreaterThan(0);
        const ordered = sql.includes('ORDER BY') && !sql.includes('OVER');
        expect(rowsOf(a, ordered), sql).toEqual(rowsOf(b, ordered));
      }
      on.close();
      off.close();
    });
  }
});
