import { $ } from '../../engine/index.js';
import { Float64, Int64 } from 'apache-arrow';
import { SeededRandom } from '../../bench/prng.js';
import { arrowTable } from '../support/arrow-build.js';
import type { Value } from '../support/values.js';
import { differentialSuite, type DiffCase } from './differential.js';

// Aggregation with more groups than fit a cache-sized hash table (110,000 distinct keys plus
// NULL, past the point where weir's aggregate table grows and partitions); keys repeat so that
// groups receive rows across batches. Batch size 1 is left out: 150,000 one-row batches add
// nothing the small suites do not already cover.
const ROWS = 150_000;

const cases: DiffCase[] = [
  {
    name: 'count and sum per key, 110,000 groups',
    sql: 'SELECT k, count(v) AS c, sum(v) AS s FROM big GROUP BY k',
    weir: (e) => e.from('big').groupBy($('k')).select($('k'), $('v').count().as('c'), $('v').sum().as('s')),
  },
  {
    name: 'min and max per key, 110,000 groups',
    sql: 'SELECT k, min(v) AS lo, max(v) AS hi FROM big GROUP BY k',
    weir: (e) => e.from('big').groupBy($('k')).select($('k'), $('v').min().as('lo'), $('v').max().as('hi')),
  },
];

const GROUPS = 110_000;

function bigTable() {
  const rnd = new SeededRandom(303);
  const k: Value[] = [];
  const v: Value[] = [];
  for (let i = 0; i < ROWS; i++) {
    // Keys scattered over the int64 range: no dense-range shortcut.
    k.push(rnd.chance(0.001) ? null : BigInt(i % GROUPS) * 0x9e3779b97f4an - 0x7f4a7c15n);
    v.push(rnd.chance(0.05) ? null : rnd.nextInt(1 << 20) / 1024);
  }
  return arrowTable({ k: { type: new Int64(), values: k }, v: { type: new Float64(), values: v } });
}

differentialSuite('aggregate with many groups vs DuckDB', () => ({ big: bigTable() }), cases, [7, 65_536]);
