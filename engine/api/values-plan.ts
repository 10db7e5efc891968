import { PlanError } from '../errors.js';
import type { Literal, LiteralValue } from '../logical/expression.js';
import { typeName } from '../logical/function-catalog.js';
import { literalFromJs } from '../logical/literal.js';
import { values } from '../logical/plan-builder.js';
import type { Values } from '../logical/plan.js';
import { commonType } from '../logical/type-coercion.js';
import { evaluateCast } from '../optimizer/evaluate-cast.js';
import { DataTypes, type DataType } from '../types/data-type.js';

/**
 * A Values plan of JavaScript rows: each value becomes a literal, each column takes the common
 * type of its values (NOT NULL when no value is null; an all-NULL column is a nullable STRING)
 * and every value is converted to it.
 */
export function valuesPlan(rows: readonly (readonly unknown[])[], names?: readonly string[]): Values {
  const width = names?.length ?? rows[0]?.length ?? 0;
  if (width === 0) throw new PlanError('fromValues() needs at least one column: pass names or a non-empty row');
  const literals: Literal[][] = rows.map((r, i) => {
    if (r.length !== width) throw new PlanError(`fromValues(): row ${i + 1} has ${r.length} values for ${width} columns`);
    return r.map((v) => literalFromJs(v));
  });
  const types: DataType[] = Array.from({ length: width }, (_, c) => {
    let t: DataType = literals[0]?.[c]?.type ?? DataTypes.NULL();
    for (const row of literals.slice(1)) {
      const next = commonType(t, row[c]!.type);
      if (!next) throw new PlanError(`fromValues(): column ${c + 1} mixes ${typeName(t)} and ${typeName(row[c]!.type)} values`);
      t = next;
    }
    return t.name === 'NULL' ? DataTypes.STRING() : t;
  });
  const converted: LiteralValue[][] = literals.map((row) =>
    row.map((l, c) => {
      if (l.type.name === types[c]!.name && l.type.precision === types[c]!.precision && l.type.scale === types[c]!.scale) return l.value;
      const cast = evaluateCast(l, types[c]!, false);
      if (!cast) throw new PlanError(`fromValues(): value ${String(l.value)} does not convert to ${typeName(types[c]!)}`);
      return cast.value;
    }),
  );
  const fields = types.map((type, c) => ({ name: names?.[c] ?? `f${c}`, type }));
  return values(converted, { fields });
}
