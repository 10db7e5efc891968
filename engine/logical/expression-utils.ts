import { DataTypes, type Field } from '../types/data-type.js';
import type { ColumnRef, ScalarExpr } from './expression.js';

/** A reference to input column `index` described by `field`. */
export function columnRef(index: number, field: Field): ColumnRef {
  return { kind: 'column', index, name: field.name, type: field.type };
}

/** Adds the input positions `e` reads to `into` (and returns it). */
export function collectColumns(e: ScalarExpr, into: Set<number> = new Set()): Set<number> {
  if (e.kind === 'column') into.add(e.index);
  else if (e.kind === 'call') for (const a of e.args) collectColumns(a, into);
  return into;
}

/** Rewrites every column reference of `e` with `f`, rebuilding only what changed. */
export function mapColumns(e: ScalarExpr, f: (ref: ColumnRef) => ScalarExpr): ScalarExpr {
  if (e.kind === 'column') return f(e);
  if (e.kind === 'literal') return e;
  const args = e.args.map((a) => mapColumns(a, f));
  return args.every((a, i) => a === e.args[i]) ? e : { ...e, args };
}

/** `e` with every column position moved by `offset` (to address a join's right input, say). */
export function shiftColumns(e: ScalarExpr, offset: number): ScalarExpr {
  return offset === 0 ? e : mapColumns(e, (c) => ({ ...c, index: c.index + offset }));
}

/** `e` with each column reference replaced by the expression it stands for (inlining a projection). */
export function substituteColumns(e: ScalarExpr, exprs: readonly ScalarExpr[]): ScalarExpr {
  return mapColumns(e, (c) => exprs[c.index]!);
}

/** The conjuncts of `e`: `a AND (b AND c)` → [a, b, c]. */
export function splitConjunction(e: ScalarExpr): ScalarExpr[] {
  if (e.kind === 'call' && e.fn === 'and') return e.args.flatMap(splitConjunction);
  return [e];
}

/** `a AND b AND ...` of a non-empty list (left-deep), or undefined for an empty one. */
export function conjunction(parts: readonly ScalarExpr[]): ScalarExpr | undefined {
  if (parts.length === 0) return undefined;
  return parts.reduce((acc, p) => ({
    kind: 'call',
    fn: 'and',
    args: [acc, p],
    type: DataTypes.BOOLEAN(acc.type.nullable || p.type.nullable),
  }));
}

/** Structural equality of expressions (names of column references ignored). */
export function exprEquals(a: ScalarExpr, b: ScalarExpr): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'column') return a.index === (b as ColumnRef).index;
  if (!typeEq(a.type, b.type)) return false;
  if (a.kind === 'literal') return b.kind === 'literal' && a.value === b.value;
  if (b.kind !== 'call' || a.fn !== b.fn || a.args.length !== b.args.length) return false;
  return a.args.every((x, i) => exprEquals(x, b.args[i]!));
}

function typeEq(a: ScalarExpr['type'], b: ScalarExpr['type']): boolean {
  return a.name === b.name && a.nullable === b.nullable && a.precision === b.precision && a.scale === b.scale;
}

/** Whether `e` is the literal TRUE. */
export function isTrueLiteral(e: ScalarExpr): boolean {
  return e.kind === 'literal' && e.value === true;
}

/** Whether `e` is the literal FALSE or NULL (a filter on it keeps no row). */
export function isFalseOrNullLiteral(e: ScalarExpr): boolean {
  return e.kind === 'literal' && (e.value === false || e.value === null);
}
