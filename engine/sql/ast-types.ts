/** AST nodes of data types as written in DDL and CAST. */

import type { Identifier, Span } from './ast-names.js';

/** A SQL data type as written in DDL or CAST. */
export type DataType = ScalarType | ArrayType | MultisetType | MapType | RowType;

/** Canonical names of scalar types (`INTEGER` is `INT`, `NUMERIC`/`DEC` are `DECIMAL`, ...). */
export type ScalarTypeName =
  | 'BOOLEAN' | 'TINYINT' | 'SMALLINT' | 'INT' | 'BIGINT' | 'FLOAT' | 'DOUBLE' | 'DECIMAL'
  | 'CHAR' | 'VARCHAR' | 'STRING' | 'BINARY' | 'VARBINARY' | 'BYTES'
  | 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ' | 'NULL';

/** `INT`, `DECIMAL(10, 2)`, `VARCHAR(20)`, `TIMESTAMP(3)`, `TIMESTAMP_LTZ(3)`, `... NOT NULL`. */
export interface ScalarType {
  readonly kind: 'scalar_type';
  readonly name: ScalarTypeName;
  /** Length of CHAR/VARCHAR/BINARY/VARBINARY, precision of DECIMAL/TIME/TIMESTAMP. */
  readonly precision?: number;
  readonly scale?: number;
  readonly nullable: boolean;
  readonly span: Span;
}

/** `ARRAY<t>` or `t ARRAY`. */
export interface ArrayType {
  readonly kind: 'array_type';
  readonly element: DataType;
  readonly nullable: boolean;
  readonly span: Span;
}

/** `MULTISET<t>` or `t MULTISET`. */
export interface MultisetType {
  readonly kind: 'multiset_type';
  readonly element: DataType;
  readonly nullable: boolean;
  readonly span: Span;
}

/** `MAP<k, v>`. */
export interface MapType {
  readonly kind: 'map_type';
  readonly key: DataType;
  readonly value: DataType;
  readonly nullable: boolean;
  readonly span: Span;
}

/** `ROW<name type [COMMENT '...'], ...>` or `ROW(name type, ...)`. */
export interface RowType {
  readonly kind: 'row_type';
  readonly fields: readonly RowTypeField[];
  readonly nullable: boolean;
  readonly span: Span;
}

/** One field of a ROW type. */
export interface RowTypeField {
  readonly kind: 'row_type_field';
  readonly name: Identifier;
  readonly type: DataType;
  readonly comment?: string;
  readonly span: Span;
}
