import { ExprErrorCode, type InstructionContext, type ProgramSpec } from './expr-program-spec.js';
import type { WasmInstance } from './wasm-instance.js';

/**
 * A data error raised while evaluating an expression over a batch (integer overflow, division by
 * zero, a CAST of a value that does not convert). The message names the expression, the batch row
 * and the offending value, e.g. "division by zero in (x / y) at row 3".
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    /** ExprErrorCode of the failure. */
    readonly code: number,
    /** The batch row (index into the batch, not the selection) where it happened. */
    readonly row: number,
    /** The expression that failed, as formatExpr renders it. */
    readonly expression: string,
  ) {
    super(message);
  }
}

const KIND_NAMES = ['?', 'BOOL', 'I32', 'I64', 'F64', 'UTF8', 'DICT', 'I128'];

/** Renders an unscaled decimal with `scale` digits after the point. */
function decimalText(v: bigint, scale: number): string {
  if (scale <= 0) return v.toString();
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function doubleText(f: number): string {
  return Object.is(f, -0) ? '-0.0' : Number.isInteger(f) ? f.toFixed(1) : String(f);
}

/** Reads the VM's error record (wasm/assembly/expr/errors.ts) and builds the error to throw. */
export function readExpressionError(w: WasmInstance, spec: ProgramSpec): ExpressionError {
  const p = w.fn.expr_error_info!() >>> 0;
  const dv = w.views.dataView;
  const code = dv.getInt32(p, true);
  const row = dv.getInt32(p + 4, true);
  const instr = dv.getInt32(p + 8, true);
  const valueKind = dv.getInt32(p + 12, true);
  const a = dv.getBigInt64(p + 16, true);
  const b = dv.getBigInt64(p + 24, true);
  const f = dv.getFloat64(p + 32, true);
  const wide = (at: number) => BigInt.asIntN(128, (dv.getBigUint64(p + at + 8, true) << 64n) | dv.getBigUint64(p + at, true));
  const ctx: InstructionContext = spec.contexts[instr] ?? { expr: '?' };
  const scales = ctx.scales ?? [];
  let value = '';
  switch (valueKind) {
    case 1: value = decimalText(a, scales[0] ?? 0); break;
    case 2: value = `${decimalText(a, scales[0] ?? 0)} ${ctx.symbol ?? ','} ${decimalText(b, scales[1] ?? 0)}`; break;
    case 3: value = doubleText(f); break;
    case 5: value = decimalText(wide(16), scales[0] ?? 0); break;
    case 6: value = `${decimalText(wide(16), scales[0] ?? 0)} ${ctx.symbol ?? ','} ${decimalText(wide(48), scales[1] ?? 0)}`; break;
    case 4: {
      const ptr = dv.getUint32(p + 40, true);
      const len = dv.getUint32(p + 44, true);
      value = `'${new TextDecoder().decode(w.views.u8.subarray(ptr, ptr + len))}'`;
      break;
    }
  }
  const where = `in ${ctx.expr} at row ${row}`;
  let message: string;
  switch (code) {
    case ExprErrorCode.OVERFLOW:
      message = ctx.target
        ? `cannot cast ${value} to ${ctx.target}: numeric overflow ${where}`
        : `${scales.some((s) => s > 0) || ctx.symbol === undefined ? 'numeric' : 'integer'} overflow ${where}${value ? ` (${value})` : ''}`;
      break;
    case ExprErrorCode.DIVIDE_BY_ZERO:
      message = `division by zero ${where}${valueKind === 2 || valueKind === 6 ? ` (${value})` : ''}`;
      break;
    case ExprErrorCode.CAST:
      message = `cannot cast ${value} to ${ctx.target ?? '?'} ${where}`;
      break;
    case ExprErrorCode.COLUMN_KIND:
      message = `expression program expects column ${a} (${ctx.expr}) of another kind; the batch has ${KIND_NAMES[Number(b)] ?? b}`;
      break;
    case ExprErrorCode.INVALID_ARGUMENT:
      message = `invalid argument ${value} ${where}`;
      break;
    default:
      message = `expression error ${code} ${where}`;
  }
  return new ExpressionError(message, code, row, ctx.expr);
}
