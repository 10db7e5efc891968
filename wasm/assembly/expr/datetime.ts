// EXTRACT and DATE_TRUNC on DATE (days since 1970-01-01) and TIMESTAMP (epoch ms or µs) values:
// civil-calendar arithmetic in integers, no time zones.
import { civilDay, civilFromDays, civilMonth, civilYear, daysFromCivil } from './civil';
import {
  F_DAY, F_DOW, F_DOY, F_EPOCH, F_HOUR, F_MINUTE, F_MONTH, F_QUARTER, F_SECOND, F_WEEK, F_YEAR, TIME_DATE, U_DAY, U_HOUR,
  U_MINUTE, U_MONTH, U_QUARTER, U_SECOND, U_WEEK, U_YEAR, VK_I32,
} from './opcodes';
import { regNulls, regOwnValues, regValues, setReg, vecLen } from './state';

// @ts-ignore: decorator
@inline function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// @ts-ignore: decorator
@inline function floorMod(a: i64, b: i64): i64 {
  return a - floorDiv(a, b) * b;
}

/** ISO 8601 week number of a day. */
function isoWeek(days: i64): i64 {
  const thursday = days - floorMod(days + 3, 7) + 3;
  civilFromDays(thursday);
  return (thursday - daysFromCivil(civilYear(), 1, 1)) / 7 + 1;
}

function extractField(field: i32, days: i64, secOfDay: i64, value: i64, unit: i64, isDate: bool): i64 {
  switch (field) {
    case F_HOUR: return secOfDay / 3600;
    case F_MINUTE: return (secOfDay / 60) % 60;
    case F_SECOND: return secOfDay % 60;
    case F_DOW: return floorMod(days + 4, 7) + 1;
    case F_WEEK: return isoWeek(days);
    case F_EPOCH: return isDate ? days * 86400 : floorDiv(value, unit);
  }
  civilFromDays(days);
  switch (field) {
    case F_YEAR: return civilYear();
    case F_MONTH: return civilMonth();
    case F_DAY: return civilDay();
    case F_QUARTER: return (civilMonth() - 1) / 3 + 1;
    default: return days - daysFromCivil(civilYear(), 1, 1) + 1; // F_DOY
  }
}

/** EXTRACT dst <- field b of a. */
export function op_extract(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const field = load<i32>(ins, 16);
  const source = load<i32>(ins, 20);
  const outKind = load<i32>(ins, 24);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  const isDate = source == TIME_DATE;
  const unit: i64 = source == 6 ? 1000000 : 1000;
  for (let i = 0; i < n; i++) {
    let days: i64;
    let sec: i64 = 0;
    let v: i64 = 0;
    if (isDate) days = <i64>load<i32>(va + (<usize>i << 2));
    else {
      v = load<i64>(va + (<usize>i << 3));
      days = floorDiv(v, 86400 * unit);
      sec = (v - days * 86400 * unit) / unit;
    }
    const r = extractField(field, days, sec, v, unit, isDate);
    if (outKind == VK_I32) store<i32>(out + (<usize>i << 2), <i32>r);
    else store<i64>(out + (<usize>i << 3), r);
  }
  setReg(dst, out, regNulls(a));
}

function truncDays(unitCode: i32, days: i64): i64 {
  if (unitCode == U_WEEK) return days - floorMod(days + 3, 7);
  if (unitCode >= U_DAY) return days;
  civilFromDays(days);
  const y = <i64>civilYear();
  if (unitCode == U_YEAR) return daysFromCivil(y, 1, 1);
  if (unitCode == U_QUARTER) return daysFromCivil(y, ((civilMonth() - 1) / 3) * 3 + 1, 1);
  return daysFromCivil(y, civilMonth(), 1); // U_MONTH
}

/** DATE_TRUNC dst <- a truncated to unit b. */
export function op_date_trunc(ins: usize): void {
  const dst = load<i32>(ins, 4);
  const a = load<i32>(ins, 12);
  const unitCode = load<i32>(ins, 16);
  const source = load<i32>(ins, 20);
  const n = vecLen();
  const va = regValues(a);
  const out = regOwnValues(dst);
  if (source == TIME_DATE) {
    for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), <i32>truncDays(unitCode, <i64>load<i32>(va + (<usize>i << 2))));
  } else {
    const unit: i64 = source == 6 ? 1000000 : 1000;
    const perDay = 86400 * unit;
    const step: i64 = unitCode == U_HOUR ? 3600 * unit : unitCode == U_MINUTE ? 60 * unit : unit;
    for (let i = 0; i < n; i++) {
      const v = load<i64>(va + (<usize>i << 3));
      let r: i64;
      if (unitCode >= U_HOUR && unitCode <= U_SECOND) r = floorDiv(v, step) * step;
      else r = truncDays(unitCode, floorDiv(v, perDay)) * perDay;
      store<i64>(out + (<usize>i << 3), r);
    }
  }
  setReg(dst, out, regNulls(a));
}
