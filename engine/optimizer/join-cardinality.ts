/**
 * Equal keys among the inputs of a join graph: the inputs (bit i: leaf i) that hold a column of
 * one equivalence class (or the two sides of one `f(x) = g(y)`), and the number of distinct
 * values the key is assumed to have at most.
 */
export interface KeyGroup {
  readonly leaves: number;
  readonly domain: number;
}

/** What estimates a set of joined inputs: each input's rows, the equal keys, and other predicates. */
export interface JoinCardinalityModel {
  /** Estimated rows of each leaf. */
  readonly leafRows: readonly number[];
  readonly keys: readonly KeyGroup[];
  /** Leaves read by each conjunct that is not an equality between two inputs (selectivity 1/2, as a filter). */
  readonly predicates: readonly number[];
}

/** Selectivity of a conjunct the model knows nothing about (the same as a filter's in row-estimate.ts). */
const PREDICATE_SELECTIVITY = 0.5;

/**
 * The estimated rows of the join of the leaves in `set` (a bit mask), whatever the join order:
 * the product of their rows, divided for each key group spanning several of them by the distinct
 * counts of all but the smallest (the textbook |R ⋈ S| = |R|·|S| / max(V(R,k), V(S,k)), with
 * V(R,k) = min(|R|, domain of k): a key joined to the table it is the key of, as in a foreign-key
 * join, keeps the other side's rows), and halved by each other conjunct the set covers.
 */
export function joinRows(model: JoinCardinalityModel, set: number): number {
  let rows = 1;
  for (let i = 0; i < model.leafRows.length; i++) if (set & (1 << i)) rows *= model.leafRows[i]!;
  for (const k of model.keys) {
    const members = k.leaves & set;
    if ((members & (members - 1)) === 0) continue; // at most one input: no join on this key yet
    const distinct: number[] = [];
    for (let i = 0; i < model.leafRows.length; i++) {
      if (members & (1 << i)) distinct.push(Math.max(1, Math.min(model.leafRows[i]!, k.domain)));
    }
    distinct.sort((a, b) => a - b);
    for (let j = 1; j < distinct.length; j++) rows /= distinct[j]!;
  }
  for (const p of model.predicates) {
    if ((p & set) === p && (p & (p - 1)) !== 0) rows *= PREDICATE_SELECTIVITY;
  }
  return rows;
}

/** Whether some key or conjunct joins `a` and `b` (disjoint leaf sets), so that joining them is no cross product. */
export function connected(model: JoinCardinalityModel, a: number, b: number): boolean {
  for (const k of model.keys) if ((k.leaves & a) !== 0 && (k.leaves & b) !== 0) return true;
  const both = a | b;
  for (const p of model.predicates) if ((p & both) === p && (p & a) !== 0 && (p & b) !== 0) return true;
  return false;
}
