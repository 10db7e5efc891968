/**
 * Schema inference for the text formats from a sample of values per column. A column takes the
 * narrowest type every non-empty sample value reads as, in the order BOOLEAN, BIGINT, DOUBLE,
 * DATE, TIMESTAMP(3), STRING. Integers infer as BIGINT, not INT: the sample is the start of the
 * file, and a later value beyond 32 bits must not fail the read. A column with no value is STRING.
 */
import { DataTypes, type DataType } from '../../types/data-type.js';
import { parseBigInt, parseBoolean, parseDate, parseDouble, parseInteger, parseTimestampSeconds } from './value-text.js';

/** Most records a text format reads to infer a schema. */
export const INFER_SAMPLE_ROWS = 1000;
/** Most bytes a text format reads to infer a schema. */
export const INFER_SAMPLE_BYTES = 1 << 20;

type Candidate = 'BOOLEAN' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'STRING';
const LADDER: readonly Candidate[] = ['BOOLEAN', 'BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'STRING'];

function fits(c: Candidate, s: string): boolean {
  switch (c) {
    case 'BOOLEAN': return parseBoolean(s) !== undefined;
    case 'BIGINT': return parseInteger(s) !== undefined || parseBigInt(s) !== undefined;
    case 'DOUBLE': return parseDouble(s) !== undefined;
    case 'DATE': return parseDate(s) !== undefined;
    case 'TIMESTAMP': return parseTimestampSeconds(s) !== undefined;
    case 'STRING': return true;
  }
}

function typeOf(c: Candidate): DataType {
  return c === 'TIMESTAMP' ? DataTypes.TIMESTAMP(3) : { name: c, nullable: true };
}

/**
 * Infers one column's type from text values; `isNull` says which values are NULL (empty ones,
 * the null literal) and carry no type information.
 */
export function inferTextType(values: Iterable<string>, isNull: (s: string) => boolean = (s) => s === ''): DataType {
  let at = 0;
  let seen = false;
  for (const v of values) {
    if (isNull(v)) continue;
    seen = true;
    // Types only widen: move up the ladder until the value fits (DATE does not widen to a
    // number, so a jump skips past everything between).
    while (!fits(LADDER[at]!, v)) at++;
  }
  if (!seen) return DataTypes.STRING();
  return typeOf(LADDER[at]!);
}

/**
 * The type of JSON values of one key: numbers give BIGINT (integral) or DOUBLE, booleans
 * BOOLEAN, strings are inferred as text (so timestamps and dates are recognised), objects and
 * arrays STRING; a mix of kinds is STRING.
 */
export function inferJsonType(values: readonly unknown[]): DataType {
  const kinds = new Set<string>();
  const strings: string[] = [];
  let integral = true;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') { kinds.add('number'); if (!Number.isInteger(v)) integral = false; }
    else if (typeof v === 'boolean') kinds.add('boolean');
    else if (typeof v === 'string') { kinds.add('string'); strings.push(v); }
    else kinds.add('object');
  }
  if (kinds.size === 0 || kinds.size > 1 || kinds.has('object')) return DataTypes.STRING();
  if (kinds.has('number')) return integral ? DataTypes.BIGINT() : DataTypes.DOUBLE();
  if (kinds.has('boolean')) return DataTypes.BOOLEAN();
  const t = inferTextType(strings);
  return t.name === 'DATE' || t.name === 'TIMESTAMP' ? t : DataTypes.STRING();
}
