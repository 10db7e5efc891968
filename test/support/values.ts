/**
 * The row shape shared by weir results (via arrowRows) and DuckDB results (via duckdbQuery), so
 * that differential tests compare like with like.
 *
 * Each SQL type maps to one JS representation:
 * | SQL type                                   | Value                                        |
 * | ------------------------------------------ | -------------------------------------------- |
 * | NULL (any type)                            | `null`                                       |
 * | BOOLEAN                                    | `boolean`                                    |
 * | TINYINT, SMALLINT, INT (and unsigned ones) | `number`                                     |
 * | BIGINT, HUGEINT (and unsigned ones)        | `bigint`                                     |
 * | FLOAT, DOUBLE                              | `number` (NaN, ±Infinity and -0 preserved)   |
 * | STRING (utf8, dictionary utf8, VARCHAR)    | `string`                                     |
 * | DECIMAL(p, s)                              | `string`: exact decimal text, see formatDecimal |
 * | DATE                                       | `number`: days since 1970-01-01              |
 * | TIMESTAMP (s, ms, us, ns)                  | `bigint`: microseconds since 1970-01-01 (ns truncated toward zero) |
 */

/** One cell value. */
export type Value = null | boolean | number | bigint | string;

/** One result row: cell values in column order. */
export type Row = readonly Value[];

/**
 * The canonical text of the decimal `unscaled / 10^scale`: minus sign only when non-zero,
 * no trailing fractional zeros and no trailing point ("12.3", "-0.05", "100", "0"), so that
 * DECIMAL(10, 2) 12.30 and DECIMAL(38, 4) 12.3000 compare equal.
 */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  let text: string;
  if (scale <= 0) {
    text = digits + '0'.repeat(-scale);
  } else {
    const padded = digits.padStart(scale + 1, '0');
    const int = padded.slice(0, padded.length - scale);
    const frac = padded.slice(padded.length - scale).replace(/0+$/, '');
    text = frac.length > 0 ? `${int}.${frac}` : int;
  }
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * The unscaled integer of decimal text at `scale` ("12.3" at scale 2 → 1230n). Throws when the
 * text has more fractional digits than `scale` allows (other than zeros) or is not a decimal.
 */
export function parseDecimal(text: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: '${text}'`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > scale) throw new Error(`decimal '${text}' has more than ${scale} fractional digits`);
  const unscaled = BigInt(m[2]! + frac.padEnd(scale, '0'));
  return m[1] === '-' ? -unscaled : unscaled;
}

/** A readable rendering of a value for diffs: bigints end in `n`, strings are JSON-quoted, -0 shows. */
export function formatValue(v: Value): string {
  if (v === null) return 'NULL';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  return String(v);
}

/** A readable rendering of a row for diffs: `(1, "a", NULL, 5n)`. */
export function formatRow(row: Row): string {
  return `(${row.map(formatValue).join(', ')})`;
}
