import type { ScalarExpr } from '../logical/expression.js';
import { substituteColumns } from '../logical/expression-utils.js';
import type { Schema } from '../types/data-type.js';
import type { ExecNode, ProjectExec } from './exec-plan.js';

/**
 * A ProjectExec of `exprs` over `input`, merged into `input` when that is a ProjectExec itself
 * (the physical planner adds projections around joins, sorts and aggregates, which then meet the
 * plan's own), and left out when it would pass its input through unchanged. Merging is declined
 * when it would compute a lower non-trivial expression twice.
 */
export function projectExec(input: ExecNode, exprs: readonly ScalarExpr[], schema: Schema): ExecNode {
  if (input.op === 'ProjectExec') {
    const uses = new Map<number, number>();
    for (const e of exprs) for (const c of collectAll(e)) uses.set(c, (uses.get(c) ?? 0) + 1);
    const safe = [...uses].every(([i, n]) => n <= 1 || input.exprs[i]!.kind !== 'call');
    if (safe) return projectExec(input.input, exprs.map((e) => substituteColumns(e, input.exprs)), schema);
  }
  const fields = input.schema.fields;
  const identity = exprs.length === fields.length &&
    exprs.every((e, i) => e.kind === 'column' && e.index === i && schema.fields[i]!.name === fields[i]!.name);
  if (identity) return input;
  const node: ProjectExec = { op: 'ProjectExec', input, exprs, schema };
  return node;
}

/** Every column reference of `e`, repeated as often as it occurs. */
function collectAll(e: ScalarExpr, into: number[] = []): number[] {
  if (e.kind === 'column') into.push(e.index);
  else if (e.kind === 'call') for (const a of e.args) collectAll(a, into);
  return into;
}

