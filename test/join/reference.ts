import type { HashJoinType } from '../../bindings/join-kernel.js';
import type { Val } from './columns.js';

/** SQL equality of two join key values: NULL never matches; doubles: -0 = 0 and NaN = NaN. */
export function keyEquals(a: Val, b: Val): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}

/** Whether row `l` of the left keys equals row `r` of the right keys on every key column. */
export function rowKeysEqual(left: readonly (readonly Val[])[], l: number, right: readonly (readonly Val[])[], r: number): boolean {
  for (let k = 0; k < left.length; k++) if (!keyEquals(left[k]![l]!, right[k]![r]!)) return false;
  return true;
}

/**
 * The rows of `left JOIN right` by a plain nested loop over `leftRows` x `rightRows` (row ids,
 * e.g. after a filter), where `on(l, r)` is the whole join condition. Each output row is written
 * "l,r" with -1 for a NULL-extended side ("l" for semi/anti), sorted, to compare as multisets.
 */
export function nestedLoopJoin(joinType: HashJoinType, leftRows: readonly number[], rightRows: readonly number[], on: (l: number, r: number) => boolean): string[] {
  const out: string[] = [];
  const rightMatched = new Set<number>();
  for (const l of leftRows) {
    let any = false;
    for (const r of rightRows) {
      if (!on(l, r)) continue;
      any = true;
      rightMatched.add(r);
      if (joinType !== 'semi' && joinType !== 'anti') out.push(`${l},${r}`);
    }
    if (joinType === 'semi' && any) out.push(`${l}`);
    if (joinType === 'anti' && !any) out.push(`${l}`);
    if ((joinType === 'left' || joinType === 'full') && !any) out.push(`${l},-1`);
  }
  if (joinType === 'right' || joinType === 'full') {
    for (const r of rightRows) if (!rightMatched.has(r)) out.push(`-1,${r}`);
  }
  return out.sort();
}

/** A join key as a string that equal keys share (-0 and 0 alike, NaN like NaN), or null when any column is NULL. */
function keyString(cols: readonly (readonly Val[])[], row: number): string | null {
  const parts: string[] = [];
  for (const col of cols) {
    const v = col[row]!;
    if (v === null) return null;
    parts.push(typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? JSON.stringify(v) : String(v));
  }
  return parts.join('|');
}

/**
 * nestedLoopJoin for an equi-join on the key columns `left`/`right` (no residual) through a Map,
 * for inputs too large for the nested loop; same output.
 */
export function mapEquiJoin(
  joinType: HashJoinType, leftRows: readonly number[], rightRows: readonly number[],
  left: readonly (readonly Val[])[], right: readonly (readonly Val[])[],
): string[] {
  const byKey = new Map<string, number[]>();
  for (const r of rightRows) {
    const k = keyString(right, r);
    if (k === null) continue;
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  const out: string[] = [];
  const rightMatched = new Set<number>();
  for (const l of leftRows) {
    const k = keyString(left, l);
    const matches = k === null ? [] : byKey.get(k) ?? [];
    for (const r of matches) {
      rightMatched.add(r);
      if (joinType !== 'semi' && joinType !== 'anti') out.push(`${l},${r}`);
    }
    if (joinType === 'semi' && matches.length > 0) out.push(`${l}`);
    if (joinType === 'anti' && matches.length === 0) out.push(`${l}`);
    if ((joinType === 'left' || joinType === 'full') && matches.length === 0) out.push(`${l},-1`);
  }
  if (joinType === 'right' || joinType === 'full') {
    for (const r of rightRows) if (!rightMatched.has(r)) out.push(`-1,${r}`);
  }
  return out.sort();
}
