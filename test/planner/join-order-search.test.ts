import { describe, expect, it } from 'vitest';
import { connected, joinRows, type JoinCardinalityModel } from '../../engine/optimizer/join-cardinality.js';
import type { JoinTree } from '../../engine/optimizer/join-graph.js';
import { EXHAUSTIVE_SEARCH_LIMIT, leavesOf, searchJoinOrder, treeCost } from '../../engine/optimizer/join-order-search.js';

// The join-order search against brute force, and the cardinality model on a worked example.

function random(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n; };
}

/** A random connected model over n leaves: a random spanning tree of keys plus extra keys and predicates. */
function randomModel(seed: number, n: number): JoinCardinalityModel {
  const rnd = random(seed);
  const leafRows = Array.from({ length: n }, () => 10 ** (rnd(6)) * (1 + rnd(9)));
  const keys = [];
  for (let i = 1; i < n; i++) keys.push({ leaves: (1 << i) | (1 << rnd(i)), domain: 10 ** rnd(6) });
  for (let e = rnd(3); e > 0; e--) keys.push({ leaves: (1 << rnd(n)) | (1 << rnd(n)) | (1 << rnd(n)), domain: 10 ** rnd(5) });
  const predicates = Array.from({ length: rnd(3) }, () => (1 << rnd(n)) | (1 << rnd(n)));
  return { leafRows, keys, predicates };
}

/** The cheapest cost over every bushy tree that joins connected sets only (no cross product). */
function bruteForce(model: JoinCardinalityModel, set: number, memo = new Map<number, number>()): number {
  if ((set & (set - 1)) === 0) return 0;
  const known = memo.get(set);
  if (known !== undefined) return known;
  let best = Infinity;
  for (let left = (set - 1) & set; left !== 0; left = (left - 1) & set) {
    const right = set & ~left;
    if (!connected(model, left, right)) continue;
    best = Math.min(best, bruteForce(model, left, memo) + bruteForce(model, right, memo));
  }
  const cost = best + joinRows(model, set);
  memo.set(set, cost);
  return cost;
}

/** Whether every join of the tree joins connected inputs. */
function noCrossProduct(model: JoinCardinalityModel, tree: JoinTree): boolean {
  if (typeof tree === 'number') return true;
  return connected(model, leavesOf(tree.left), leavesOf(tree.right)) && noCrossProduct(model, tree.left) && noCrossProduct(model, tree.right);
}

describe('join order search', () => {
  it('finds the cheapest tree without cross products (exhaustive up to the limit)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const n = 3 + (seed % 5);
      const model = randomModel(seed, n);
      const tree = searchJoinOrder(model, n);
      expect(leavesOf(tree)).toBe((1 << n) - 1);
      expect(noCrossProduct(model, tree), `seed ${seed}`).toBe(true);
      const best = bruteForce(model, (1 << n) - 1);
      expect(treeCost(model, tree) / best, `seed ${seed}`).toBeCloseTo(1, 9);
    }
  });

  it('orders more inputs greedily, every leaf once and no cross product on a connected graph', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const n = EXHAUSTIVE_SEARCH_LIMIT + 1 + (seed % 6);
      const model = randomModel(seed, n);
      const tree = searchJoinOrder(model, n);
      expect(leavesOf(tree)).toBe((1 << n) - 1);
      expect(noCrossProduct(model, tree), `seed ${seed}`).toBe(true);
    }
  });

  it('cross-joins the parts of a disconnected graph last, in the order of their first leaf', () => {
    const model: JoinCardinalityModel = {
      leafRows: [100, 5, 1000, 7],
      keys: [{ leaves: 0b0101, domain: 100 }, { leaves: 0b1010, domain: 5 }],
      predicates: [],
    };
    expect(searchJoinOrder(model, 4)).toEqual({ left: { left: 0, right: 2 }, right: { left: 1, right: 3 } });
  });
});

describe('join cardinality', () => {
  // TPC-H Q5 at SF 1: region (filtered), nation, customer, orders (filtered), lineitem, supplier.
  const model: JoinCardinalityModel = {
    leafRows: [2.5, 25, 150_000, 750_000, 6_000_000, 10_000],
    keys: [
      { leaves: 0b000011, domain: 5 }, // regionkey
      { leaves: 0b100110, domain: 25 }, // nationkey: nation, customer, supplier
      { leaves: 0b001100, domain: 150_000 }, // custkey
      { leaves: 0b011000, domain: 1_500_000 }, // orderkey
      { leaves: 0b110000, domain: 10_000 }, // suppkey
    ],
    predicates: [],
  };

  it('keeps the other side of a key join and multiplies on a many-to-many one', () => {
    expect(joinRows(model, 0b000011)).toBe(12.5); // region ⋈ nation
    expect(joinRows(model, 0b000111)).toBe(75_000); // ... ⋈ customer
    expect(joinRows(model, 0b001111)).toBe(375_000); // ... ⋈ orders
    expect(joinRows(model, 0b100100)).toBe(60_000_000); // customer ⋈ supplier on nationkey only
    expect(joinRows(model, 0b111111)).toBeCloseTo(60_000, 6);
  });

  it('orders Q5 as region, nation, customer, orders, lineitem, supplier', () => {
    expect(searchJoinOrder(model, 6)).toEqual({
      left: { left: { left: { left: { left: 0, right: 1 }, right: 2 }, right: 3 }, right: 4 },
      right: 5,
    });
  });

  it('halves the rows for each other conjunct the set covers', () => {
    const m: JoinCardinalityModel = { leafRows: [10, 20, 30], keys: [], predicates: [0b011, 0b111, 0b100] };
    expect(joinRows(m, 0b011)).toBe(100);
    expect(joinRows(m, 0b111)).toBe(1500);
    expect(connected(m, 0b001, 0b010)).toBe(true);
    expect(connected(m, 0b001, 0b100)).toBe(false);
  });
});
