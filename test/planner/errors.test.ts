import { describe, expect, it } from 'vitest';
import { $, lit } from '../../engine/api/expressions.js';
import { TableEnvironment } from '../../engine/api/table-environment.js';
import { NotImplementedError, PlanError } from '../../engine/errors.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { auctionEnv, SchemaOnlyRunner } from './support/planning-env.js';

// Errors a user can act on: each names what is wrong and where, and suggests the fix.

function planError(f: () => unknown): PlanError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    return e as PlanError;
  }
  throw new Error('expected a PlanError');
}

describe('plan errors', () => {
  const env = auctionEnv();

  it('names an unknown column and its nearest match', () => {
    expect(planError(() => env.from('bids').filter($('prise').isGreater(100))).message)
      .toBe("column 'prise' not found in bids; did you mean 'price'?");
    expect(planError(() => env.from('bids').select($('Auction'))).message)
      .toBe("column 'Auction' not found in bids; did you mean 'auction'?");
  });

  it('lists the columns when nothing is close', () => {
    expect(planError(() => env.from('persons').select($('zzz'))).message)
      .toBe("column 'zzz' not found in persons; its columns are 'pid', 'name', 'city', 'age'");
  });

  it('names the expression and the types of a type mismatch', () => {
    expect(planError(() => env.from('persons').filter($('name').isGreater(1))).message)
      .toMatch(/^cannot apply > to STRING and INT in \(name > 1\)/);
    expect(planError(() => env.from('persons').select($('age').plus($('name')).as('x'))).message)
      .toBe('cannot apply + to INT and STRING in (age + name)');
    expect(planError(() => env.from('persons').filter($('age').and(true))).message)
      .toBe('cannot apply AND to INT and BOOLEAN in (age AND TRUE)');
    expect(planError(() => env.from('persons').select($('age').upperCase())).message)
      .toBe('cannot apply UPPER to INT in UPPER(age)');
    expect(planError(() => env.from('persons').select($('age').sum().plus($('name').sum()))).message)
      .toBe('cannot apply SUM to STRING in SUM(name)');
    expect(planError(() => env.from('persons').select($('city').cast(DataTypes.DATE()).cast(DataTypes.BOOLEAN()))).message)
      .toBe('cannot cast DATE to BOOLEAN in CAST(CAST(city AS DATE) AS BOOLEAN)');
  });

  it('rejects a filter condition that is not BOOLEAN', () => {
    expect(planError(() => env.from('persons').filter($('age').plus(1))).message)
      .toBe('a filter condition must be BOOLEAN, but (age + 1) is INT');
  });

  it('says a column name is ambiguous after a join, and how to fix it', () => {
    const joined = env.from('persons').join(env.from('persons').select($('pid'), $('city')), $('age').isGreater(0));
    const message = planError(() => joined.select($('city'))).message;
    expect(message).toMatch(/^column 'city' is ambiguous in the join of persons and persons: 2 columns have that name/);
    expect(message).toContain("renameColumns($('city').as('right_city'))");
  });

  it('keeps aggregates out of filters and non-grouped columns out of grouped selects', () => {
    expect(planError(() => env.from('bids').filter($('price').sum().isGreater(1))).message)
      .toMatch(/^aggregate SUM\(price\) is not allowed in filter\(\)/);
    expect(planError(() => env.from('bids').groupBy($('auction')).select($('auction'), $('price'))).message)
      .toBe("column 'price' must be a groupBy() key or be used inside an aggregate, e.g. $('price').max()");
    expect(planError(() => env.from('bids').select($('auction'), $('price').sum())).message)
      .toMatch(/^column 'auction' cannot be selected beside aggregates without groupBy\(\)/);
    expect(planError(() => env.from('bids').select($('price').sum().max())).message)
      .toMatch(/^aggregate SUM\(price\) is not allowed in the argument of MAX\(SUM\(price\)\)/);
  });

  it('names an unknown table and its nearest match', () => {
    expect(planError(() => env.from('bid')).message).toBe("table 'bid' not found; did you mean 'bids'?");
  });

  it('explains union mismatches', () => {
    expect(planError(() => env.from('persons').unionAll(env.from('bids'))).message)
      .toBe('unionAll(): the inputs have 4 and 5 columns; both sides need the same columns');
    expect(planError(() => env.from('persons').select($('name')).unionAll(env.from('persons').select($('age')))).message)
      .toBe("unionAll(): column 1 is STRING ('name') on the left and INT ('age') on the right; cast one side");
  });

  it('rejects duplicate output names and bad limits', () => {
    expect(planError(() => env.from('persons').select($('age'), $('pid').as('age'))).message)
      .toBe("select() would produce two columns named 'age'; give one a different name with .as()");
    expect(planError(() => env.from('persons').groupBy($('city')).select($('city'), $('age').max().as('city'))).message)
      .toBe("select() would produce two columns named 'city'; give one a different name with .as()");
    expect(planError(() => env.from('persons').limit(-1)).message).toBe('fetch must be a non-negative integer, got -1');
    expect(planError(() => env.from('persons').as('a', 'b')).message).toBe('as() got 2 names for 4 columns (pid, name, city, age)');
  });

  it('rejects literals of the wrong kind for their type', () => {
    expect(planError(() => lit('abc', DataTypes.INT())).message).toBe("cannot use 'abc' as a literal of type INT NOT NULL");
    expect(planError(() => lit('2024-02-30', DataTypes.DATE())).message).toBe("cannot use '2024-02-30' as a literal of type DATE NOT NULL");
  });
});

describe('not implemented yet', () => {
  const env = auctionEnv();

  it('rejects STREAMING mode with a clear error', async () => {
    await expect(TableEnvironment.create({ mode: 'STREAMING' })).rejects.toThrow(NotImplementedError);
    expect(() => TableEnvironment.withRunner(new SchemaOnlyRunner({}), { mode: 'STREAMING' }))
      .toThrow('RuntimeExecutionMode STREAMING is not implemented yet; use EnvironmentSettings.inBatchMode() (the default)');
  });

  it('plans joins without an equality between the inputs as nested-loop joins', () => {
    const t = env.from('persons').join(env.from('auctions'), $('age').isGreater($('category')));
    expect(t.explain()).toContain('NestedLoopJoinExec: type=inner, condition=(age@');
  });

  it('rejects SUM(DISTINCT ...)', () => {
    const t = env.from('persons').select($('age').sum().distinct());
    expect(() => t.execute()).toThrow('SUM(DISTINCT age) is not implemented yet');
  });
});
