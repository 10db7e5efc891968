import { describe, expect, it } from 'vitest';
import { $, lit } from '../../engine/api/expressions.js';
import { formatLogicalPlan } from '../../engine/logical/format-plan.js';
import type { LogicalPlan } from '../../engine/logical/plan.js';
import { chooseJoinBuildSide } from '../../engine/optimizer/choose-join-build-side.js';
import { constantFolding } from '../../engine/optimizer/constant-folding.js';
import { mergeFilters } from '../../engine/optimizer/merge-filters.js';
import { mergeProjections } from '../../engine/optimizer/merge-projections.js';
import type { OptimizerRule } from '../../engine/optimizer/optimizer-rule.js';
import { pushDownFilter } from '../../engine/optimizer/push-down-filter.js';
import { pushDownLimit } from '../../engine/optimizer/push-down-limit.js';
import { pushDownProjection } from '../../engine/optimizer/push-down-projection.js';
import { estimateRows } from '../../engine/optimizer/row-estimate.js';
import { MemoryCatalog } from '../../engine/logical/catalog.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { planningEnv, schema } from './support/planning-env.js';

// Each optimizer rule alone, as before → after plans (schemas left out to keep them readable).

const tables = {
  t: { schema: schema({ a: DataTypes.INT(), b: DataTypes.INT(), s: DataTypes.STRING() }), rowCount: 100 },
  u: { schema: schema({ x: DataTypes.INT(), y: DataTypes.INT() }), rowCount: 10 },
  big: { schema: schema({ k: DataTypes.INT(), v: DataTypes.DOUBLE() }), rowCount: 1_000_000 },
};
const env = planningEnv(tables);
const catalog = new MemoryCatalog(tables);

function text(plan: LogicalPlan): string {
  return formatLogicalPlan(plan).split('\n').map((l) => l.replace(/ \[[^\]]*\]$/, '')).join('\n');
}

function rewrite(rule: OptimizerRule, plan: LogicalPlan): string {
  return text(rule.apply(plan, { catalog }));
}

describe('constant folding', () => {
  it('folds literal arithmetic, implicit casts and boolean identities', () => {
    const plan = env.from('t')
      .filter($('a').isGreater(lit(2).plus(3)).and(lit(true)).and($('s').isNotNull().not().not()))
      .select($('a').times(lit(10).minus(8)).as('c'))
      .plan;
    expect(text(plan)).toBe([
      'Project: (a * (10 - 8)) AS c',
      '  Filter: (((a > (2 + 3)) AND TRUE) AND NOT NOT s IS NOT NULL)',
      '    TableScan: t',
    ].join('\n'));
    expect(rewrite(constantFolding, plan)).toBe([
      'Project: (a * 2) AS c',
      '  Filter: ((a > 5) AND s IS NOT NULL)',
      '    TableScan: t',
    ].join('\n'));
  });

  it('removes a filter that is always true and empties one that is never true', () => {
    expect(rewrite(constantFolding, env.from('t').filter(lit(1).isLess(2)).plan)).toBe('TableScan: t');
    expect(rewrite(constantFolding, env.from('t').filter(lit(null).cast(DataTypes.BOOLEAN())).select($('a')).plan))
      .toBe('Values: (empty)');
  });

  it('leaves to the runtime what must fail there (overflow, division by zero)', () => {
    const plan = env.from('t').select(lit(2147483647).plus(1).as('o'), lit(1).dividedBy(0).as('z')).plan;
    expect(rewrite(constantFolding, plan)).toBe('Project: (2147483647 + 1) AS o, (1 / 0) AS z\n  TableScan: t');
  });

  it('prunes IS NULL on NOT NULL columns, CASE branches and COALESCE', () => {
    const e = planningEnv({ n: { schema: schema({ k: DataTypes.INT(false), v: DataTypes.INT() }), rowCount: 1 } });
    const plan = e.from('n').select(
      $('k').isNull().as('a'),
      $('v').coalesce($('k'), 5).as('b'),
      lit(null).cast(DataTypes.INT()).coalesce($('v')).as('c'),
    ).plan;
    expect(rewrite(constantFolding, plan)).toBe('Project: FALSE AS a, COALESCE(v, k) AS b, v AS c\n  TableScan: n');
  });
});

describe('merge filters', () => {
  it('merges a chain of filters into one conjunction', () => {
    const plan = env.from('t').filter($('a').isGreater(1)).filter($('b').isLess(2)).filter($('s').isEqual('x')).plan;
    expect(rewrite(mergeFilters, plan)).toBe([
      'Filter: (((a > 1) AND (b < 2)) AND (s = \'x\'))',
      '  TableScan: t',
    ].join('\n'));
  });
});

describe('merge projections', () => {
  it('inlines a projection into the one above and drops identity projections', () => {
    const plan = env.from('t').select($('a').plus(1).as('a1'), $('b')).select($('b'), $('a1').times(2).as('c')).select($('b'), $('c')).plan;
    expect(rewrite(mergeProjections, plan)).toBe('Project: b, ((a + 1) * 2) AS c\n  TableScan: t');
  });

  it('does not duplicate a computed expression used twice above', () => {
    const plan = env.from('t').select($('a').times($('b')).as('p')).select($('p').plus($('p')).as('q')).plan;
    expect(rewrite(mergeProjections, plan)).toBe(text(plan));
  });
});

describe('predicate push-down', () => {
  it('pushes through projections (substituting expressions) and sorts, not through limits', () => {
    const plan = env.from('t').select($('a').plus(1).as('a1'), $('s')).orderBy($('a1'))
      .filter($('a1').isGreater(5)).limit(3).filter($('s').isEqual('x')).plan;
    expect(rewrite(pushDownFilter, plan)).toBe([
      "Filter: (s = 'x')",
      '  Limit: offset=0, fetch=3',
      '    Sort: a1 ASC NULLS FIRST',
      '      Project: (a + 1) AS a1, s',
      '        Filter: ((a + 1) > 5)',
      '          TableScan: t',
    ].join('\n'));
  });

  it('splits conjuncts of an inner join between its sides and its condition', () => {
    const plan = env.from('t').join(env.from('u'))
      .where($('a').isEqual($('x')).and($('b').isGreater(0)).and($('y').isLess(9)).and($('a').plus($('y')).isGreater(3))).plan;
    expect(rewrite(pushDownFilter, plan)).toBe([
      'Join: type=inner, condition=((a = x) AND ((a + y) > 3))',
      '  Filter: (b > 0)',
      '    TableScan: t',
      '  Filter: (y < 9)',
      '    TableScan: u',
    ].join('\n'));
  });

  it('only pushes WHERE conjuncts into the preserved side of outer joins, ON conjuncts into the other', () => {
    const left = env.from('t').leftOuterJoin(env.from('u'), $('a').isEqual($('x')).and($('y').isGreater(1)).and($('b').isGreater(2)))
      .where($('b').isLess(5).and($('y').isNull())).plan;
    expect(rewrite(pushDownFilter, left)).toBe([
      'Filter: y IS NULL',
      '  Join: type=left, condition=((a = x) AND (b > 2))',
      '    Filter: (b < 5)',
      '      TableScan: t',
      '    Filter: (y > 1)',
      '      TableScan: u',
    ].join('\n'));
    const full = env.from('t').fullOuterJoin(env.from('u'), $('a').isEqual($('x')).and($('y').isGreater(1)))
      .where($('b').isLess(5)).plan;
    expect(rewrite(pushDownFilter, full)).toBe([
      'Filter: (b < 5)',
      '  Join: type=full, condition=((a = x) AND (y > 1))',
      '    TableScan: t',
      '    TableScan: u',
    ].join('\n'));
  });

  it('pushes below an aggregate what reads group keys only', () => {
    const plan = env.from('t').groupBy($('a'), $('s')).select($('a'), $('s'), $('b').sum().as('total'))
      .filter($('a').isGreater(1).and($('total').isGreater(10))).plan;
    expect(rewrite(pushDownFilter, plan)).toBe([
      'Filter: (total > CAST(10 AS BIGINT NOT NULL))',
      '  Aggregate: groupBy=[a, s], aggregates=[SUM(b) AS total]',
      '    Filter: (a > 1)',
      '      TableScan: t',
    ].join('\n'));
  });

  it('pushes into every input of a union', () => {
    const plan = env.from('t').select($('a')).unionAll(env.from('u').select($('x'))).filter($('a').isEqual(1)).plan;
    expect(rewrite(pushDownFilter, plan)).toBe([
      'Union: 2 inputs',
      '  Project: a',
      '    Filter: (a = 1)',
      '      TableScan: t',
      '  Project: x',
      '    Filter: (x = 1)',
      '      TableScan: u',
    ].join('\n'));
  });
});

describe('projection push-down', () => {
  it('prunes columns all the way into the scan', () => {
    const plan = env.from('t').filter($('b').isGreater(0)).select($('a')).plan;
    const pruned = pushDownProjection.apply(plan, { catalog });
    const scan = (pruned as { input: { input: LogicalPlan } }).input.input;
    expect(scan).toMatchObject({ kind: 'TableScan', columns: [0, 1] });
    expect(formatLogicalPlan(pruned)).toBe([
      'Project: a [a: INT]',
      '  Filter: (b > 0) [a: INT, b: INT]',
      '    TableScan: t [a: INT, b: INT]',
    ].join('\n'));
  });

  it('drops unused aggregates and keeps one column to count rows with', () => {
    const plan = env.from('t').select($('*').count().as('n'), $('a').sum().as('total')).select($('n')).plan;
    expect(rewrite(pushDownProjection, plan)).toBe([
      'Project: n',
      '  Aggregate: groupBy=[], aggregates=[COUNT(*) AS n]',
      '    TableScan: t',
    ].join('\n'));
    const pruned = pushDownProjection.apply(plan, { catalog }) as { input: { input: LogicalPlan } };
    expect(pruned.input.input).toMatchObject({ kind: 'TableScan', columns: [0] });
  });

  it('narrows join inputs to the columns used above or in the condition', () => {
    const plan = env.from('t').join(env.from('u'), $('a').isEqual($('x'))).filter($('y').isGreater(0)).select($('s')).plan;
    const pruned = pushDownProjection.apply(plan, { catalog });
    expect(formatLogicalPlan(pruned)).toBe([
      'Project: s [s: STRING]',
      '  Filter: (y > 0) [a: INT, s: STRING, x: INT, y: INT]',
      '    Join: type=inner, condition=(a = x) [a: INT, s: STRING, x: INT, y: INT]',
      '      TableScan: t [a: INT, s: STRING]',
      '      TableScan: u [x: INT, y: INT]',
    ].join('\n'));
  });

  it('keeps the root output exactly', () => {
    const plan = env.from('t').select($('s'), $('a')).plan;
    const pruned = pushDownProjection.apply(plan, { catalog });
    expect(pruned.schema).toEqual(plan.schema);
  });
});

describe('join build side', () => {
  it('builds on the input with fewer estimated rows', () => {
    const smallLeft = env.from('u').join(env.from('big'), $('x').isEqual($('k'))).plan;
    expect(chooseJoinBuildSide.apply(smallLeft, { catalog })).toMatchObject({ kind: 'Join', buildSide: 'left' });
    const smallRight = env.from('big').join(env.from('u'), $('x').isEqual($('k'))).plan;
    expect(chooseJoinBuildSide.apply(smallRight, { catalog })).toMatchObject({ kind: 'Join', buildSide: 'right' });
  });

  it('counts filters: each halves the estimate', () => {
    // t has 100 rows, u 10: four filters bring t to 6.25 < 10, so t becomes the build side.
    let t = env.from('t');
    for (let i = 0; i < 4; i++) t = t.filter($('a').isGreater(i));
    const plan = t.join(env.from('u'), $('a').isEqual($('x'))).plan;
    expect(estimateRows((plan as { left: LogicalPlan }).left, catalog)).toBe(6.25);
    expect(chooseJoinBuildSide.apply(plan, { catalog })).toMatchObject({ buildSide: 'left' });
  });
});

describe('limit push-down', () => {
  it('moves a limit below projections onto the sort it limits', () => {
    const plan = env.from('t').orderBy($('a')).select($('a').plus(1).as('a1')).select($('a1')).limit(2, 3).plan;
    expect(rewrite(pushDownLimit, plan)).toBe([
      'Project: a1',
      '  Project: (a + 1) AS a1',
      '    Limit: offset=2, fetch=3',
      '      Sort: a ASC NULLS FIRST',
      '        TableScan: t',
    ].join('\n'));
  });
});
