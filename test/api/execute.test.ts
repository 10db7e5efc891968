import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { $, lit } from '../../engine/api/expressions.js';
import { TableEnvironment } from '../../engine/api/table-environment.js';
import { DataTypes } from '../../engine/types/data-type.js';

// End to end through the real runtime (BatchJobRunner, WASM kernels). Small data; each query is
// checked against a plain-TypeScript computation over the same rows, at several batch sizes.

const N = 200;
const auction = Int32Array.from({ length: N }, (_, i) => (i * 7) % 13);
const price: (number | null)[] = Array.from({ length: N }, (_, i) => (i % 11 === 0 ? null : ((i * 37) % 250) + 0.5));
const channel: (string | null)[] = Array.from({ length: N }, (_, i) => (i % 17 === 0 ? null : ['web', 'app', 'api'][i % 3]!));

function bidsTable(): arrow.Table {
  return new arrow.Table({
    auction: arrow.vectorFromArray(Array.from(auction), new arrow.Int32()),
    price: arrow.vectorFromArray(price, new arrow.Float64()),
    channel: arrow.vectorFromArray(channel, new arrow.Utf8()),
  });
}

function auctionsTable(): arrow.Table {
  const ids = Array.from({ length: 10 }, (_, i) => i);
  return new arrow.Table({
    id: arrow.vectorFromArray(ids, new arrow.Int32()),
    category: arrow.vectorFromArray(ids.map((i) => i % 3), new arrow.Int32()),
  });
}

async function env(batchSize: number): Promise<TableEnvironment> {
  const e = await TableEnvironment.create({ batchSize });
  e.createTemporaryView('bids', bidsTable());
  e.createTemporaryView('auctions', auctionsTable());
  return e;
}

function rows(t: arrow.Table): Record<string, unknown>[] {
  return t.toArray().map((r) => ({ ...(r.toJSON() as Record<string, unknown>) }));
}

const text = (r: Record<string, unknown>) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0);

describe.each([1, 7, 65536])('execute at batch size %i', (batchSize) => {
  it('runs the quick-start query: filter, group by, sum', async () => {
    const e = await env(batchSize);
    const result = await e.from('bids')
      .filter($('price').isGreater(100))
      .groupBy($('auction'))
      .select($('auction'), $('price').sum().as('total'), $('price').count().as('n'))
      .execute().toArrow();
    const expected = new Map<number, { total: number; n: number }>();
    for (let i = 0; i < N; i++) {
      const p = price[i];
      if (p === null || p === undefined || !(p > 100)) continue;
      const g = expected.get(auction[i]!) ?? { total: 0, n: 0 };
      g.total += p;
      g.n += 1;
      expected.set(auction[i]!, g);
    }
    const got = rows(result).sort(byKey);
    const want = [...expected].map(([a, g]) => ({ auction: a, total: g.total, n: BigInt(g.n) })).sort(byKey);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < got.length; i++) {
      expect(got[i]!.auction).toBe(want[i]!.auction);
      expect(got[i]!.total as number).toBeCloseTo(want[i]!.total, 9);
      expect(got[i]!.n).toBe(want[i]!.n);
    }
  });

  it('runs top-N: order by price desc, limit with offset', async () => {
    const e = await env(batchSize);
    const result = await e.from('bids').filter($('price').isNotNull())
      .orderBy($('price').desc(), $('auction')).limit(2, 5).select($('auction'), $('price')).execute().toArrow();
    const want = Array.from({ length: N }, (_, i) => ({ auction: auction[i]!, price: price[i] }))
      .filter((r) => r.price !== null)
      .sort((a, b) => b.price! - a.price! || a.auction - b.auction)
      .slice(2, 7);
    expect(rows(result)).toEqual(want);
  });

  it('runs an inner join with a pushed-down filter, and collect() yields row objects', async () => {
    const e = await env(batchSize);
    const result = e.from('bids').join(e.from('auctions'), $('auction').isEqual($('id')))
      .where($('category').isEqual(1)).select($('auction'), $('channel'));
    const got: Record<string, unknown>[] = [];
    for await (const row of result.execute().collect()) got.push(row);
    const want = Array.from({ length: N }, (_, i) => ({ auction: auction[i]!, channel: channel[i] }))
      .filter((r) => r.auction < 10 && r.auction % 3 === 1);
    expect(got.sort(byKey)).toEqual(want.sort(byKey));
  });

  it('runs a left outer join whose key needs a cast below the join', async () => {
    const e = await env(batchSize);
    const expensive = e.from('bids').filter($('price').isGreater(240)).select($('auction'), $('price'));
    const result = await e.from('auctions')
      .leftOuterJoin(expensive, $('id').cast(DataTypes.BIGINT()).isEqual($('auction')))
      .select($('id'), $('price')).execute().toArrow();
    const want: Record<string, unknown>[] = [];
    for (let id = 0; id < 10; id++) {
      const matches = price.flatMap((p, i) => (auction[i] === id && p !== null && p > 240 ? [p] : []));
      if (matches.length === 0) want.push({ id, price: null });
      for (const p of matches) want.push({ id, price: p });
    }
    expect(rows(result).sort(byKey)).toEqual(want.sort(byKey));
  });

  it('runs union, distinct and a computed projection', async () => {
    const e = await env(batchSize);
    const result = await e.from('bids').select($('channel'))
      .union(e.from('auctions').select(lit('web').as('channel')))
      .select($('channel').as('c'), $('channel').isEqual('web').as('web')).execute().toArrow();
    const want = [...new Set(channel)].map((c) => ({ c, web: c === null ? null : c === 'web' }));
    expect(rows(result).sort(byKey)).toEqual(want.sort(byKey));
  });

  it('returns one row for a global aggregate over no rows, with AVG(INT) as INT', async () => {
    const e = await env(batchSize);
    const t = e.from('bids').filter($('auction').isLess(0))
      .select($('*').count().as('n'), $('auction').avg().as('avg'));
    expect(t.getResolvedSchema().fields.map((f) => f.type.name)).toEqual(['BIGINT', 'INT']);
    expect(rows(await t.execute().toArrow())).toEqual([{ n: 0n, avg: null }]);
  });
});
