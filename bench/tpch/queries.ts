/**
 * TPC-H Q1, Q3, Q5, Q6, Q10 and Q18 as SQL text that Flink SQL and DuckDB both accept unchanged,
 * with the spec's default substitution parameters (clause 2.4, "validation" values).
 *
 * Deviations from the spec's text, all harmless to the plan shape:
 * - Q3, Q10 and Q18 end their ORDER BY with a key column (l_orderkey, c_custkey, o_orderkey) so
 *   that ties cannot reorder rows between systems and the order-sensitive checksum is stable;
 * - Q18 names its SUM(l_quantity) column `sum_qty` (the spec leaves it unnamed);
 * - date bounds are written as computed DATE literals, as DuckDB's own TPC-H queries do:
 *   Q1 `DATE '1998-09-02'` for `date '1998-12-01' - interval '90' day`, Q5 and Q6
 *   `DATE '1995-01-01'` for `date '1994-01-01' + interval '1' year`, Q10 `DATE '1994-01-01'` for
 *   `date '1993-10-01' + interval '3' month`. Both dialects accept the interval form, but DuckDB
 *   types DATE ± INTERVAL as TIMESTAMP and then casts the date column of every row to TIMESTAMP
 *   (EXPLAIN shows `CAST(l_shipdate AS TIMESTAMP) <= ...`), which would slow the reference down
 *   for a reason unrelated to the engine; {@link TPCH_INTERVAL_FORMS} keeps the interval form for
 *   planner tests.
 * Joins are written as in the spec: comma-separated tables with the join predicates in WHERE.
 */

/** The query ids, in report order. */
export const TPCH_QUERY_IDS = ['Q1', 'Q3', 'Q5', 'Q6', 'Q10', 'Q18'] as const;
export type TpchQueryId = (typeof TPCH_QUERY_IDS)[number];

/** One benchmark query. */
export interface TpchQuery {
  readonly id: TpchQueryId;
  /** The spec's name for it. */
  readonly title: string;
  readonly sql: string;
}

const Q1 = `SELECT
  l_returnflag,
  l_linestatus,
  SUM(l_quantity) AS sum_qty,
  SUM(l_extendedprice) AS sum_base_price,
  SUM(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
  SUM(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,
  AVG(l_quantity) AS avg_qty,
  AVG(l_extendedprice) AS avg_price,
  AVG(l_discount) AS avg_disc,
  COUNT(*) AS count_order
FROM lineitem
WHERE l_shipdate <= DATE '1998-09-02'
GROUP BY l_returnflag, l_linestatus
ORDER BY l_returnflag, l_linestatus`;

const Q3 = `SELECT
  l_orderkey,
  SUM(l_extendedprice * (1 - l_discount)) AS revenue,
  o_orderdate,
  o_shippriority
FROM customer, orders, lineitem
WHERE c_mktsegment = 'BUILDING'
  AND c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate < DATE '1995-03-15'
  AND l_shipdate > DATE '1995-03-15'
GROUP BY l_orderkey, o_orderdate, o_shippriority
ORDER BY revenue DESC, o_orderdate, l_orderkey
LIMIT 10`;

const Q5 = `SELECT
  n_name,
  SUM(l_extendedprice * (1 - l_discount)) AS revenue
FROM customer, orders, lineitem, supplier, nation, region
WHERE c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND l_suppkey = s_suppkey
  AND c_nationkey = s_nationkey
  AND s_nationkey = n_nationkey
  AND n_regionkey = r_regionkey
  AND r_name = 'ASIA'
  AND o_orderdate >= DATE '1994-01-01'
  AND o_orderdate < DATE '1995-01-01'
GROUP BY n_name
ORDER BY revenue DESC`;

const Q6 = `SELECT
  SUM(l_extendedprice * l_discount) AS revenue
FROM lineitem
WHERE l_shipdate >= DATE '1994-01-01'
  AND l_shipdate < DATE '1995-01-01'
  AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01
  AND l_quantity < 24`;

const Q10 = `SELECT
  c_custkey,
  c_name,
  SUM(l_extendedprice * (1 - l_discount)) AS revenue,
  c_acctbal,
  n_name,
  c_address,
  c_phone,
  c_comment
FROM customer, orders, lineitem, nation
WHERE c_custkey = o_custkey
  AND l_orderkey = o_orderkey
  AND o_orderdate >= DATE '1993-10-01'
  AND o_orderdate < DATE '1994-01-01'
  AND l_returnflag = 'R'
  AND c_nationkey = n_nationkey
GROUP BY c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
ORDER BY revenue DESC, c_custkey
LIMIT 20`;

const Q18 = `SELECT
  c_name,
  c_custkey,
  o_orderkey,
  o_orderdate,
  o_totalprice,
  SUM(l_quantity) AS sum_qty
FROM customer, orders, lineitem
WHERE o_orderkey IN (
    SELECT l_orderkey
    FROM lineitem
    GROUP BY l_orderkey
    HAVING SUM(l_quantity) > 300
  )
  AND c_custkey = o_custkey
  AND o_orderkey = l_orderkey
GROUP BY c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice
ORDER BY o_totalprice DESC, o_orderdate, o_orderkey
LIMIT 100`;

/** The six queries, in report order. */
export const TPCH_QUERIES: readonly TpchQuery[] = [
  { id: 'Q1', title: 'pricing summary report', sql: Q1 },
  { id: 'Q3', title: 'shipping priority', sql: Q3 },
  { id: 'Q5', title: 'local supplier volume', sql: Q5 },
  { id: 'Q6', title: 'forecasting revenue change', sql: Q6 },
  { id: 'Q10', title: 'returned item reporting', sql: Q10 },
  { id: 'Q18', title: 'large volume customer', sql: Q18 },
];

/** The query with id `id` (case-insensitive); throws listing the valid ids. */
export function tpchQueryById(id: string): TpchQuery {
  const q = TPCH_QUERIES.find((x) => x.id.toLowerCase() === id.trim().toLowerCase());
  if (!q) throw new Error(`unknown TPC-H query '${id}'; valid: ${TPCH_QUERY_IDS.join(', ')}`);
  return q;
}

/**
 * The spec's interval arithmetic for each date bound the queries above write as a literal
 * (`[interval form, literal]`), for SQL front-end tests that both forms plan to the same filter.
 */
export const TPCH_INTERVAL_FORMS: readonly (readonly [interval: string, literal: string])[] = [
  ["DATE '1998-12-01' - INTERVAL '90' DAY", "DATE '1998-09-02'"],
  ["DATE '1994-01-01' + INTERVAL '1' YEAR", "DATE '1995-01-01'"],
  ["DATE '1993-10-01' + INTERVAL '3' MONTH", "DATE '1994-01-01'"],
];
