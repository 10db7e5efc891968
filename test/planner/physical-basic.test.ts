import { describe, expect, it } from 'vitest';
import { DataTypes } from '../../engine/types/data-type.js';
import { aggregate, filter, tableScan } from '../../engine/logical/plan-builder.js';
import { columnRef } from '../../engine/logical/expression-utils.js';
import { resolveAggregate, resolveCall } from '../../engine/logical/function-catalog.js';
import { literalFromJs } from '../../engine/logical/literal.js';
import { createPhysicalPlan } from '../../engine/physical/create-physical-plan.js';
import { formatExecPlan } from '../../engine/physical/format-exec-plan.js';

const bids = { fields: [
  { name: 'auction', type: DataTypes.INT() },
  { name: 'bidder', type: DataTypes.BIGINT() },
  { name: 'price', type: DataTypes.DOUBLE() },
] };

describe('createPhysicalPlan: scan, filter, project, aggregate', () => {
  it('plans a filtered global aggregate with a computed argument and an AVG(INT) cast', () => {
    const scan = tableScan('bids', bids, [0, 2]);
    const price = columnRef(1, scan.schema.fields[1]!);
    const pred = resolveCall('gt', [price, literalFromJs(100)], '(price > 100)');
    const f = filter(scan, pred);
    const doubled = resolveCall('times', [price, literalFromJs(2)], '(price * 2)');
    const auction = columnRef(0, scan.schema.fields[0]!);
    const sum = resolveAggregate('sum', doubled, false, 'SUM(price * 2)');
    const avg = resolveAggregate('avg', auction, false, 'AVG(auction)');
    const agg = aggregate(f, [auction], ['auction'], [
      { ...sum, arg: doubled, distinct: false, name: 'total' },
      { ...avg, arg: auction, distinct: false, name: 'mean' },
    ]);
    const exec = createPhysicalPlan(agg);
    expect(formatExecPlan(exec)).toBe([
      'ProjectExec: auction@0, total@1, CAST(mean@2 AS INT) AS mean [auction: INT, total: DOUBLE, mean: INT]',
      '  HashAggregateExec: mode=single, groupBy=[auction@0], aggregates=[SUM(total$arg@1) AS total, AVG(auction@0) AS mean] [auction: INT, total: DOUBLE, mean: DOUBLE]',
      '    ProjectExec: auction@0, (price@1 * CAST(2 AS DOUBLE NOT NULL)) AS total$arg [auction: INT, total$arg: DOUBLE]',
      '      FilterExec: (price@1 > CAST(100 AS DOUBLE NOT NULL)) [auction: INT, price: DOUBLE]',
      '        ScanExec: bids, columns=[auction@0, price@2] [auction: INT, price: DOUBLE]',
    ].join('\n'));
    expect(JSON.parse(JSON.stringify(exec))).toEqual(exec);
  });
});
