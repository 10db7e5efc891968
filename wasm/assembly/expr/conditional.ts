// SELECT: the row-wise choice behind CASE, IF, COALESCE and NULLIF. The condition is a BOOL
// register without nulls (an IS TRUE test), so a NULL condition takes the ELSE side.
import { regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';

// @ts-ignore: decorator
@inline function selectLoop<T>(c: usize, t: usize, e: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << alignof<T>();
    store<T>(out + o, select<T>(load<T>(t + o), load<T>(e + o), load<u8>(c + <usize>i) != 0));
  }
}

/** SELECT dst <- a ? b : c (values of d bytes). */
export function op_select(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const c = regValues(load<i32>(ins, 12));
  const tr = load<i32>(ins, 16);
  const er = load<i32>(ins, 20);
  const width = load<i32>(ins, 24);
  const n = vecLen();
  const out = regOwnValues(dst);
  const t = regValues(tr);
  const e = regValues(er);
  if (width == 1) selectLoop<u8>(c, t, e, out, n);
  else if (width == 4) selectLoop<u32>(c, t, e, out, n);
  else if (width == 8) selectLoop<u64>(c, t, e, out, n);
  else selectLoop<v128>(c, t, e, out, n);
  const tn = regNulls(tr);
  const en = regNulls(er);
  if (tn == 0 && en == 0) {
    setReg(dst, out, 0);
    return;
  }
  const nulls = regOwnNulls(dst);
  for (let i = 0; i < n; i++) {
    const tnull = tn != 0 ? load<u8>(tn + <usize>i) : <u8>0;
    const enull = en != 0 ? load<u8>(en + <usize>i) : <u8>0;
    store<u8>(nulls + <usize>i, select<u8>(tnull, enull, load<u8>(c + <usize>i) != 0));
  }
  setReg(dst, out, nulls);
}
