import { PlanError } from '../errors.js';
import { columnRef } from './expression-utils.js';
import { castTo, typeName } from './function-catalog.js';
import { project, union } from './plan-builder.js';
import type { LogicalPlan } from './plan.js';
import { commonType, sameType } from './type-coercion.js';

/**
 * UNION ALL of two plans: the same number of columns, each pair of a common type (widened as
 * comparisons are: INT with BIGINT is BIGINT); an input whose types differ from the common ones
 * gets a casting projection. The names are the left input's.
 */
export function unionPlans(left: LogicalPlan, right: LogicalPlan, context: string): LogicalPlan {
  const l = left.schema.fields, r = right.schema.fields;
  if (l.length !== r.length) {
    throw new PlanError(`${context}: the inputs have ${l.length} and ${r.length} columns; both sides need the same columns`);
  }
  const types = l.map((f, i) => {
    const t = commonType(f.type, r[i]!.type);
    if (!t) {
      throw new PlanError(`${context}: column ${i + 1} is ${typeName(f.type)} ('${f.name}') on the left and ` +
        `${typeName(r[i]!.type)} ('${r[i]!.name}') on the right; cast one side`);
    }
    return t;
  });
  const conform = (p: LogicalPlan) => {
    const fs = p.schema.fields;
    if (fs.every((f, i) => sameType(f.type, types[i]!))) return p;
    return project(p, fs.map((f, i) => castTo(columnRef(i, f), types[i]!)), fs.map((f) => f.name));
  };
  return union([conform(left), conform(right)]);
}
