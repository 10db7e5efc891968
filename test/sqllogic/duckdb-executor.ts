/**
 * DuckDB as a {@link SqlExecutor}: one in-memory database (one thread) per golden file, whose
 * results become apache-arrow Tables, so that DuckDB's answers are rendered by the same path as
 * weir's (format-values.ts reading Arrow through test/support/arrow-rows.ts).
 *
 * The database is set up to follow Flink where DuckDB has a switch for it: `integer_division`
 * (INT / INT is an INT, truncated) and `default_null_order` (NULLs first in ASC, last in DESC).
 * Goldens still write NULLS FIRST/LAST explicitly (README.md).
 */
import {
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBDateValue,
  type DuckDBDecimalType,
  type DuckDBDecimalValue,
  type DuckDBResult,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  Bool, DataType, DateDay, Decimal, Float32, Float64, Int16, Int32, Int64, Int8, Null, Table,
  TimestampMicrosecond, TimestampMillisecond, TimestampSecond, Uint16, Uint32, Uint64, Uint8, Utf8,
  makeData, makeVector, type Vector,
} from 'apache-arrow';
import { arrowColumn } from '../support/arrow-build.js';
import { formatDecimal, type Value } from '../support/values.js';
import type { SqlExecutor } from './runner.js';

/** Settings applied to every database so DuckDB answers as Flink would where it can. */
export const DUCKDB_FLINK_SETTINGS = [
  "SET integer_division = true",
  "SET default_null_order = 'nulls_first_on_asc_last_on_desc'",
] as const;

/** How one DuckDB result column becomes an Arrow column. */
interface ColumnConversion {
  readonly arrowType: DataType;
  readonly toValue: (value: DuckDBValue) => Value;
}

const same = (v: DuckDBValue): Value => v as Value;

/** The Arrow type and value conversion of a DuckDB column, or an error naming the column and its type. */
function conversion(result: DuckDBResult, column: number): ColumnConversion {
  const typeId = result.columnTypeId(column);
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN: return { arrowType: new Bool(), toValue: same };
    case DuckDBTypeId.TINYINT: return { arrowType: new Int8(), toValue: same };
    case DuckDBTypeId.SMALLINT: return { arrowType: new Int16(), toValue: same };
    case DuckDBTypeId.INTEGER: return { arrowType: new Int32(), toValue: same };
    case DuckDBTypeId.BIGINT: return { arrowType: new Int64(), toValue: same };
    case DuckDBTypeId.UTINYINT: return { arrowType: new Uint8(), toValue: same };
    case DuckDBTypeId.USMALLINT: return { arrowType: new Uint16(), toValue: same };
    case DuckDBTypeId.UINTEGER: return { arrowType: new Uint32(), toValue: same };
    case DuckDBTypeId.UBIGINT: return { arrowType: new Uint64(), toValue: same };
    // 128-bit integers (DuckDB's SUM of integers) as DECIMAL(38, 0): rendered as plain integers.
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return { arrowType: new Decimal(0, 38, 128), toValue: (v) => String(v) };
    case DuckDBTypeId.FLOAT: return { arrowType: new Float32(), toValue: same };
    case DuckDBTypeId.DOUBLE: return { arrowType: new Float64(), toValue: same };
    case DuckDBTypeId.DECIMAL: {
      const type = result.columnType(column) as DuckDBDecimalType;
      return {
        arrowType: new Decimal(type.scale, type.width, 128),
        toValue: (v) => formatDecimal((v as DuckDBDecimalValue).value, type.scale),
      };
    }
    case DuckDBTypeId.VARCHAR: return { arrowType: new Utf8(), toValue: same };
    case DuckDBTypeId.DATE: return { arrowType: new DateDay(), toValue: (v) => (v as DuckDBDateValue).days };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { arrowType: new TimestampMicrosecond(), toValue: (v) => (v as DuckDBTimestampValue).micros };
    case DuckDBTypeId.TIMESTAMP_MS:
      return { arrowType: new TimestampMillisecond(), toValue: (v) => (v as DuckDBTimestampMillisecondsValue).millis * 1000n };
    case DuckDBTypeId.TIMESTAMP_S:
      return { arrowType: new TimestampSecond(), toValue: (v) => (v as DuckDBTimestampSecondsValue).seconds * 1_000_000n };
    case DuckDBTypeId.TIMESTAMP_NS:
      // Arrow-building supports microseconds at most: nanoseconds are truncated, as the formatter would.
      return { arrowType: new TimestampMicrosecond(), toValue: (v) => (v as DuckDBTimestampNanosecondsValue).nanos / 1000n };
    case DuckDBTypeId.SQLNULL: return { arrowType: new Null(), toValue: () => null };
    default:
      throw new Error(`DuckDB result column '${result.columnName(column)}' has type ${String(result.columnType(column))}, which the sqllogictest runner does not convert to Arrow`);
  }
}

function nullColumn(length: number): Vector {
  return makeVector(makeData({ type: new Null(), length, nullCount: length }));
}

/** A DuckDB result as an apache-arrow Table (column names kept; duplicates made unique with a suffix). */
export async function duckdbResultToArrow(result: DuckDBResult): Promise<Table> {
  const names = result.columnNames();
  const columns = await result.getColumns();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, c) => {
    const { arrowType, toValue } = conversion(result, c);
    // getColumns() returns no columns at all for an empty result.
    const values = (columns[c] ?? []).map((v) => (v === null ? null : toValue(v)));
    let key = name;
    for (let k = 1; key in vectors; k++) key = `${name}_${k}`;
    vectors[key] = arrowType.typeId === new Null().typeId ? nullColumn(values.length) : arrowColumn(arrowType, values);
  });
  return new Table(vectors);
}

/** A SqlExecutor over a fresh in-memory DuckDB (threads=1) with {@link DUCKDB_FLINK_SETTINGS}. */
export async function createDuckdbExecutor(): Promise<SqlExecutor> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection: DuckDBConnection = await instance.connect();
  for (const setting of DUCKDB_FLINK_SETTINGS) await connection.run(setting);
  return {
    name: 'duckdb',
    async execute(sql: string): Promise<Table | void> {
      const result = await connection.run(sql);
      if (result.columnCount === 0) return undefined;
      return duckdbResultToArrow(result);
    },
    close(): void {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
