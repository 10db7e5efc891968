import { connected, joinRows, type JoinCardinalityModel } from './join-cardinality.js';
import type { JoinTree } from './join-graph.js';

/** Up to this many inputs the search is exhaustive (3^n split checks); above it, greedy. */
export const EXHAUSTIVE_SEARCH_LIMIT = 10;

/** Leaves can be ordered at all up to this many (sets are 31-bit masks). */
export const MAX_REORDERED_LEAVES = 30;

/**
 * The cost of a join tree: the estimated rows of every join in it (the intermediate results a
 * hash join builds, probes and emits), the usual C_out measure. The leaves' own rows are read
 * once whatever the order, so they are left out.
 */
export function treeCost(model: JoinCardinalityModel, tree: JoinTree): number {
  if (typeof tree === 'number') return 0;
  return treeCost(model, tree.left) + treeCost(model, tree.right) + joinRows(model, leavesOf(tree));
}

/** The leaves of a tree, as a bit mask. */
export function leavesOf(tree: JoinTree): number {
  return typeof tree === 'number' ? 1 << tree : leavesOf(tree.left) | leavesOf(tree.right);
}

/**
 * The cheapest join tree over `n` leaves by {@link treeCost} that joins only connected inputs
 * (no cross product), bushy trees included: dynamic programming over connected leaf sets for up
 * to {@link EXHAUSTIVE_SEARCH_LIMIT} leaves, else greedily joining the connected pair with the
 * fewest estimated rows (Fegaras' greedy operator ordering). Inputs the predicates leave
 * disconnected are planned apart and cross-joined last, in the order of their first leaf. In
 * each join the side holding the lower leaf is on the left, so the FROM order shows through.
 */
export function searchJoinOrder(model: JoinCardinalityModel, n: number): JoinTree {
  const parts = components(model, n).map((set) =>
    (n <= EXHAUSTIVE_SEARCH_LIMIT ? exhaustive(model, set) : greedy(model, set)));
  return parts.reduce((acc, t) => ({ left: acc, right: t }));
}

/** Connected components of the join graph (leaf sets), ordered by their lowest leaf. */
function components(model: JoinCardinalityModel, n: number): number[] {
  const out: number[] = [];
  let rest = n === 0 ? 0 : (2 ** n - 1) >>> 0;
  while (rest !== 0) {
    let set = rest & -rest;
    for (let grown = true; grown;) {
      grown = false;
      for (let i = 0; i < n; i++) {
        const bit = 1 << i;
        if ((rest & bit) !== 0 && (set & bit) === 0 && connected(model, set, bit)) {
          set |= bit;
          grown = true;
        }
      }
    }
    out.push(set);
    rest &= ~set;
  }
  return out;
}

interface Best {
  readonly tree: JoinTree;
  readonly cost: number;
}

function exhaustive(model: JoinCardinalityModel, all: number): JoinTree {
  const best = new Map<number, Best>();
  for (const i of bitsOf(all)) best.set(1 << i, { tree: i, cost: 0 });
  // Subsets of `all` in increasing numeric order: every proper subset comes before its supersets.
  for (let set = all & -all; set !== 0; set = nextSubset(set, all)) {
    if ((set & (set - 1)) === 0) continue;
    const low = set & -set;
    let found: Best | undefined;
    // Splits (left, right) with the lowest leaf on the left, each split seen once.
    for (let left = (set - 1) & set; left !== 0; left = (left - 1) & set) {
      if ((left & low) === 0) continue;
      const right = set & ~left;
      const l = best.get(left), r = best.get(right);
      if (!l || !r || !connected(model, left, right)) continue;
      const cost = l.cost + r.cost;
      if (!found || cost < found.cost) found = { tree: { left: l.tree, right: r.tree }, cost };
    }
    if (found) best.set(set, { tree: found.tree, cost: found.cost + joinRows(model, set) });
  }
  return best.get(all)!.tree;
}

/** The next subset of `all` after `set` in numeric order (0 when done). */
function nextSubset(set: number, all: number): number {
  return ((set - all) & all) >>> 0;
}

function greedy(model: JoinCardinalityModel, all: number): JoinTree {
  // Kept in the order of their lowest leaf, so trees[a] with a < b holds the lower leaf.
  const trees: JoinTree[] = bitsOf(all);
  while (trees.length > 1) {
    let pick: [number, number] | undefined;
    let fewest = Infinity;
    for (let a = 0; a < trees.length; a++) {
      for (let b = a + 1; b < trees.length; b++) {
        const sa = leavesOf(trees[a]!), sb = leavesOf(trees[b]!);
        if (!connected(model, sa, sb)) continue;
        const rows = joinRows(model, sa | sb);
        if (rows < fewest) [fewest, pick] = [rows, [a, b]];
      }
    }
    // Only conjuncts over three or more inputs can leave no connected pair: cross-join then.
    const [a, b] = pick ?? [0, 1];
    const joined: JoinTree = { left: trees[a]!, right: trees[b]! };
    trees.splice(b, 1);
    trees[a] = joined;
  }
  return trees[0]!;
}

/** The positions of the set bits of `set`, ascending. */
function bitsOf(set: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 31; i++) if (set & (1 << i)) out.push(i);
  return out;
}
