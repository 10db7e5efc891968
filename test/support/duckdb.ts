/**
 * DuckDB as the reference engine of differential tests: `duckdbQuery(sql, tables)` loads Arrow
 * tables into a fresh in-memory DuckDB (one thread) and returns the query's rows with the value
 * representation of values.ts, directly comparable to `arrowRows(weirResult)`.
 *
 * Tables are loaded through DuckDB's appender, one row at a time with a typed append per cell
 * (appendInteger, appendDouble, appendNull, …): exact for every supported type (NaN, -0,
 * integer extremes, decimals, empty strings) and fast enough for test-sized data. Each call uses
 * its own database, so concurrent calls and repeated table names cannot interfere.
 */
import {
  DuckDBInstance,
  DuckDBTypeId,
  dateValue,
  decimalValue,
  timestampMillisValue,
  timestampValue,
  type DuckDBAppender,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { DataType, DateUnit, Dictionary, Int, TimeUnit, Type, type Table } from 'apache-arrow';
import { arrowRows } from './arrow-rows.js';
import { formatDecimal, parseDecimal, type Row, type Value } from './values.js';

/** How one Arrow column becomes a DuckDB column: its SQL type and how to append a cell. */
interface ColumnLoader {
  readonly sqlType: string;
  append(appender: DuckDBAppender, value: Value): void;
}

function intLoader(type: Int): ColumnLoader {
  const name = `${type.isSigned ? '' : 'U'}${{ 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[type.bitWidth]}`;
  const appenders: Record<string, (a: DuckDBAppender, v: Value) => void> = {
    TINYINT: (a, v) => a.appendTinyInt(v as number),
    SMALLINT: (a, v) => a.appendSmallInt(v as number),
    INTEGER: (a, v) => a.appendInteger(v as number),
    BIGINT: (a, v) => a.appendBigInt(v as bigint),
    UTINYINT: (a, v) => a.appendUTinyInt(v as number),
    USMALLINT: (a, v) => a.appendUSmallInt(v as number),
    UINTEGER: (a, v) => a.appendUInteger(v as number),
    UBIGINT: (a, v) => a.appendUBigInt(v as bigint),
  };
  return { sqlType: name, append: appenders[name]! };
}

/** The loader for an Arrow column type, or an error naming the column. */
function columnLoader(type: DataType, column: string): ColumnLoader {
  switch (type.typeId) {
    case Type.Bool:
      return { sqlType: 'BOOLEAN', append: (a, v) => a.appendBoolean(v as boolean) };
    case Type.Int:
      return intLoader(type as Int);
    case Type.Float:
      return (type as DataType & { precision: number }).precision === 2
        ? { sqlType: 'DOUBLE', append: (a, v) => a.appendDouble(v as number) }
        : { sqlType: 'FLOAT', append: (a, v) => a.appendFloat(v as number) };
    case Type.Utf8:
    case Type.LargeUtf8:
      return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(v as string) };
    case Type.Dictionary:
      if ((type as Dictionary).dictionary.typeId === Type.Utf8) {
        return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(v as string) };
      }
      break;
    case Type.Decimal: {
      const { precision, scale } = type as DataType & { precision: number; scale: number };
      return {
        sqlType: `DECIMAL(${precision}, ${scale})`,
        append: (a, v) => a.appendDecimal(decimalValue(parseDecimal(v as string, scale), precision, scale)),
      };
    }
    case Type.Date:
      if ((type as DataType & { unit: DateUnit }).unit === DateUnit.DAY) {
        return { sqlType: 'DATE', append: (a, v) => a.appendDate(dateValue(v as number)) };
      }
      break;
    case Type.Timestamp: {
      const unit = (type as DataType & { unit: TimeUnit }).unit;
      if (unit === TimeUnit.MILLISECOND) {
        return {
          sqlType: 'TIMESTAMP_MS',
          append: (a, v) => a.appendTimestampMilliseconds(timestampMillisValue((v as bigint) / 1000n)),
        };
      }
      if (unit === TimeUnit.MICROSECOND || unit === TimeUnit.SECOND) {
        return { sqlType: 'TIMESTAMP', append: (a, v) => a.appendTimestamp(timestampValue(v as bigint)) };
      }
      break;
    }
    case Type.Null:
      return { sqlType: 'INTEGER', append: (a) => a.appendNull() };
  }
  throw new Error(`duckdbQuery: column '${column}' has type ${String(type)}, which the DuckDB harness cannot load`);
}

/** Double-quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A DuckDB result value as a {@link Value}, by the column's type id. */
function fromDuckDB(value: DuckDBValue, typeId: DuckDBTypeId, column: string): Value {
  if (value === null) return null;
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.VARCHAR:
      return value as Value;
    case DuckDBTypeId.DECIMAL: {
      const d = value as DuckDBDecimalValue;
      return formatDecimal(d.value, d.scale);
    }
    case DuckDBTypeId.DATE:
      return (value as DuckDBDateValue).days;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (value as DuckDBTimestampValue).micros;
    case DuckDBTypeId.TIMESTAMP_MS:
      return (value as DuckDBTimestampMillisecondsValue).millis * 1000n;
    case DuckDBTypeId.TIMESTAMP_S:
      return (value as DuckDBTimestampSecondsValue).seconds * 1_000_000n;
    case DuckDBTypeId.TIMESTAMP_NS:
      return (value as DuckDBTimestampNanosecondsValue).nanos / 1000n;
    case DuckDBTypeId.SQLNULL:
      return null;
    default:
      throw new Error(`duckdbQuery: result column '${column}' has DuckDB type ${DuckDBTypeId[typeId]}, which the harness does not convert`);
  }
}

async function loadTable(con: import('@duckdb/node-api').DuckDBConnection, name: string, table: Table): Promise<void> {
  const fields = table.schema.fields;
  const loaders = fields.map((f) => columnLoader(f.type as DataType, f.name));
  const columnsSql = fields.map((f, i) => `${quoteIdent(f.name)} ${loaders[i]!.sqlType}`).join(', ');
  await con.run(`CREATE TABLE ${quoteIdent(name)} (${columnsSql})`);
  if (table.numRows === 0) return;
  const appender = await con.createAppender(name);
  for (const row of arrowRows(table)) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c]!;
      if (v === null) appender.appendNull();
      else loaders[c]!.append(appender, v);
    }
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

/**
 * Runs `sql` in a fresh in-memory DuckDB (threads=1) where each entry of `tables` is a table of
 * that name, and returns the result rows in DuckDB's order.
 */
export async function duckdbQuery(sql: string, tables: Record<string, Table> = {}): Promise<Row[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  try {
    const con = await instance.connect();
    try {
      for (const [name, table] of Object.entries(tables)) await loadTable(con, name, table);
      const result = await con.run(sql);
      const typeIds = Array.from({ length: result.columnCount }, (_, c) => result.columnTypeId(c));
      const names = result.columnNames();
      const rows = await result.getRows();
      return rows.map((row) => row.map((v, c) => fromDuckDB(v, typeIds[c]!, names[c]!)));
    } finally {
      con.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
