// CONST: fills a register with a literal for a whole vector, once, when the program is loaded
// (the body never writes constant registers, so no broadcast happens per batch).
import { VK_BOOL, VK_I128, VK_I32, VK_STR } from './opcodes';
import { VECTOR, pool, regOwnNulls, regOwnValues, setReg } from './state';

/** CONST dst <- literal of VM kind a at pool offset b; c = 1 for NULL. */
export function op_const(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const kind = load<i32>(ins, 12);
  const off = load<i32>(ins, 16);
  const isNull = load<i32>(ins, 20) != 0;
  const out = regOwnValues(dst);
  const nulls = regOwnNulls(dst);
  const n = <usize>VECTOR;
  if (isNull) {
    memory.fill(out, 0, n << 4);
  } else if (kind == VK_BOOL) {
    memory.fill(out, load<u8>(pool(off)), n);
  } else if (kind == VK_I32) {
    const v = load<i32>(pool(off));
    for (let i: usize = 0; i < n; i++) store<i32>(out + (i << 2), v);
  } else if (kind == VK_STR) {
    const p = pool(off);
    const len = load<u32>(p);
    for (let i: usize = 0; i < n; i++) {
      store<u32>(out + (i << 3), <u32>(p + 4));
      store<u32>(out + (i << 3), len, 4);
    }
  } else if (kind == VK_I128) {
    const lo = load<u64>(pool(off));
    const hi = load<u64>(pool(off), 8);
    for (let i: usize = 0; i < n; i++) {
      store<u64>(out + (i << 4), lo);
      store<u64>(out + (i << 4), hi, 8);
    }
  } else {
    const v = load<i64>(pool(off));
    for (let i: usize = 0; i < n; i++) store<i64>(out + (i << 3), v);
  }
  memory.fill(nulls, isNull ? 1 : 0, n);
  setReg(dst, out, isNull ? nulls : 0);
}
