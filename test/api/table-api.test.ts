import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import * as weir from '../../engine/index.js';
import { $, caseWhen, coalesce, ifThenElse, lit } from '../../engine/api/expressions.js';
import { TableEnvironment, EnvironmentSettings } from '../../engine/api/table-environment.js';
import { TableResult } from '../../engine/api/table-result.js';
import { formatRows } from '../../engine/api/format-rows.js';
import type { JobRunner } from '../../engine/api/job-runner.js';
import { PlanError } from '../../engine/errors.js';
import { DataTypes, typeToString, type Schema } from '../../engine/types/data-type.js';
import { auctionEnv, SchemaOnlyRunner, schema } from '../planner/support/planning-env.js';

// The Table API's surface, planning only (no WASM): schemas, naming, views, and TableResult
// over a stand-in runner that returns a fixed Arrow table.

const cols = (s: Schema) => s.fields.map((f) => `${f.name}: ${typeToString(f.type)}`);

describe('Table', () => {
  const env = auctionEnv();
  const persons = () => env.from('persons');

  it('names select items by alias, column name, or EXPR$n', () => {
    const t = persons().select($('name'), $('age').plus(1), $('age').times(2).as('twice'), lit('x'));
    expect(cols(t.getResolvedSchema())).toEqual(['name: STRING', 'EXPR$1: INT', 'twice: INT', 'EXPR$3: STRING NOT NULL']);
  });

  it("expands $('*') and adds, replaces, drops and renames columns", () => {
    expect(persons().select($('*')).getResolvedSchema()).toEqual(persons().getResolvedSchema());
    expect(cols(persons().addColumns($('age').plus(1).as('next')).getResolvedSchema()).at(-1)).toBe('next: INT');
    expect(cols(persons().addOrReplaceColumns($('age').cast(DataTypes.BIGINT()).as('age')).getResolvedSchema()))
      .toEqual(['pid: BIGINT NOT NULL', 'name: STRING', 'city: STRING', 'age: BIGINT']);
    expect(cols(persons().dropColumns($('name'), $('city')).getResolvedSchema())).toEqual(['pid: BIGINT NOT NULL', 'age: INT']);
    expect(persons().renameColumns($('pid').as('id')).getResolvedSchema().fields.map((f) => f.name)).toEqual(['id', 'name', 'city', 'age']);
    expect(persons().as('a', 'b', 'c', 'd').getResolvedSchema().fields.map((f) => f.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(() => persons().addColumns($('age').as('name'))).toThrow("select() would produce two columns named 'name'");
    expect(() => persons().dropColumns($('nmae'))).toThrow("column 'nmae' not found in persons; did you mean 'name'?");
  });

  it('types grouped selects with Flink aggregate types, via select or aggregate', () => {
    const g = persons().groupBy($('city'));
    const viaSelect = g.select($('city'), $('age').sum().as('s'), $('age').avg().as('a'), $('*').count().as('n'));
    expect(cols(viaSelect.getResolvedSchema())).toEqual(['city: STRING', 's: BIGINT', 'a: INT', 'n: BIGINT NOT NULL']);
    const viaAggregate = g.aggregate($('age').max().as('oldest')).select($('oldest'), $('city'));
    expect(cols(viaAggregate.getResolvedSchema())).toEqual(['oldest: INT', 'city: STRING']);
  });

  it('accepts distinct() and filter() on an aggregate before or after as()', () => {
    const t = persons().select(
      $('city').count().distinct().as('cities'),
      $('age').sum().as('adults').filter($('age').isGreaterOrEqual(18)),
    );
    expect(t.plan).toMatchObject({ kind: 'Aggregate', aggregates: [{ fn: 'count_distinct', name: 'cities' }, { fn: 'sum', name: 'adults', filter: { fn: 'ge' } }] });
    expect(() => $('age').distinct()).toThrow("distinct() applies to an aggregate such as $('x').count()");
  });

  it('shares one aggregate between items that use it twice', () => {
    const t = persons().select($('age').sum().as('s'), $('age').sum().plus(1).as('s1'));
    expect(t.plan.kind).toBe('Project');
    expect(t.plan).toMatchObject({ kind: 'Project', input: { kind: 'Aggregate', aggregates: [{ fn: 'sum' }] } });
  });

  it('sorts NULLs first ascending and last descending unless told otherwise', () => {
    const t = persons().orderBy($('age'), $('name').desc(), $('city').asc().nullsLast(), $('pid').desc().nullsFirst());
    expect(t.plan).toMatchObject({ kind: 'Sort', keys: [
      { ascending: true, nullsFirst: true }, { ascending: false, nullsFirst: false },
      { ascending: true, nullsFirst: false }, { ascending: false, nullsFirst: true },
    ] });
  });

  it('merges offset and fetch into one limit', () => {
    expect(persons().offset(3).fetch(5).plan).toMatchObject({ kind: 'Limit', offset: 3, fetch: 5 });
    expect(persons().limit(10).limit(2, 5).plan).toMatchObject({ kind: 'Limit', offset: 2, fetch: 5 });
    expect(persons().limit(4).offset(10).plan).toMatchObject({ kind: 'Limit', offset: 10, fetch: 0 });
  });

  it('builds conditionals with the free functions', () => {
    const t = persons().select(
      ifThenElse($('age').isGreater(17), 'adult', 'minor').as('kind'),
      caseWhen($('age').isLess(13), 1).when($('age').isLess(20), 2).otherwise(3).as('band'),
      coalesce($('city'), $('name'), 'unknown').as('where'),
    );
    expect(cols(t.getResolvedSchema())).toEqual(['kind: STRING NOT NULL', 'band: INT NOT NULL', 'where: STRING NOT NULL']);
  });

  it('checks time units of extract() and floor()', () => {
    const bids = env.from('bids');
    expect(bids.select($('ts').floor(weir.TimeIntervalUnit.DAY).as('day')).plan)
      .toMatchObject({ kind: 'Project', exprs: [{ fn: 'date_trunc_day', type: { name: 'TIMESTAMP' } }] });
    expect(bids.select($('ts').extract('DOW').as('d')).plan).toMatchObject({ exprs: [{ fn: 'extract_dow', type: { name: 'BIGINT' } }] });
    expect(() => $('ts').extract('FORTNIGHT' as never)).toThrow("extract() takes one of YEAR, QUARTER");
    expect(() => $('ts').floor('DOW')).toThrow("floor() takes one of YEAR");
  });

  it('joins only tables of the same environment', () => {
    const other = auctionEnv();
    expect(() => persons().join(other.from('auctions'), $('pid').isEqual($('seller')))).toThrow('different TableEnvironments');
  });
});

describe('TableEnvironment', () => {
  it('registers, lists, reads and drops views, including views over Tables', () => {
    const env = auctionEnv();
    expect(env.listTables()).toEqual(['auctions', 'bids', 'persons']);
    env.createTemporaryView('old', env.from('persons').filter($('age').isGreater(65)));
    expect(env.listTemporaryViews()).toEqual(['auctions', 'bids', 'old', 'persons']);
    expect(env.from('old').plan.kind).toBe('Filter');
    expect(() => env.createTemporaryView('old', env.from('bids'))).toThrow("a temporary view named 'old' already exists");
    expect(env.dropTemporaryView('old')).toBe(true);
    expect(env.dropTemporaryView('old')).toBe(false);
    expect(() => env.from('old')).toThrow(PlanError);
  });

  it('takes Flink-style settings', () => {
    const env = TableEnvironment.withRunner(new SchemaOnlyRunner({}), EnvironmentSettings.inBatchMode({ batchSize: 7 }));
    expect(env.settings).toEqual({ mode: 'BATCH', batchSize: 7 });
    expect(() => TableEnvironment.withRunner(new SchemaOnlyRunner({}), { batchSize: 0 })).toThrow('batchSize must be a positive integer');
  });

  it('exports the public API from the Node and universal entries', async () => {
    const universal = await import('../../engine/universal.js');
    for (const name of ['TableEnvironment', 'EnvironmentSettings', '$', 'lit', 'DataTypes', 'PlanError', 'NotImplementedError',
      'ExecutionError', 'InternalError', 'ResourcesExhaustedError', 'TableResult', 'Table']) {
      expect(weir, name).toHaveProperty(name);
      expect(universal, name).toHaveProperty(name);
    }
  });
});

describe('TableResult', () => {
  const resultTable = new arrow.Table({
    city: arrow.vectorFromArray(['Paris', null, 'Oslo'], new arrow.Utf8()),
    n: arrow.vectorFromArray([3n, 1n, 12n], new arrow.Int64()),
  });
  const resultSchema = schema({ city: DataTypes.STRING(), n: DataTypes.BIGINT(false) });
  class FixedRunner implements JobRunner {
    runs = 0;
    registerTable(): never { throw new Error('unused'); }
    registerSource(): never { throw new Error('unused'); }
    dropTable(): void {}
    async execute(): Promise<arrow.Table> { this.runs++; return resultTable; }
    async *executeBatches(): AsyncIterable<arrow.RecordBatch> { this.runs++; yield* resultTable.batches; }
  }
  const plan = { op: 'ValuesExec' as const, rows: [], schema: resultSchema };

  it('runs the job once for toArrow() and streams rows for collect()', async () => {
    const runner = new FixedRunner();
    const result = new TableResult(runner, plan, resultSchema);
    expect(result.getResolvedSchema()).toBe(resultSchema);
    const rows: Record<string, unknown>[] = [];
    for await (const r of result.collect()) rows.push(r);
    expect(rows).toEqual([{ city: 'Paris', n: 3n }, { city: null, n: 1n }, { city: 'Oslo', n: 12n }]);
    expect(runner.runs).toBe(1);
    await result.toArrow();
    await result.toArrow();
    expect(runner.runs).toBe(2);
  });

  it('yields the result as Arrow batches, running the job once per read', async () => {
    const runner = new FixedRunner();
    const result = new TableResult(runner, plan, resultSchema);
    const batches: arrow.RecordBatch[] = [];
    for await (const b of result.batches()) batches.push(b);
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(3);
    expect(runner.runs).toBe(1);
  });

  it('prints a boxed table like Flink', async () => {
    let printed = '';
    await new TableResult(new FixedRunner(), plan, resultSchema).print((s) => { printed = s; });
    expect(printed).toBe([
      '+--------+----+',
      '| city   |  n |',
      '+--------+----+',
      '| Paris  |  3 |',
      '| <NULL> |  1 |',
      '| Oslo   | 12 |',
      '+--------+----+',
      '3 rows in set',
    ].join('\n'));
    expect(formatRows(resultSchema, [])).toBe('+------+---+\n| city | n |\n+------+---+\nEmpty set');
  });
});

describe('fromValues and close', () => {
  it('types constant rows by the common type of each column', () => {
    const env = auctionEnv();
    const t = env.fromValues([[1, 'a', null], [2.5, null, null]], ['x', 'y', 'z']);
    expect(cols(t.getResolvedSchema())).toEqual(['x: DOUBLE NOT NULL', 'y: STRING', 'z: STRING']);
    expect(t.plan).toMatchObject({ kind: 'Values', rows: [[1, 'a', null], [2.5, null, null]] });
    expect(cols(env.fromValues([[1n], [2]]).getResolvedSchema())).toEqual(['f0: BIGINT NOT NULL']);
    expect(() => env.fromValues([[1], ['a']])).toThrow('fromValues(): column 1 mixes INT and STRING values');
    expect(() => env.fromValues([[1, 2], [3]])).toThrow('fromValues(): row 2 has 1 values for 2 columns');
  });

  it('drops every view on close()', () => {
    const env = auctionEnv();
    env.createTemporaryView('v', env.from('persons'));
    env.close();
    expect(env.listTables()).toEqual([]);
  });
});
