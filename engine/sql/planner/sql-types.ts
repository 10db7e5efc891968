import { NotImplementedError } from '../../errors.js';
import { DataTypes, type DataType } from '../../types/data-type.js';
import type { DataType as SqlType } from '../ast.js';
import { SqlValidationError } from './sql-validation-error.js';

/**
 * The weir type of a SQL type as written in DDL or CAST. CHAR/VARCHAR/STRING are STRING (weir
 * stores all strings as utf8 and does not pad CHAR); TIMESTAMP(p) keeps milliseconds up to p = 3
 * and microseconds above; TIMESTAMP_LTZ, TIME, binary and nested types are not supported yet.
 */
export function toDataType(t: SqlType): DataType {
  if (t.kind !== 'scalar_type') {
    throw new SqlValidationError(new NotImplementedError(`the ${t.kind.replace('_type', '').toUpperCase()} type`).message, t.span);
  }
  const n = t.nullable;
  switch (t.name) {
    case 'BOOLEAN': return DataTypes.BOOLEAN(n);
    case 'TINYINT': return DataTypes.TINYINT(n);
    case 'SMALLINT': return DataTypes.SMALLINT(n);
    case 'INT': return DataTypes.INT(n);
    case 'BIGINT': return DataTypes.BIGINT(n);
    case 'FLOAT': return DataTypes.FLOAT(n);
    case 'DOUBLE': return DataTypes.DOUBLE(n);
    case 'DECIMAL': {
      const p = t.precision ?? 10;
      const s = t.scale ?? 0;
      if (p < 1 || p > 38 || s < 0 || s > p) {
        throw new SqlValidationError(`DECIMAL(${p}, ${s}) is out of range: precision 1 to 38, scale 0 to the precision`, t.span);
      }
      return DataTypes.DECIMAL(p, s, n);
    }
    case 'CHAR': case 'VARCHAR': case 'STRING': return DataTypes.STRING(n);
    case 'DATE': return DataTypes.DATE(n);
    case 'TIMESTAMP': return DataTypes.TIMESTAMP((t.precision ?? 6) <= 3 ? 3 : 6, n);
    case 'NULL': return DataTypes.NULL();
    default:
      throw new SqlValidationError(new NotImplementedError(`the ${t.name} type`, 'use STRING, a number type, DATE or TIMESTAMP').message, t.span);
  }
}
