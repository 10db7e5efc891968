import type { Expr, FunctionArg, FunctionCall } from '../ast.js';

/** Aggregate functions weir computes, by their SQL names. */
export const AGGREGATE_NAMES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** The upper-cased last part of a function's name (`COUNT`, `my_udf` → `MY_UDF`). */
export function functionName(call: FunctionCall): string {
  return call.name.parts[call.name.parts.length - 1]!.value.toUpperCase();
}

/** Whether `call` is an aggregate call (not an OVER window call, which is evaluated per row). */
export function isAggregateCall(call: FunctionCall): boolean {
  return call.over === undefined && AGGREGATE_NAMES.has(functionName(call));
}

function argExprs(args: readonly FunctionArg[]): Expr[] {
  return args.flatMap((a) => {
    if (a.kind === 'table_argument' || a.kind === 'descriptor') return [];
    if (a.kind === 'named_argument') return a.value.kind === 'table_argument' || a.value.kind === 'descriptor' ? [] : [a.value];
    return [a];
  });
}

/**
 * The scalar sub-expressions of `e` in the same query block (the queries of subqueries are other
 * blocks and are not entered; their operands are).
 */
export function exprChildren(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'numeric_literal': case 'string_literal': case 'boolean_literal': case 'null_literal':
    case 'typed_literal': case 'interval_literal': case 'column_ref': case 'exists': case 'scalar_subquery':
      return [];
    case 'unary': return [e.operand];
    case 'binary': return [e.left, e.right];
    case 'is': return [e.operand];
    case 'is_distinct_from': return [e.left, e.right];
    case 'between': return [e.operand, e.low, e.high];
    case 'in_list': return [e.operand, ...e.list];
    case 'in_subquery': case 'quantified_comparison': return [e.operand];
    case 'like': return [e.operand, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'case': return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'cast': return [e.operand];
    case 'function_call': return [...argExprs(e.args), ...(e.filter ? [e.filter] : [])];
    case 'extract': case 'floor_ceil_to': return [e.operand];
    case 'timestamp_add': return [e.count, e.operand];
    case 'timestamp_diff': return [e.from, e.to];
    case 'substring': return [e.operand, e.start, ...(e.length ? [e.length] : [])];
    case 'trim': return [...(e.characters ? [e.characters] : []), e.operand];
    case 'position': return [e.needle, e.haystack, ...(e.start ? [e.start] : [])];
    case 'overlay': return [e.operand, e.placing, e.start, ...(e.length ? [e.length] : [])];
    case 'row': return e.fields;
    case 'array_constructor': return e.elements;
    case 'map_constructor': return e.entries.flatMap((x) => [x.key, x.value]);
    case 'subscript': return [e.operand, e.index];
    case 'field_access': return [e.operand];
  }
}

/** Whether `e` contains an aggregate call of its own block (outside any window call). */
export function containsAggregate(e: Expr): boolean {
  if (e.kind === 'function_call') {
    if (isAggregateCall(e)) return true;
    if (e.over !== undefined) return false;
  }
  return exprChildren(e).some(containsAggregate);
}

/** Whether `e` contains a window (OVER) call. */
export function containsWindowCall(e: Expr): boolean {
  if (e.kind === 'function_call' && e.over !== undefined) return true;
  return exprChildren(e).some(containsWindowCall);
}

/** Whether `e` is a subquery expression (IN, EXISTS, a scalar subquery, a quantified comparison). */
export function isSubquery(e: Expr): boolean {
  return e.kind === 'in_subquery' || e.kind === 'exists' || e.kind === 'scalar_subquery' || e.kind === 'quantified_comparison';
}

/** Whether `e` contains a subquery in its own block. */
export function containsSubquery(e: Expr): boolean {
  return isSubquery(e) || exprChildren(e).some(containsSubquery);
}
