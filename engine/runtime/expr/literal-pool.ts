import { VmKind } from '../../../bindings/expr-program-spec.js';
import type { LiteralValue } from '../../logical/expression.js';

/** A literal's number (DOUBLE, INT, DATE): the serialized forms 'NaN', '±Infinity', '-0' included. */
export function literalNumber(v: LiteralValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === '-0') return -0;
  return Number(v);
}

/** A literal's integer (BIGINT, DECIMAL unscaled, TIMESTAMP): numbers or decimal strings. */
export function literalBigInt(v: LiteralValue): bigint {
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return BigInt(String(v));
}

/**
 * The constant-pool bytes of a non-NULL literal held as `kind`: BOOL one byte, I32 4 bytes, I64
 * and F64 8 bytes, I128 16 (two's complement; all little-endian), STR a u32 byte length followed by the UTF-8 bytes.
 */
export function literalBytes(v: LiteralValue, kind: VmKind): Uint8Array {
  switch (kind) {
    case VmKind.BOOL: return Uint8Array.of(v === true || v === 1 ? 1 : 0);
    case VmKind.I32: {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, literalNumber(v), true);
      return b;
    }
    case VmKind.I64: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, BigInt.asIntN(64, literalBigInt(v)), true);
      return b;
    }
    case VmKind.I128: {
      const b = new Uint8Array(16);
      const u = BigInt.asUintN(128, literalBigInt(v));
      new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, u), true);
      new DataView(b.buffer).setBigUint64(8, u >> 64n, true);
      return b;
    }
    case VmKind.F64: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, literalNumber(v), true);
      return b;
    }
    case VmKind.STR: return stringBytes(String(v));
  }
}

/** Pool bytes of a string: u32 byte length, then UTF-8. */
export function stringBytes(s: string): Uint8Array {
  const utf8 = new TextEncoder().encode(s);
  const b = new Uint8Array(4 + utf8.length);
  new DataView(b.buffer).setUint32(0, utf8.length, true);
  b.set(utf8, 4);
  return b;
}
