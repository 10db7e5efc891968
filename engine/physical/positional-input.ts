import type { ScalarExpr } from '../logical/expression.js';
import { columnRef, exprEquals } from '../logical/expression-utils.js';
import type { Field } from '../types/data-type.js';
import type { ExecNode, ProjectExec } from './exec-plan.js';

/**
 * Makes expressions available as input positions for operators that take positions only (hash
 * aggregate, hash join, sort). Plain column references keep their position; any other
 * expression is appended as a computed column of a ProjectExec over the input (all input columns
 * first, so positions of plain columns do not move). Equal expressions share one column.
 */
export class PositionalInput {
  private readonly extra: ScalarExpr[] = [];
  private readonly extraNames: string[] = [];

  constructor(private readonly input: ExecNode) {}

  /** The position at which `e` (over the input's columns) will be found. */
  positionOf(e: ScalarExpr, name: string): number {
    if (e.kind === 'column') return e.index;
    const width = this.input.schema.fields.length;
    const known = this.extra.findIndex((x) => exprEquals(x, e));
    if (known >= 0) return width + known;
    this.extra.push(e);
    this.extraNames.push(name);
    return width + this.extra.length - 1;
  }

  /** How many computed columns were appended. */
  get extraCount(): number {
    return this.extra.length;
  }

  /** The input, with a ProjectExec appending the computed columns when there are any. */
  build(): ExecNode {
    if (this.extra.length === 0) return this.input;
    const fields = this.input.schema.fields;
    const exprs = [...fields.map((f, i) => columnRef(i, f)), ...this.extra];
    const out: Field[] = [...fields, ...this.extra.map((e, i) => ({ name: this.extraNames[i]!, type: e.type }))];
    const project: ProjectExec = { op: 'ProjectExec', input: this.input, exprs, schema: { fields: out } };
    return project;
  }
}
