import { PlanError } from '../errors.js';
import type { Schema } from '../types/data-type.js';
import type { ColumnRef } from './expression.js';

/**
 * Resolves a column name against an input schema. Names are case-sensitive, as in Flink. An
 * unknown name fails with the nearest column of the input ("column 'prise' not found in bids; did
 * you mean 'price'?"); a name that several columns carry (both sides of a join) fails as
 * ambiguous and says how to tell them apart.
 */
export function resolveColumn(schema: Schema, name: string, relation: string): ColumnRef {
  const hits: number[] = [];
  schema.fields.forEach((f, i) => {
    if (f.name === name) hits.push(i);
  });
  if (hits.length === 1) {
    const i = hits[0]!;
    return { kind: 'column', index: i, name, type: schema.fields[i]!.type };
  }
  if (hits.length > 1) {
    throw new PlanError(
      `column '${name}' is ambiguous in ${relation}: ${hits.length} columns have that name (positions ${hits.join(', ')}); ` +
        `rename the columns of one input before joining, e.g. right.renameColumns($('${name}').as('right_${name}'))`,
    );
  }
  const names = schema.fields.map((f) => f.name);
  const near = nearestName(name, names);
  if (near !== undefined) throw new PlanError(`column '${name}' not found in ${relation}; did you mean '${near}'?`);
  const list = names.length === 0 ? 'it has no columns' : `its columns are ${names.map((n) => `'${n}'`).join(', ')}`;
  throw new PlanError(`column '${name}' not found in ${relation}; ${list}`);
}

/**
 * The candidate closest to `name` by edit distance, if it is close enough to be a likely typo
 * (a case-insensitive match, or at most a third of the name's letters off, at least one).
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of adjacent characters
 * (optimal string alignment), so the common typo 'nmae' is one edit from 'name'.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
