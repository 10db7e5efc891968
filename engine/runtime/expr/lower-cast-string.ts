import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { DataType } from '../../types/data-type.js';
import type { Lowering } from './lowering.js';
import { OP, ST } from './opcodes.js';
import { UnsupportedExpressionError, precisionBound, rangeOf, scaleOf, timestampPrecision, vmKindOf } from './vm-types.js';

type Context = ReturnType<Lowering['context']>;

/** The string-cast type code of a type, and its parameter (scale, precision or range). */
function stringCode(t: DataType): [number, number] {
  switch (t.name) {
    case 'BOOLEAN': return [ST.BOOL, 0];
    case 'TINYINT': case 'SMALLINT': case 'INT': return [ST.INT, rangeOf(t)];
    case 'BIGINT': return [ST.BIGINT, 0];
    case 'DECIMAL': return [ST.DECIMAL, scaleOf(t)];
    case 'DOUBLE': return [ST.DOUBLE, 0];
    case 'FLOAT': return [ST.FLOAT, 0];
    case 'DATE': return [ST.DATE, 0];
    case 'TIMESTAMP': return [ST.TIMESTAMP, timestampPrecision(t)];
    default: throw new UnsupportedExpressionError(`no string form for ${t.name}`);
  }
}

/** CAST from STRING (parsing; spaces are trimmed). */
export function castFromString(lw: Lowering, r: number, to: DataType, guard: number, tryMode: boolean, ctx: Context): number {
  const [code, param] = stringCode(to);
  return lw.b.emit(OP.CAST_FROM_STR, lw.b.newRegister(vmKindOf(to)), guard, r, code, param, tryMode ? 1 : 0, precisionBound(to), ctx);
}

/** CAST to STRING (rendering). */
export function castToString(lw: Lowering, r: number, from: DataType, ctx: Context): number {
  const [code, param] = stringCode(from);
  return lw.b.emit(OP.CAST_TO_STR, lw.b.newRegister(VmKind.STR), -1, r, code, param, 0, 0, ctx);
}
