import * as arrow from 'apache-arrow';
import type { DataType, Field, Schema, TypeName } from './data-type.js';

/**
 * Physical column kinds in WASM memory, by number. Planning code may not import bindings/, so
 * this mirrors `Kind` of bindings/column.ts (and wasm/assembly/layout.ts); a test keeps them equal.
 */
export const PhysicalKind = {
  BOOL: 1,
  I32: 2,
  I64: 3,
  F64: 4,
  UTF8: 5,
  DICT: 6,
  I128: 7,
} as const;
export type PhysicalKind = (typeof PhysicalKind)[keyof typeof PhysicalKind];

/**
 * The physical kind that holds values of a logical type: BOOLEAN→BOOL, TINYINT/SMALLINT/INT/DATE→I32,
 * BIGINT/TIMESTAMP/DECIMAL(p≤18)→I64, FLOAT/DOUBLE→F64, STRING→UTF8, DECIMAL(p>18)→I128, and NULL→I32
 * (an all-invalid column). A STRING column imported from a dictionary-encoded Arrow column is DICT
 * at run time; the planner cannot know that, so it plans UTF8 and operators accept either.
 */
export function kindOf(t: DataType): PhysicalKind {
  switch (t.name) {
    case 'BOOLEAN': return PhysicalKind.BOOL;
    case 'TINYINT': case 'SMALLINT': case 'INT': case 'DATE': case 'NULL': return PhysicalKind.I32;
    case 'BIGINT': case 'TIMESTAMP': return PhysicalKind.I64;
    case 'DECIMAL': return (t.precision ?? 38) <= 18 ? PhysicalKind.I64 : PhysicalKind.I128;
    case 'FLOAT': case 'DOUBLE': return PhysicalKind.F64;
    case 'STRING': return PhysicalKind.UTF8;
  }
}

/**
 * The Arrow type a result column of this logical type is exported as: STRING→Utf8, DATE→DateDay,
 * TIMESTAMP(3)→TimestampMillisecond, TIMESTAMP(6)→TimestampMicrosecond, FLOAT→Float32,
 * DECIMAL(p, s)→Decimal128(p, s), and the integers and booleans to their namesakes.
 */
export function toArrowType(t: DataType): arrow.DataType {
  switch (t.name) {
    case 'NULL': return new arrow.Null();
    case 'BOOLEAN': return new arrow.Bool();
    case 'TINYINT': return new arrow.Int8();
    case 'SMALLINT': return new arrow.Int16();
    case 'INT': return new arrow.Int32();
    case 'BIGINT': return new arrow.Int64();
    case 'FLOAT': return new arrow.Float32();
    case 'DOUBLE': return new arrow.Float64();
    case 'DECIMAL': return new arrow.Decimal(t.scale ?? 0, t.precision ?? 38, 128);
    case 'STRING': return new arrow.Utf8();
    case 'DATE': return new arrow.DateDay();
    case 'TIMESTAMP': return (t.precision ?? 3) <= 3 ? new arrow.TimestampMillisecond() : new arrow.TimestampMicrosecond();
  }
}

/** An Arrow field for a weir field (nullability carried over). */
export function toArrowField(f: Field): arrow.Field {
  return new arrow.Field(f.name, toArrowType(f.type), f.type.nullable);
}

/** The Arrow schema of a weir schema, for exporting results. */
export function toArrowSchema(s: Schema): arrow.Schema {
  return new arrow.Schema(s.fields.map(toArrowField));
}

function logical(name: TypeName, nullable: boolean, precision?: number, scale?: number): DataType {
  if (name === 'DECIMAL') return { name, nullable, precision, scale };
  if (name === 'TIMESTAMP') return { name, nullable, precision };
  return { name, nullable };
}

function fromArrowTypeOrUndefined(t: arrow.DataType, nullable: boolean): DataType | undefined {
  if (arrow.DataType.isNull(t)) return logical('NULL', true);
  if (arrow.DataType.isBool(t)) return logical('BOOLEAN', nullable);
  if (arrow.DataType.isInt(t)) {
    if (t.isSigned) {
      const names: Record<number, TypeName> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INT', 64: 'BIGINT' };
      return logical(names[t.bitWidth]!, nullable);
    }
    // Unsigned integers widen to the next signed type that holds every value; uint64 has none.
    const names: Record<number, TypeName> = { 8: 'SMALLINT', 16: 'INT', 32: 'BIGINT' };
    const name = names[t.bitWidth];
    return name ? logical(name, nullable) : undefined;
  }
  if (arrow.DataType.isFloat(t)) {
    if (t.precision === arrow.Precision.SINGLE) return logical('FLOAT', nullable);
    if (t.precision === arrow.Precision.DOUBLE) return logical('DOUBLE', nullable);
    return undefined;
  }
  if (arrow.DataType.isDecimal(t)) {
    if (t.bitWidth === 128 || (t.bitWidth === 64 && t.precision <= 18)) return logical('DECIMAL', nullable, t.precision, t.scale);
    return undefined;
  }
  if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) return logical('STRING', nullable);
  if (arrow.DataType.isDictionary(t)) {
    return arrow.DataType.isUtf8(t.dictionary) || arrow.DataType.isLargeUtf8(t.dictionary) ? logical('STRING', nullable) : undefined;
  }
  if (arrow.DataType.isDate(t)) return logical('DATE', nullable);
  if (arrow.DataType.isTimestamp(t)) {
    const ms = t.unit === arrow.TimeUnit.SECOND || t.unit === arrow.TimeUnit.MILLISECOND;
    return logical('TIMESTAMP', nullable, ms ? 3 : 6);
  }
  return undefined;
}

/**
 * The weir field of an Arrow field, with Flink's type names: Int8→TINYINT, Int16→SMALLINT,
 * Int32→INT, Int64→BIGINT, Uint8→SMALLINT, Uint16→INT, Uint32→BIGINT, Float32→FLOAT,
 * Float64→DOUBLE, Decimal→DECIMAL(p, s), Utf8/LargeUtf8/Dictionary<Utf8>→STRING, Bool→BOOLEAN,
 * Date→DATE, Timestamp(s/ms)→TIMESTAMP(3), Timestamp(us/ns)→TIMESTAMP(6), Null→NULL.
 * Throws an Error naming the field and its type when weir has no equivalent.
 */
export function fromArrowField(f: arrow.Field): Field {
  const type = fromArrowTypeOrUndefined(f.type as arrow.DataType, f.nullable);
  if (!type) {
    throw new Error(
      `field "${f.name}" has Arrow type ${String(f.type)}, which weir does not support ` +
        '(supported: Bool, Int8/16/32/64, Uint8/16/32, Float32/64, Decimal128, Utf8, LargeUtf8, ' +
        'Dictionary<Utf8>, Date, Timestamp, Null); cast it before handing it to weir',
    );
  }
  return { name: f.name, type };
}

/** The weir schema of an Arrow schema (see {@link fromArrowField}). */
export function fromArrowSchema(s: arrow.Schema): Schema {
  return { fields: s.fields.map(fromArrowField) };
}
