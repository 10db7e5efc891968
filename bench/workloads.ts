/**
 * The benchmark workloads of issue 2, each with the SQL that defines it. The SQL is what DuckDB
 * runs; the other systems implement the same query in their own API, and every system's result
 * is reduced to the same checksum (see checksum.ts) so that a wrong answer cannot pass as fast.
 */

/** Identifier of a workload. */
export type WorkloadId = 'W1' | 'W2' | 'W2b' | 'W3' | 'W4a' | 'W4b' | 'W6';

/** One workload: what it computes and the shape of its result. */
export interface Workload {
  readonly id: WorkloadId;
  /** One line for the report. */
  readonly title: string;
  /** The query over `t(k, g, fk, v, s)` and `d(dk, attr)`. */
  readonly sql: string;
}

/** All workloads, in report order. */
export const WORKLOADS: readonly Workload[] = [
  { id: 'W1', title: 'sum(v) WHERE v > 0.5', sql: 'SELECT sum(v) AS s FROM t WHERE v > 0.5' },
  {
    id: 'W2',
    title: 'GROUP BY k (1,000 keys): count, sum, min, max',
    sql: 'SELECT k, count(v) AS c, sum(v) AS s, min(v) AS mn, max(v) AS mx FROM t GROUP BY k',
  },
  {
    id: 'W2b',
    title: 'GROUP BY g (1,000,000 keys): count, sum',
    sql: 'SELECT g, count(v) AS c, sum(v) AS s FROM t GROUP BY g',
  },
  {
    id: 'W3',
    title: 'JOIN d (100,000 rows) ON fk = dk: sum(attr)',
    sql: 'SELECT sum(attr) AS s FROM t JOIN d ON t.fk = d.dk',
  },
  { id: 'W4a', title: 'top-100 by v DESC', sql: 'SELECT v FROM t ORDER BY v DESC LIMIT 100' },
  { id: 'W4b', title: 'full sort by v', sql: 'SELECT v FROM t ORDER BY v' },
  {
    id: 'W6',
    title: 'GROUP BY s (10,000 strings): count',
    sql: 'SELECT s, count(*) AS c FROM t GROUP BY s',
  },
];

/** The workload with this id, or an error naming the valid ids. */
export function workloadById(id: string): Workload {
  const w = WORKLOADS.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!w) throw new Error(`unknown workload '${id}'; valid: ${WORKLOADS.map((x) => x.id).join(', ')}`);
  return w;
}
