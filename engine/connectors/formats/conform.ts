/**
 * Makes a batch read from a self-describing file (Arrow IPC, Parquet) match the declared schema:
 * columns picked by name, and a column whose Arrow type differs from the declared one converted
 * through its text form (Int32 to BIGINT, microsecond to millisecond timestamps, Float32 to
 * DOUBLE, a DECIMAL's scale). A column that is missing or whose values do not convert is a
 * ConnectorError naming the file, the column and the row.
 */
import * as arrow from 'apache-arrow';
import { typeToString, type Schema } from '../../types/data-type.js';
import { toArrowSchema } from '../../types/arrow-types.js';
import { ConnectorError } from '../connector-error.js';
import { recordBatch } from './batch-builder.js';
import { cellText } from './cell-text.js';
import { columnBuilder } from './column-builder.js';

/** Converts batches of one file to a declared schema; see the file comment. */
export class SchemaConformer {
  private readonly target: arrow.Schema;
  private indexes: number[] | undefined;
  constructor(private readonly schema: Schema, private readonly path: string) {
    this.target = toArrowSchema(schema);
  }

  /** `batch` as a batch of the declared schema; `firstRow` is its first row's index in the file. */
  conform(batch: arrow.RecordBatch, firstRow: number): arrow.RecordBatch {
    const names = batch.schema.fields.map((f) => f.name);
    this.indexes ??= this.schema.fields.map((f) => {
      const i = names.indexOf(f.name);
      if (i === -1) throw new ConnectorError(`column '${f.name}' is not in the file (it has ${names.map((n) => `'${n}'`).join(', ')})`, { path: this.path });
      return i;
    });
    const children = this.schema.fields.map((f, c) => {
      const data = batch.getChildAt(this.indexes![c]!)!.data[0]!;
      const want = this.target.fields[c]!.type;
      if (compatible(data.type, want)) return data;
      return this.convert(data, f.name, c, firstRow);
    });
    return recordBatch(this.target, children, batch.numRows);
  }

  private convert(data: arrow.Data, name: string, c: number, firstRow: number): arrow.Data {
    const type = this.schema.fields[c]!.type;
    let text;
    try {
      [text] = cellText(data);
    } catch {
      throw new ConnectorError(`column has Arrow type ${String(data.type)} in the file, which does not convert to ${typeToString(type)}`, { path: this.path, column: name });
    }
    const builder = columnBuilder(type, data.length);
    for (let i = 0; i < data.length; i++) {
      if (!data.getValid(i)) builder.appendNull();
      else if (!builder.appendText(text(i))) {
        throw new ConnectorError(`value '${text(i)}' (Arrow type ${String(data.type)}) does not convert to ${typeToString(type)}`, { path: this.path, rowIndex: firstRow + i, column: name });
      }
    }
    return builder.flush();
  }
}

/** Whether Arrow data of type `have` can stand for a declared column of type `want` as is. */
function compatible(have: arrow.DataType, want: arrow.DataType): boolean {
  if (arrow.util.compareTypes(have, want)) return true;
  // compareTypes tells a null timezone from an undefined one; a zone-less timestamp of the same
  // unit is the same column. A zoned one (Parquet's isAdjustedToUTC) is read as its UTC instant.
  if (arrow.DataType.isTimestamp(have) && arrow.DataType.isTimestamp(want)) return (have as arrow.Timestamp).unit === (want as arrow.Timestamp).unit;
  // weir imports dictionary-encoded and large strings as STRING.
  return arrow.DataType.isUtf8(want) && (arrow.DataType.isLargeUtf8(have) ||
    (arrow.DataType.isDictionary(have) && arrow.DataType.isUtf8(have.dictionary)));
}
