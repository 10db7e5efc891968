import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExprErrorCode, INSTR_WORDS, VmKind } from '../../bindings/expr-program-spec.js';
import { AR, CMP, FIELD, IN_FLAGS, LIKE, MATH, MODE, OP, RANGE, ROUND, ST, TIME_DATE, UNIT } from '../../engine/runtime/expr/opcodes.js';

function asConstants(file: string): Map<string, number> {
  const src = readFileSync(new URL(`../../wasm/assembly/expr/${file}`, import.meta.url), 'utf8');
  const out = new Map<string, number>();
  for (const m of src.matchAll(/export const (\w+): (?:i32|usize) = (-?\d+);/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

describe('the TypeScript mirror of the VM encoding', () => {
  const as = asConstants('opcodes.ts');
  const errors = asConstants('errors.ts');

  it('has every opcode of wasm/assembly/expr/opcodes.ts with the same number', () => {
    const asOps = [...as].filter(([k]) => k.startsWith('OP_'));
    expect(Object.fromEntries(asOps.map(([k, v]) => [k.slice(3), v]))).toEqual({ ...OP });
  });

  it('agrees on operand codes, kinds, error codes and the instruction size', () => {
    const pick = (prefix: string) => Object.fromEntries([...as].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    expect(pick('MODE_')).toEqual({ ...MODE });
    expect(pick('AR_')).toEqual({ ...AR });
    expect(pick('CMP_')).toEqual({ ...CMP });
    expect(pick('RANGE_')).toEqual({ ...RANGE });
    expect(pick('ROUND_')).toEqual({ ...ROUND });
    expect(pick('VK_')).toEqual({ ...VmKind });
    expect(pick('IN_HAS_')).toEqual({ NULL: IN_FLAGS.HAS_NULL, NAN: IN_FLAGS.HAS_NAN });
    expect(pick('ST_')).toEqual({ ...ST });
    expect(pick('LIKE_')).toEqual({ ...LIKE });
    expect(pick('F_')).toEqual({ ...FIELD });
    expect(pick('U_')).toEqual({ ...UNIT });
    expect(pick('M_')).toEqual({ ...MATH });
    expect(as.get('TIME_DATE')).toBe(TIME_DATE);
    expect(as.get('INSTR_WORDS')).toBe(INSTR_WORDS);
    const errs = Object.fromEntries([...errors].filter(([k]) => k.startsWith('ERR_') && k !== 'ERR_NONE').map(([k, v]) => [k.slice(4), v]));
    expect(errs).toEqual({ ...ExprErrorCode });
  });
});
