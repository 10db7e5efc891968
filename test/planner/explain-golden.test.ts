import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $, caseWhen, lit } from '../../engine/api/expressions.js';
import type { Table } from '../../engine/api/table.js';
import { DataTypes } from '../../engine/types/data-type.js';
import { auctionEnv } from './support/planning-env.js';

// Golden EXPLAIN texts live in test/planner/golden/<name>.txt. After an intended planner change,
// rewrite them with `UPDATE_GOLDEN=1 npx vitest run test/planner/explain-golden.test.ts` and
// review the diff.
const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, table: () => Table): void {
  it(name, () => {
    const text = table().explain() + '\n';
    const file = join(GOLDEN, `${name}.txt`);
    if (update || !existsSync(file)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, text);
      if (!update) throw new Error(`golden file ${name}.txt was missing and has been written; review and re-run`);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
}

describe('EXPLAIN golden plans', () => {
  const env = auctionEnv();
  const bids = () => env.from('bids');
  const auctions = () => env.from('auctions');
  const persons = () => env.from('persons');

  golden('filter-project', () =>
    bids()
      .filter($('price').isGreater(100).and($('channel').like('app%')))
      .select($('auction'), $('price').times(2).as('doubled'), $('channel').upperCase()));

  golden('group-by-aggregate', () =>
    bids()
      .filter($('price').isGreater(100))
      .groupBy($('auction'))
      .select($('auction'), $('price').sum().as('total'), $('price').count().as('bids')));

  golden('aggregate-types-and-distinct', () =>
    persons()
      .groupBy($('city'))
      .select($('city'), $('age').avg().as('avg_age'), $('pid').count().distinct().as('people'), $('age').max().minus($('age').min()).as('spread')));

  golden('global-aggregate-with-filter-clause', () =>
    bids().select(
      $('*').count().as('n'),
      $('price').sum().filter($('channel').isEqual('web')).as('web_total'),
      $('bidder').count().distinct().as('bidders')));

  golden('aggregate-over-expressions', () =>
    bids()
      .groupBy($('ts').extract('YEAR').as('year'))
      .select($('year'), $('price').times(1.1).sum().as('gross'), caseWhen($('price').isGreater(10), 1).otherwise(0).sum().as('big')));

  golden('inner-join-with-pushdown', () =>
    bids()
      .join(auctions(), $('auction').isEqual($('id')))
      .where($('category').isEqual(3).and($('price').isGreater(10)))
      .select($('seller'), $('price')));

  golden('join-keys-cast-to-common-type', () =>
    persons()
      .join(auctions(), $('age').isEqual($('seller')).and($('reserve').isGreater($('age'))))
      .select($('name'), $('reserve')));

  golden('cross-join-with-where-becomes-equi-join', () =>
    persons().join(auctions()).where($('pid').isEqual($('seller'))).select($('name'), $('id')));

  golden('left-outer-join-preserved-side', () =>
    auctions()
      .leftOuterJoin(persons(), $('seller').isEqual($('pid')).and($('city').isEqual('Paris')))
      .where($('category').isEqual(1).and($('name').isNull()))
      .select($('id'), $('name')));

  golden('top-n-with-offset', () =>
    bids().orderBy($('price').desc(), $('auction')).limit(5, 10).select($('auction'), $('price')));

  golden('sort-by-expression', () =>
    persons().orderBy($('age').plus(1).desc().nullsFirst()).select($('name')));

  golden('offset-fetch', () => persons().offset(3).fetch(4));

  golden('union-and-distinct', () =>
    persons().select($('city'), $('age'))
      .unionAll(auctions().select($('seller').cast(DataTypes.STRING()).as('city'), $('category')))
      .union(persons().select($('name'), lit(0)).as('city', 'age'))
      .distinct());

  golden('always-false-filter-is-empty', () =>
    bids().filter(lit(1).isEqual(2).or($('price').isNull().and(lit(false)))).select($('auction')));
});
