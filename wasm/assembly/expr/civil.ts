// Civil (proleptic Gregorian) calendar on days since 1970-01-01, after Howard Hinnant's
// days_from_civil / civil_from_days: integer arithmetic only, valid for every i32 day.

let outYear: i32 = 0;
let outMonth: i32 = 0;
let outDay: i32 = 0;

// @ts-ignore: decorator
@inline function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/** Days since 1970-01-01 of year-month-day. */
export function daysFromCivil(y: i64, m: i32, d: i32): i64 {
  const yy = m <= 2 ? y - 1 : y;
  const era = floorDiv(yy, 400);
  const yoe = yy - era * 400;
  const mp: i64 = m > 2 ? m - 3 : m + 9;
  const doy = (153 * mp + 2) / 5 + <i64>d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** Splits days since 1970-01-01 into civilYear(), civilMonth(), civilDay(). */
export function civilFromDays(days: i64): void {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const d = doy - (153 * mp + 2) / 5 + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  outYear = <i32>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  outMonth = <i32>m;
  outDay = <i32>d;
}

export function civilYear(): i32 { return outYear; }
export function civilMonth(): i32 { return outMonth; }
export function civilDay(): i32 { return outDay; }

export function isLeapYear(y: i32): bool {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

export function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return isLeapYear(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}
