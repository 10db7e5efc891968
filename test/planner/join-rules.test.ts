import { describe, expect, it } from 'vitest';
import { TPCH_QUERIES } from '../../bench/tpch/queries.js';
import { MemoryCatalog } from '../../engine/logical/catalog.js';
import { formatLogicalPlan } from '../../engine/logical/format-plan.js';
import type { LogicalPlan } from '../../engine/logical/plan.js';
import { chooseJoinBuildSide } from '../../engine/optimizer/choose-join-build-side.js';
import { optimize } from '../../engine/optimizer/optimize.js';
import type { OptimizerOptions } from '../../engine/optimizer/optimizer-rule.js';
import { pushDownFilter } from '../../engine/optimizer/push-down-filter.js';
import { reorderJoins } from '../../engine/optimizer/reorder-joins.js';
import { semiJoinJoinTranspose } from '../../engine/optimizer/semi-join-join-transpose.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { planningEnv, schema, type PlanningTable } from './support/planning-env.js';
import { TPCH_SF1_TABLES } from './support/tpch-schemas.js';

// Plan shapes of semi-join push-down, join reordering and the build-side choice (schemas left
// out of the plan texts to keep them readable).

const tpch = planningEnv(TPCH_SF1_TABLES);
const tpchCatalog = new MemoryCatalog(TPCH_SF1_TABLES);

function text(plan: LogicalPlan): string {
  return formatLogicalPlan(plan).split('\n').map((l) => l.replace(/ \[[^\]]*\]$/, '')).join('\n');
}

const sqlOf = (id: string) => TPCH_QUERIES.find((q) => q.id === id)!.sql;

/** The optimized plan of TPC-H query `id` over SF 1 sizes. */
function tpchPlan(id: string, options: OptimizerOptions = {}): LogicalPlan {
  return optimize(tpch.sqlQuery(sqlOf(id)).plan, tpchCatalog, options);
}

/** The join tree alone: each join's type, condition and build side, leaves as table names. */
function joinTree(plan: LogicalPlan, depth = 0): string[] {
  const pad = '  '.repeat(depth);
  switch (plan.kind) {
    case 'TableScan':
      return [`${pad}${plan.table}`];
    case 'Join': {
      const line = text(plan).split('\n')[0]!.replace('Join: ', '');
      return [`${pad}${line}`, ...joinTree(plan.left, depth + 1), ...joinTree(plan.right, depth + 1)];
    }
    case 'Values':
      return [`${pad}values`];
    case 'Union':
      return plan.inputs.flatMap((p) => joinTree(p, depth));
    default:
      return joinTree(plan.input, depth);
  }
}

describe('semi join push-down (SemiJoinJoinTranspose)', () => {
  it('TPC-H Q18: the IN subquery filters orders before customer and lineitem join it, and the subquery side builds', () => {
    expect(joinTree(tpchPlan('Q18'))).toEqual([
      'type=inner, condition=(o_orderkey = l_orderkey), build=left',
      '  type=inner, condition=(c_custkey = o_custkey), build=left',
      '    customer',
      '    type=semi, condition=(o_orderkey = l_orderkey), build=right',
      '      orders',
      '      lineitem',
      '  lineitem',
    ]);
  });

  const tables: Record<string, PlanningTable> = {
    a: { schema: schema({ ak: DataTypes.INT(), av: DataTypes.INT() }), rowCount: 100 },
    b: { schema: schema({ bk: DataTypes.INT(), bv: DataTypes.INT() }), rowCount: 100 },
    r: { schema: schema({ rk: DataTypes.INT(), rv: DataTypes.INT() }), rowCount: 10 },
  };
  const env = planningEnv(tables);
  const catalog = new MemoryCatalog(tables);
  const transposed = (sql: string) => text(semiJoinJoinTranspose.apply(pushDownFilter.apply(env.sqlQuery(sql).plan, { catalog }), { catalog }));

  it('sinks onto the side of an inner join that holds the keys, left or right', () => {
    expect(transposed('SELECT * FROM a JOIN b ON ak = bk WHERE bv IN (SELECT rv FROM r)')).toBe([
      'Project: ak, av, bk, bv',
      '  Join: type=inner, condition=(ak = bk)',
      '    TableScan: a',
      '    Join: type=semi, condition=(bv = rv)',
      '      TableScan: b',
      '      TableScan: r',
    ].join('\n'));
    expect(transposed('SELECT * FROM a JOIN b ON ak = bk WHERE NOT EXISTS (SELECT * FROM r WHERE rk = av AND rv > 1)')).toBe([
      'Project: ak, av, bk, bv',
      '  Join: type=inner, condition=(ak = bk)',
      '    Join: type=anti, condition=(rk = av)',
      '      TableScan: a',
      '      Filter: (rv > 1)',
      '        TableScan: r',
      '    TableScan: b',
    ].join('\n'));
  });

  it('sinks onto the preserved side of an outer join only', () => {
    const left = transposed('SELECT * FROM a LEFT JOIN b ON ak = bk WHERE av IN (SELECT rv FROM r)');
    expect(left).toContain('Join: type=left, condition=(ak = bk)\n    Join: type=semi');
    const padded = transposed('SELECT * FROM a LEFT JOIN b ON ak = bk WHERE bv IN (SELECT rv FROM r)');
    expect(padded).toContain('Join: type=semi, condition=(bv = rv)\n    Join: type=left');
  });

  it('stays above the join when its condition reads both sides, or no side at all', () => {
    const both = transposed('SELECT * FROM a JOIN b ON ak = bk WHERE EXISTS (SELECT * FROM r WHERE rk = av AND rv = bv)');
    expect(both).toContain('Join: type=semi, condition=((rk = av) AND (rv = bv))\n    Join: type=inner');
    const uncorrelated = transposed('SELECT * FROM a JOIN b ON ak = bk WHERE EXISTS (SELECT * FROM r WHERE rv > 1)');
    expect(uncorrelated).toMatch(/Join: type=semi\n {4}Join: type=inner/);
  });
});

describe('join reordering', () => {
  it('TPC-H Q5: the region restriction reaches customer before orders and lineitem (implied c_nationkey = n_nationkey)', () => {
    expect(joinTree(tpchPlan('Q5'))).toEqual([
      'type=inner, condition=((c_nationkey = s_nationkey) AND (l_suppkey = s_suppkey)), build=right',
      '  type=inner, condition=(o_orderkey = l_orderkey), build=left',
      '    type=inner, condition=(c_custkey = o_custkey), build=left',
      '      type=inner, condition=(c_nationkey = n_nationkey), build=right',
      '        customer',
      '        type=inner, condition=(n_regionkey = r_regionkey), build=right',
      '          nation',
      '          region',
      '      orders',
      '    lineitem',
      '  supplier',
    ]);
  });

  it('keeps the FROM order when turned off', () => {
    expect(joinTree(tpchPlan('Q5', { joinReorder: false }))).toEqual([
      'type=inner, condition=(n_regionkey = r_regionkey), build=right',
      '  type=inner, condition=(s_nationkey = n_nationkey), build=right',
      '    type=inner, condition=((l_suppkey = s_suppkey) AND (c_nationkey = s_nationkey)), build=right',
      '      type=inner, condition=(l_orderkey = o_orderkey), build=left',
      '        type=inner, condition=(c_custkey = o_custkey), build=left',
      '          customer',
      '          orders',
      '        lineitem',
      '      supplier',
      '    nation',
      '  region',
    ]);
  });

  it('keeps the output columns, their order and names', () => {
    for (const q of TPCH_QUERIES) {
      const plan = tpch.sqlQuery(q.sql).plan;
      expect(optimize(plan, tpchCatalog).schema, q.id).toEqual(plan.schema);
    }
  });

  const chain: Record<string, PlanningTable> = {
    big: { schema: schema({ id: DataTypes.INT(), mid_id: DataTypes.INT(), v: DataTypes.INT() }), rowCount: 1_000_000 },
    mid: { schema: schema({ id: DataTypes.INT(), small_id: DataTypes.INT() }), rowCount: 10_000 },
    small: { schema: schema({ id: DataTypes.INT(), name: DataTypes.STRING() }), rowCount: 10 },
    other: { schema: schema({ id: DataTypes.INT(), w: DataTypes.INT() }), rowCount: 50 },
  };
  const env = planningEnv(chain);
  const catalog = new MemoryCatalog(chain);
  const reordered = (sql: string) => reorderJoins.apply(pushDownFilter.apply(env.sqlQuery(sql).plan, { catalog }), { catalog });

  it('never introduces a cross product: a written cross join is replaced by joins on predicates', () => {
    const plan = reordered('SELECT small.name, big.v FROM small, big, mid WHERE big.mid_id = mid.id AND mid.small_id = small.id');
    expect(joinTree(plan)).toEqual([
      'type=inner, condition=(id = mid_id)',
      '  type=inner, condition=(id = small_id)',
      '    small',
      '    mid',
      '  big',
    ]);
    expect(text(plan).split('\n')[0]).toBe('Project: name, v');
  });

  it('treats outer joins as barriers and reorders the inner joins on either side of them', () => {
    const plan = reordered(`SELECT * FROM other LEFT JOIN (SELECT big.v, small.name FROM big, small, mid
      WHERE big.mid_id = mid.id AND mid.small_id = small.id) s ON other.w = s.v`);
    const tree = joinTree(plan);
    expect(tree[0]).toBe('type=left, condition=(w = v)');
    expect(tree.slice(2)).toEqual([
      '  type=inner, condition=(mid_id = id)',
      '    big',
      '    type=inner, condition=(id = small_id)',
      '      small',
      '      mid',
    ]);
  });

  it('leaves a tree alone when no order is estimated cheaper', () => {
    const sql = 'SELECT * FROM small JOIN mid ON small.id = mid.small_id JOIN big ON mid.id = big.mid_id';
    const written = pushDownFilter.apply(env.sqlQuery(sql).plan, { catalog });
    expect(reorderJoins.apply(written, { catalog })).toBe(written);
  });

  it('is off with the SET key table.optimizer.join-reorder-enabled', async () => {
    const session = planningEnv(chain);
    const sql = 'SELECT small.name, big.v FROM small, big, mid WHERE big.mid_id = mid.id AND mid.small_id = small.id';
    expect(session.sqlQuery(sql).explain()).not.toContain('NestedLoopJoinExec');
    await session.executeSql("SET 'table.optimizer.join-reorder-enabled' = 'FALSE'");
    expect(session.sqlQuery(sql).explain()).toContain('NestedLoopJoinExec');
    await session.executeSql("SET 'table.optimizer.join-reorder-enabled' = 'true'");
    expect(session.sqlQuery(sql).explain()).not.toContain('NestedLoopJoinExec');
    await expect(session.executeSql("SET 'table.optimizer.join-reorder-enabled' = 'yes'"))
      .rejects.toThrow(/'yes' is not a valid value for 'table.optimizer.join-reorder-enabled'/);
  });

  it('orders more inputs than the exhaustive search takes greedily, still without cross products', () => {
    const n = 12;
    const tables: Record<string, PlanningTable> = {};
    for (let i = 0; i < n; i++) tables[`t${i}`] = { schema: schema({ [`k${i}`]: DataTypes.INT(), [`p${i}`]: DataTypes.INT() }), rowCount: 10 ** (1 + (i * 7) % 5) };
    const many = planningEnv(tables);
    const cat = new MemoryCatalog(tables);
    // A chain t0 - t1 - ... - t11 written in a scrambled order.
    const order = [5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7];
    const where = Array.from({ length: n - 1 }, (_, i) => `p${i} = k${i + 1}`).join(' AND ');
    const plan = optimize(many.sqlQuery(`SELECT * FROM ${order.map((i) => `t${i}`).join(', ')} WHERE ${where}`).plan, cat);
    const joins = joinTree(plan).filter((l) => l.trim().startsWith('type='));
    expect(joins).toHaveLength(n - 1);
    const edges = joins.map((j) => {
      const [, x, y] = /condition=\(([pk]\d+) = ([pk]\d+)\)/.exec(j)!;
      return [x!, y!].sort().join(' = ');
    });
    expect(edges.sort()).toEqual(Array.from({ length: n - 1 }, (_, i) => `k${i + 1} = p${i}`).sort());
  });
});

describe('join build side', () => {
  const tables: Record<string, PlanningTable> = {
    f: { schema: schema({ k: DataTypes.INT(), v: DataTypes.INT() }), rowCount: 1000 },
    g: { schema: schema({ k2: DataTypes.INT(), w: DataTypes.INT() }), rowCount: 1500 },
  };
  const env = planningEnv(tables);
  const catalog = new MemoryCatalog(tables);
  const buildOf = (sql: string) => {
    const plan = chooseJoinBuildSide.apply(optimize(env.sqlQuery(sql).plan, catalog), { catalog });
    return joinTree(plan)[0]!.replace(/.*build=/, '');
  };

  it('builds the smaller input, a reduced one (filter, aggregate, semi join) unless more than twice as big', () => {
    expect(buildOf('SELECT * FROM f JOIN g ON k = k2')).toBe('left');
    expect(buildOf('SELECT * FROM f JOIN (SELECT k2 FROM g GROUP BY k2 HAVING COUNT(*) > 1) s ON k = k2')).toBe('right');
    expect(buildOf('SELECT * FROM (SELECT * FROM f WHERE v > 0) x JOIN g ON k = k2')).toBe('left');
    expect(buildOf('SELECT * FROM g JOIN (SELECT * FROM f WHERE v IN (SELECT w FROM g)) x ON k = k2')).toBe('right');
    expect(buildOf('SELECT * FROM (SELECT * FROM g WHERE w > 0) x JOIN (SELECT k FROM f LIMIT 10) y ON k = k2')).toBe('right');
  });
});
