import * as arrow from 'apache-arrow';
import { TableEnvironment } from '../api/table-environment.js';
import { $ } from '../api/expressions.js';
import { formatTable } from './format-table.js';

/** Options of the demo job. */
export interface DemoOptions {
  rows: number;
  batchSize: number;
  runs: number;
}

/**
 * The quick-start job: generated auction bids, `WHERE price > 100 GROUP BY auction`, top 10 by
 * total. Prints the result, the EXPLAIN, and weir's median time beside a plain-JS loop doing the
 * same work over the same typed arrays.
 */
export async function runDemo(opts: DemoOptions, log: (s: string) => void = console.log): Promise<void> {
  const { auction, price } = generateBids(opts.rows);
  const env = await TableEnvironment.create({ batchSize: opts.batchSize });
  env.createTemporaryView('bids', new arrow.Table({ auction: arrow.makeVector(auction), price: arrow.makeVector(price) }));
  const query = env
    .from('bids')
    .filter($('price').isGreater(100))
    .groupBy($('auction'))
    .select($('auction'), $('price').sum().as('total'), $('price').count().as('bids'))
    .orderBy($('total').desc())
    .limit(10);

  log(`weir demo: ${opts.rows.toLocaleString('en-US')} generated bids, batch size ${opts.batchSize}\n`);
  log(query.explain());
  const result = await query.execute().toArrow();
  log('\n' + formatTable(result));

  const weirMs = await median(opts.runs, async () => { await query.execute().toArrow(); });
  const jsMs = await median(opts.runs, async () => { plainJs(auction, price); });
  const check = plainJs(auction, price);
  const first = result.get(0)?.toJSON() as { auction: number; total: number } | undefined;
  const agrees = first !== undefined && first.auction === check.auction && Math.abs(first.total - check.total) <= 1e-6 * Math.abs(check.total);
  log(`\nmedian of ${opts.runs} runs: weir ${weirMs.toFixed(1)} ms, plain-JS loop ${jsMs.toFixed(1)} ms ` +
    `(weir is ${(jsMs / weirMs).toFixed(2)}x the loop's speed); top auction agrees with the loop: ${agrees ? 'yes' : 'NO'}`);
}

/** Deterministic bids: 1,000 auctions, prices in [0, 200). */
export function generateBids(rows: number): { auction: Int32Array; price: Float64Array } {
  const auction = new Int32Array(rows);
  const price = new Float64Array(rows);
  let s = 0x9e3779b9 >>> 0;
  for (let i = 0; i < rows; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    auction[i] = s % 1000;
    price[i] = (s >>> 8) / (1 << 24) * 200;
  }
  return { auction, price };
}

/** The same query as a hand-written loop: the best auction by total price over 100. */
function plainJs(auction: Int32Array, price: Float64Array): { auction: number; total: number } {
  const total = new Float64Array(1000);
  for (let i = 0; i < auction.length; i++) if (price[i]! > 100) total[auction[i]!] += price[i]!;
  let best = 0;
  for (let a = 1; a < 1000; a++) if (total[a]! > total[best]!) best = a;
  return { auction: best, total: total[best]! };
}

async function median(runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
