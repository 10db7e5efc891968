/**
 * Calendar helpers for the TPC-H generator. Dates are day numbers since 1970-01-01 (Arrow date32,
 * DuckDB DATE), so the spec's date rules are integer additions.
 */

const MS_PER_DAY = 86_400_000;

/** The day number of an ISO date `YYYY-MM-DD`; throws on anything else. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`dayNumber: expected YYYY-MM-DD, got '${iso}'`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

/** The ISO text `YYYY-MM-DD` of a day number. */
export function formatDay(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** STARTDATE of the spec (4.2.2.12): the first order date. */
export const START_DATE = dayNumber('1992-01-01');
/** CURRENTDATE of the spec: line items received by then are returned (R/A), shipped after it are open (O). */
export const CURRENT_DATE = dayNumber('1995-06-17');
/** ENDDATE of the spec: the last day any date column reaches. */
export const END_DATE = dayNumber('1998-12-31');
/** The last order date: ENDDATE minus 151 days, so that every ship and receipt date stays before ENDDATE. */
export const LAST_ORDER_DATE = END_DATE - 151;
