import { describe, expect, it } from 'vitest';
import { $, lit } from '../../engine/api/expressions.js';
import type { Table } from '../../engine/api/table.js';
import { resolveCall } from '../../engine/logical/function-catalog.js';
import { columnRef } from '../../engine/logical/expression-utils.js';
import { literalFromJs } from '../../engine/logical/literal.js';
import { optimize } from '../../engine/optimizer/optimize.js';
import { createPhysicalPlan } from '../../engine/physical/create-physical-plan.js';
import type { ExecNode } from '../../engine/physical/exec-plan.js';
import { formatExecPlan } from '../../engine/physical/format-exec-plan.js';
import { extractEquiKeys } from '../../engine/physical/plan-join.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { auctionEnv } from './support/planning-env.js';

const env = auctionEnv();
const bids = () => env.from('bids');
const physical = (t: Table): ExecNode => t.execute().physicalPlan;
const lines = (t: Table) => formatExecPlan(physical(t)).split('\n').map((l) => l.replace(/ \[[^\]]*\]$/, ''));

describe('physical plans are JSON-safe', () => {
  const queries: [string, () => Table][] = [
    ['scan', () => bids()],
    ['filter and project', () => bids().filter($('price').isGreater(1.5)).select($('auction').plus(1).as('a'))],
    ['aggregate', () => bids().groupBy($('channel')).select($('channel'), $('price').avg(), $('bidder').count().distinct())],
    ['join', () => bids().join(env.from('auctions'), $('auction').isEqual($('id')).and($('price').isGreater($('reserve'))))],
    ['outer join', () => env.from('auctions').fullOuterJoin(env.from('persons'), $('seller').isEqual($('pid')))],
    ['top-n', () => bids().orderBy($('price').desc()).limit(1, 3)],
    ['union', () => bids().select($('auction')).union(env.from('auctions').select($('id')))],
    ['special doubles', () => bids().filter($('price').isNotEqual(lit(NaN)).and($('price').isLess(Infinity)).and($('price').isNotEqual(-0)))],
    ['bigint and decimal literals', () => bids().filter($('bidder').isEqual(lit(2n ** 62n))).select(lit('12.345', DataTypes.DECIMAL(6, 3)).as('d'))],
    ['dates', () => bids().filter($('ts').isGreater(lit(new Date(Date.UTC(2024, 0, 1)))).and($('ts').cast(DataTypes.DATE()).isLess('2024-06-01')))],
    ['empty relation', () => bids().filter(lit(false))],
  ];
  it.each(queries)('%s', (_, query) => {
    const plan = physical(query());
    expect(JSON.parse(JSON.stringify(plan))).toStrictEqual(plan);
  });

  it('writes NaN, ±Infinity and -0 literals as strings', () => {
    const plan = physical(queries[7]![1]());
    const json = JSON.stringify(plan);
    expect(json).toContain('"value":"NaN"');
    expect(json).toContain('"value":"Infinity"');
    expect(json).toContain('"value":"-0"');
  });
});

describe('physical planning', () => {
  it('extracts equi-keys in either order and keeps the rest as the residual condition', () => {
    const left = bids().plan.schema.fields;
    const right = env.from('auctions').plan.schema.fields;
    const l = (name: string) => columnRef(left.findIndex((f) => f.name === name), left.find((f) => f.name === name)!);
    const r = (name: string) => columnRef(left.length + right.findIndex((f) => f.name === name), right.find((f) => f.name === name)!);
    const eq = resolveCall('eq', [r('id'), l('auction')], 'x');
    const gt = resolveCall('gt', [l('price'), literalFromJs(1.5)], 'y');
    const { keys, residual } = extractEquiKeys(resolveCall('and', [eq, gt], 'z'), left.length);
    expect(keys).toHaveLength(1);
    expect(keys[0]![0]).toMatchObject({ kind: 'column', name: 'auction', index: 0 });
    expect(keys[0]![1]).toMatchObject({ kind: 'column', name: 'id', index: 0 });
    expect(residual).toBe(gt);
  });

  it('plans an offset without fetch over a sort as a full sort and a limit', () => {
    expect(lines(bids().orderBy($('price')).offset(5).select($('price')))).toEqual([
      'LimitExec: offset=5, fetch=all',
      '  SortExec: price@0 ASC NULLS FIRST',
      '    ScanExec: bids, columns=[price@2]',
    ]);
  });

  it('plans a limit without a sort as a LimitExec', () => {
    expect(lines(bids().limit(3).select($('auction')))).toEqual([
      'LimitExec: offset=0, fetch=3',
      '  ScanExec: bids, columns=[auction@0]',
    ]);
  });

  it('does not cast AVG when the hash aggregate already produces its type', () => {
    expect(lines(bids().select($('price').avg().as('a')))).toEqual([
      'HashAggregateExec: mode=single, groupBy=[], aggregates=[AVG(price@0) AS a]',
      '  ScanExec: bids, columns=[price@2]',
    ]);
  });

  it('gives every node its output schema, matching the logical plan at the root', () => {
    const t = bids().groupBy($('channel')).select($('channel'), $('price').sum().as('s')).orderBy($('s')).limit(3);
    const plan = physical(t);
    expect(plan.schema).toEqual(optimize(t.plan, env.from('bids').ctx.catalog).schema);
    const walk = (n: ExecNode): void => {
      expect(n.schema.fields.length).toBeGreaterThan(0);
      for (const k of ['input', 'left', 'right'] as const) if (k in n) walk((n as unknown as Record<string, ExecNode>)[k]!);
    };
    walk(plan);
  });
});

describe('top-N through projections', () => {
  it('plans orderBy(...).select(...).limit(n) as a SortExec with fetch', () => {
    expect(lines(bids().orderBy($('price').desc()).select($('auction').plus(1).as('a')).limit(10))).toEqual([
      'ProjectExec: (auction@0 + 1) AS a',
      '  SortExec: price@1 DESC NULLS LAST, fetch=10',
      '    ScanExec: bids, columns=[auction@0, price@2]',
    ]);
  });
});
