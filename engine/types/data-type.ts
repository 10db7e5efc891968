/**
 * Logical data types with Flink SQL's names. JSON-safe: plan nodes carry them to workers.
 * Physical storage in WASM memory is chosen by {@link physicalKindOf} in bindings terms:
 * BOOLEAN→BOOL, TINYINT/SMALLINT/INT/DATE→I32, BIGINT/TIMESTAMP/DECIMAL(p≤18)→I64,
 * FLOAT/DOUBLE→F64, STRING→UTF8 (or DICT), DECIMAL(p>18)→I128.
 */
export type TypeName =
  | 'NULL'
  | 'BOOLEAN'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INT'
  | 'BIGINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'STRING'
  | 'DATE'
  | 'TIMESTAMP';

/** A logical type: its name, nullability, and precision/scale where the name takes them. */
export interface DataType {
  readonly name: TypeName;
  readonly nullable: boolean;
  /** DECIMAL: total digits (1..38). TIMESTAMP: fractional second digits, 3 (ms) or 6 (us). */
  readonly precision?: number;
  /** DECIMAL: digits after the point. */
  readonly scale?: number;
}

/** One named column of a schema. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
}

/** An ordered list of fields: the row type of a table or of a plan node's output. */
export interface Schema {
  readonly fields: readonly Field[];
}

/** Constructors with Flink's spelling: `DataTypes.INT()`, `DataTypes.DECIMAL(10, 2)`. */
export const DataTypes = {
  NULL: (): DataType => ({ name: 'NULL', nullable: true }),
  BOOLEAN: (nullable = true): DataType => ({ name: 'BOOLEAN', nullable }),
  TINYINT: (nullable = true): DataType => ({ name: 'TINYINT', nullable }),
  SMALLINT: (nullable = true): DataType => ({ name: 'SMALLINT', nullable }),
  INT: (nullable = true): DataType => ({ name: 'INT', nullable }),
  BIGINT: (nullable = true): DataType => ({ name: 'BIGINT', nullable }),
  FLOAT: (nullable = true): DataType => ({ name: 'FLOAT', nullable }),
  DOUBLE: (nullable = true): DataType => ({ name: 'DOUBLE', nullable }),
  DECIMAL: (precision: number, scale: number, nullable = true): DataType => ({ name: 'DECIMAL', nullable, precision, scale }),
  STRING: (nullable = true): DataType => ({ name: 'STRING', nullable }),
  DATE: (nullable = true): DataType => ({ name: 'DATE', nullable }),
  TIMESTAMP: (precision: 3 | 6 = 3, nullable = true): DataType => ({ name: 'TIMESTAMP', nullable, precision }),
} as const;

/** Flink's rendering of a type: `INT`, `DECIMAL(10, 2)`, `TIMESTAMP(3) NOT NULL`. */
export function typeToString(t: DataType): string {
  let s: string = t.name;
  if (t.name === 'DECIMAL') s = `DECIMAL(${t.precision}, ${t.scale})`;
  else if (t.name === 'TIMESTAMP') s = `TIMESTAMP(${t.precision ?? 3})`;
  return t.nullable || t.name === 'NULL' ? s : `${s} NOT NULL`;
}

/** The same type with the given nullability. */
export function withNullable(t: DataType, nullable: boolean): DataType {
  return t.nullable === nullable ? t : { ...t, nullable };
}

/** Whether two types are equal, nullability included. */
export function typeEquals(a: DataType, b: DataType): boolean {
  return a.name === b.name && a.nullable === b.nullable && a.precision === b.precision && a.scale === b.scale;
}

export function isNumeric(t: DataType): boolean {
  return ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL'].includes(t.name);
}

export function isIntegral(t: DataType): boolean {
  return ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].includes(t.name);
}
