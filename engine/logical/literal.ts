import { PlanError } from '../errors.js';
import { DataTypes, typeToString, type DataType } from '../types/data-type.js';
import type { Literal, LiteralValue } from './expression.js';

const INT_RANGE: Partial<Record<string, [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
};
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const MS_PER_DAY = 86_400_000;

/**
 * A literal in its JSON-safe form (see {@link LiteralValue}): FLOAT/DOUBLE NaN, ±Infinity and -0
 * become the strings 'NaN', 'Infinity', '-Infinity', '-0', so a plan that carries them survives
 * JSON.stringify. Every planner path creates literals through here.
 */
export function makeLiteral(value: LiteralValue, type: DataType): Literal {
  if (value === null) return { kind: 'literal', value: null, type: { ...type, nullable: true } };
  if ((type.name === 'FLOAT' || type.name === 'DOUBLE') && typeof value === 'number') {
    if (Number.isNaN(value)) value = 'NaN';
    else if (value === Infinity) value = 'Infinity';
    else if (value === -Infinity) value = '-Infinity';
    else if (Object.is(value, -0)) value = '-0';
  }
  return { kind: 'literal', value, type };
}

/** The number a FLOAT/DOUBLE/TINYINT..INT/DATE/TIMESTAMP(3) literal value stands for. */
export function numberOf(value: LiteralValue): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (value === '-0') return -0;
  return Number(value);
}

/** Whether `v` fits the integer type `typeName` (TINYINT..BIGINT). */
export function fitsInteger(v: bigint, typeName: string): boolean {
  const r = INT_RANGE[typeName];
  if (r) return v >= BigInt(r[0]) && v <= BigInt(r[1]);
  return v >= I64_MIN && v <= I64_MAX;
}

/**
 * Converts a JavaScript value to a literal, for `lit(value, type?)`. Without a type: boolean →
 * BOOLEAN, an integer number → INT (BIGINT beyond 32 bits), another number → DOUBLE, bigint →
 * BIGINT, string → STRING, Date → TIMESTAMP(3), null → NULL. With a type the value is checked and
 * converted (a DECIMAL from a number or decimal string, a DATE from 'YYYY-MM-DD' or a Date, ...).
 */
export function literalFromJs(value: unknown, type?: DataType): Literal {
  if (value === null || value === undefined) return makeLiteral(null, type ?? DataTypes.NULL());
  if (!type) return makeLiteral(...inferJs(value));
  const t: DataType = { ...type, nullable: false };
  const fail = (): never => {
    throw new PlanError(`cannot use ${describeJs(value)} as a literal of type ${typeToString(t)}`);
  };
  switch (t.name) {
    case 'NULL':
      return fail();
    case 'BOOLEAN':
      return typeof value === 'boolean' ? makeLiteral(value, t) : fail();
    case 'TINYINT': case 'SMALLINT': case 'INT': {
      const b = toBigInt(value) ?? fail();
      return fitsInteger(b, t.name) ? makeLiteral(Number(b), t) : fail();
    }
    case 'BIGINT': {
      const b = toBigInt(value) ?? fail();
      return fitsInteger(b, 'BIGINT') ? makeLiteral(b.toString(), t) : fail();
    }
    case 'FLOAT': case 'DOUBLE':
      return typeof value === 'number' ? makeLiteral(value, t) : typeof value === 'bigint' ? makeLiteral(Number(value), t) : fail();
    case 'DECIMAL': {
      const text = typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string' ? String(value) : fail();
      return makeLiteral(parseDecimal(text, t.precision ?? 10, t.scale ?? 0) ?? fail(), t);
    }
    case 'STRING':
      return typeof value === 'string' ? makeLiteral(value, t) : fail();
    case 'DATE': {
      const days = value instanceof Date ? Math.floor(value.getTime() / MS_PER_DAY) : typeof value === 'string' ? parseDate(value) : undefined;
      return days === undefined ? fail() : makeLiteral(days, t);
    }
    case 'TIMESTAMP': {
      const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? parseTimestampMillis(value) : typeof value === 'number' ? value : undefined;
      if (ms === undefined || !Number.isFinite(ms)) return fail();
      return makeLiteral((t.precision ?? 3) === 6 ? (BigInt(Math.round(ms)) * 1000n).toString() : Math.round(ms), t);
    }
  }
}

function inferJs(value: unknown): [LiteralValue, DataType] {
  switch (typeof value) {
    case 'boolean': return [value, DataTypes.BOOLEAN(false)];
    case 'string': return [value, DataTypes.STRING(false)];
    case 'bigint':
      if (!fitsInteger(value, 'BIGINT')) throw new PlanError(`${value} does not fit BIGINT`);
      return [value.toString(), DataTypes.BIGINT(false)];
    case 'number':
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        if (fitsInteger(BigInt(value), 'INT')) return [value, DataTypes.INT(false)];
        if (Number.isSafeInteger(value)) return [String(value), DataTypes.BIGINT(false)];
      }
      return [value, DataTypes.DOUBLE(false)];
  }
  if (value instanceof Date) return [value.getTime(), DataTypes.TIMESTAMP(3, false)];
  throw new PlanError(`cannot use ${describeJs(value)} as a literal; pass a boolean, number, bigint, string or Date`);
}

function describeJs(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return BigInt(value.trim());
  return undefined;
}

/**
 * The unscaled value of decimal text at scale `s` (rounded half away from zero), or undefined if
 * it is not a number or needs more than `p` digits.
 */
export function parseDecimal(text: string, p: number, s: number): string | undefined {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  const point = (m[2] ?? '').length + Number(m[4] ?? 0); // digits before the decimal point
  // Shift to exactly s fractional digits.
  const want = point + s;
  if (want < 0) return '0';
  if (digits.length < want) digits = digits.padEnd(want, '0');
  let unscaled = BigInt(digits.slice(0, want) || '0');
  const rest = digits.slice(want);
  if (rest.length > 0 && rest[0]! >= '5') unscaled += 1n;
  if (unscaled.toString().length > p) return undefined;
  return (m[1] === '-' && unscaled !== 0n ? -unscaled : unscaled).toString();
}

/** Renders an unscaled decimal at scale `s`: ('-1234', 2) → '-12.34'. */
export function formatDecimal(unscaled: string, s: number): string {
  if (s === 0) return unscaled;
  const neg = unscaled.startsWith('-');
  const digits = (neg ? unscaled.slice(1) : unscaled).padStart(s + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -s)}.${digits.slice(-s)}`;
}

/** Days since 1970-01-01 of 'YYYY-MM-DD', or undefined. */
export function parseDate(text: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return ms / MS_PER_DAY;
}

/** Epoch milliseconds of 'YYYY-MM-DD[ T]HH:MM[:SS[.fff]]' (UTC) or 'YYYY-MM-DD', or undefined. */
export function parseTimestampMillis(text: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*Z?\s*$/.exec(text);
  if (!m) return undefined;
  const day = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === undefined) return undefined;
  const h = Number(m[4] ?? 0), mi = Number(m[5] ?? 0), sec = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const frac = Number(((m[7] ?? '') + '000').slice(0, 3));
  return day * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
}
