// CAST to and from STRING. Rendering writes each vector's strings into the arena (reset after
// the vector) and points the result views at them; parsing reads the views and fails (or gives
// NULL under TRY_CAST) on text that is not a value of the target type, naming the text.
import { arena_alloc } from '../memory';
import { rangeHi, rangeLo } from './arith';
import { formatDouble, formatFloat } from './dtoa';
import { ERR_CAST, raiseStr } from './errors';
import { ST_BIGINT, ST_BOOL, ST_DATE, ST_DECIMAL, ST_DOUBLE, ST_FLOAT, ST_INT, ST_TIMESTAMP } from './opcodes';
import { guardActive, isNullAt, regNulls, regOwnNulls, regOwnValues, regValues, setReg, vecLen } from './state';
import { parseDouble, parseDoubleOk } from './strtod';
import { formatDate, formatDecimal, formatI64, formatTimestamp } from './text-format';
import { parseBool, parseDate, parseDecimal, parseInteger, parseOk, parseTimestamp } from './text-parse';

/** Longest rendering of any value (a DECIMAL uses 48 more bytes of scratch past its text). */
const MAX_TEXT: usize = 80;

/** CAST_TO_STR dst <- a rendered as type code b (c: scale or precision). */
export function op_cast_to_str(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const code = load<i32>(ins, 16);
  const param = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const nulls = regNulls(a);
  const out = regOwnValues(dst);
  const buf = arena_alloc(<usize>n * MAX_TEXT);
  let p = buf;
  for (let i = 0; i < n; i++) {
    let len: usize = 0;
    if (!isNullAt(nulls, i)) {
      switch (code) {
        case ST_BOOL: {
          const t = load<u8>(va + <usize>i) != 0;
          len = t ? 4 : 5;
          if (t) store<u32>(p, 0x45555254); // "TRUE"
          else { store<u32>(p, 0x534C4146); store<u8>(p + 4, 0x45); } // "FALSE"
          break;
        }
        case ST_INT: len = formatI64(<i64>load<i32>(va + (<usize>i << 2)), p); break;
        case ST_DATE: len = formatDate(<i64>load<i32>(va + (<usize>i << 2)), p); break;
        case ST_BIGINT: len = formatI64(load<i64>(va + (<usize>i << 3)), p); break;
        case ST_DECIMAL: len = formatDecimal(load<i64>(va + (<usize>i << 3)), param, p); break;
        case ST_TIMESTAMP: len = formatTimestamp(load<i64>(va + (<usize>i << 3)), param, p); break;
        case ST_DOUBLE: len = formatDouble(load<f64>(va + (<usize>i << 3)), p); break;
        default: len = formatFloat(load<f64>(va + (<usize>i << 3)), p); break;
      }
    }
    store<u32>(out + (<usize>i << 3), <u32>p);
    store<u32>(out + (<usize>i << 3), <u32>len, 4);
    p += len;
  }
  setReg(dst, out, nulls);
}

/** CAST_FROM_STR dst <- a parsed as type code b (c: scale/precision/RANGE, d: try, e: precision). */
export function op_cast_from_str(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const guard = load<i32>(ins, 8);
  const a = load<i32>(ins, 12);
  const code = load<i32>(ins, 16);
  const param = load<i32>(ins, 20);
  const tryMode = load<i32>(ins, 24) != 0;
  const precision = load<i32>(ins, 28);
  const n = vecLen();
  const va = regValues(a);
  const inNulls = regNulls(a);
  const out = regOwnValues(dst);
  let nulls = inNulls;
  for (let i = 0; i < n; i++) {
    if (isNullAt(inNulls, i)) continue;
    const p = <usize>load<u32>(va + (<usize>i << 3));
    const l = <usize>load<u32>(va + (<usize>i << 3), 4);
    let good = true;
    switch (code) {
      case ST_BOOL: store<u8>(out + <usize>i, <u8>parseBool(p, l)); good = parseOk(); break;
      case ST_INT: store<i32>(out + (<usize>i << 2), <i32>parseInteger(p, l, rangeLo(param), rangeHi(param))); good = parseOk(); break;
      case ST_DATE: {
        const d = parseDate(p, l);
        good = parseOk() && d >= -2147483648 && d <= 2147483647;
        store<i32>(out + (<usize>i << 2), <i32>d);
        break;
      }
      case ST_BIGINT: store<i64>(out + (<usize>i << 3), parseInteger(p, l, <i64>0x8000000000000000, 0x7FFFFFFFFFFFFFFF)); good = parseOk(); break;
      case ST_DECIMAL: store<i64>(out + (<usize>i << 3), parseDecimal(p, l, param, precision)); good = parseOk(); break;
      case ST_TIMESTAMP: store<i64>(out + (<usize>i << 3), parseTimestamp(p, l, param)); good = parseOk(); break;
      case ST_DOUBLE: store<f64>(out + (<usize>i << 3), parseDouble(p, l)); good = parseDoubleOk(); break;
      default: store<f64>(out + (<usize>i << 3), <f64><f32>parseDouble(p, l)); good = parseDoubleOk(); break;
    }
    if (good) continue;
    if (tryMode) {
      if (nulls == inNulls) {
        nulls = regOwnNulls(dst);
        if (inNulls == 0) memory.fill(nulls, 0, <usize>n);
        else memory.copy(nulls, inNulls, <usize>n);
      }
      store<u8>(nulls + <usize>i, 1);
    } else if (guardActive(guard, i)) {
      setReg(dst, out, nulls);
      raiseStr(ERR_CAST, i, p, l);
      return;
    }
  }
  setReg(dst, out, nulls);
}

