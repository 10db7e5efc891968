/** AST nodes of statements: DDL, INSERT, SET/RESET, SHOW, DESCRIBE, EXPLAIN, statement sets. */

import type { DataType } from './ast-types.js';
import type { Expr, Literal } from './ast-expressions.js';
import type { Identifier, QualifiedName, Span } from './ast-names.js';
import type { Query } from './ast-queries.js';

/** One SQL statement. */
export type Statement =
  | QueryStatement
  | CreateTable
  | CreateView
  | Drop
  | Show
  | Describe
  | Explain
  | Insert
  | SetStatement
  | ResetStatement
  | StatementSet;

/** A query run for its result: `SELECT ...`, `VALUES ...`, `WITH ... SELECT ...`. */
export interface QueryStatement {
  readonly kind: 'query_statement';
  readonly query: Query;
  readonly span: Span;
}

/** `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (...) [COMMENT '...'] [PARTITIONED BY (...)] WITH (...) [AS query]`. */
export interface CreateTable {
  readonly kind: 'create_table';
  readonly name: QualifiedName;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDefinition[];
  readonly watermark?: WatermarkDefinition;
  readonly primaryKey?: PrimaryKey;
  readonly comment?: string;
  readonly partitionedBy: readonly Identifier[];
  readonly options: readonly TableOption[];
  /** The query of `CREATE TABLE ... AS SELECT` (CTAS), if any. */
  readonly asQuery?: Query;
  readonly span: Span;
}

/** A column of CREATE TABLE. */
export type ColumnDefinition = PhysicalColumn | ComputedColumn | MetadataColumn;

/** `name type [NOT NULL] [COMMENT '...']`: a column stored in the source. */
export interface PhysicalColumn {
  readonly kind: 'physical_column';
  readonly name: Identifier;
  readonly type: DataType;
  readonly comment?: string;
  readonly span: Span;
}

/** `name AS expr`: a column computed from the other columns (`cost AS price * qty`). */
export interface ComputedColumn {
  readonly kind: 'computed_column';
  readonly name: Identifier;
  readonly expr: Expr;
  readonly comment?: string;
  readonly span: Span;
}

/** `name type METADATA [FROM 'key'] [VIRTUAL]`: a column read from the connector's metadata. */
export interface MetadataColumn {
  readonly kind: 'metadata_column';
  readonly name: Identifier;
  readonly type: DataType;
  /** The metadata key, when it differs from the column name. */
  readonly key?: string;
  /** A virtual column is read but never written by INSERT. */
  readonly virtual: boolean;
  readonly comment?: string;
  readonly span: Span;
}

/** `WATERMARK FOR rowtime AS expr`: the event-time column and its watermark strategy. */
export interface WatermarkDefinition {
  readonly kind: 'watermark';
  readonly column: readonly Identifier[];
  readonly expr: Expr;
  readonly span: Span;
}

/** `PRIMARY KEY (a, b) NOT ENFORCED` (Flink supports only NOT ENFORCED). */
export interface PrimaryKey {
  readonly kind: 'primary_key';
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

/** One `'key' = 'value'` of a WITH clause. */
export interface TableOption {
  readonly kind: 'table_option';
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** `CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)] [COMMENT '...'] AS query`. */
export interface CreateView {
  readonly kind: 'create_view';
  readonly name: QualifiedName;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly Identifier[];
  readonly comment?: string;
  readonly query: Query;
  readonly span: Span;
}

/** `DROP [TEMPORARY] TABLE|VIEW [IF EXISTS] name`. */
export interface Drop {
  readonly kind: 'drop';
  readonly object: 'table' | 'view';
  readonly temporary: boolean;
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  readonly span: Span;
}

/** `SHOW TABLES | VIEWS | FUNCTIONS`. */
export interface Show {
  readonly kind: 'show';
  readonly object: 'tables' | 'views' | 'functions';
  readonly span: Span;
}

/** `DESCRIBE name` or `DESC name`. */
export interface Describe {
  readonly kind: 'describe';
  readonly name: QualifiedName;
  readonly span: Span;
}

/** `EXPLAIN [PLAN FOR | detail, ...] statement`: the plan of a query, an INSERT or a statement set. */
export interface Explain {
  readonly kind: 'explain';
  /** Flink's explain details, upper-cased: `ESTIMATED_COST`, `CHANGELOG_MODE`, `JSON_EXECUTION_PLAN`, `PLAN_ADVICE`. */
  readonly details: readonly string[];
  readonly statement: QueryStatement | Insert | StatementSet;
  readonly span: Span;
}

/** `INSERT INTO|OVERWRITE table [PARTITION (k = v, ...)] [(cols)] query`. */
export interface Insert {
  readonly kind: 'insert';
  readonly overwrite: boolean;
  readonly table: QualifiedName;
  readonly partition: readonly PartitionValue[];
  readonly columns: readonly Identifier[];
  readonly query: Query;
  readonly span: Span;
}

/** One `column = literal` of an INSERT's static PARTITION clause. */
export interface PartitionValue {
  readonly kind: 'partition_value';
  readonly column: Identifier;
  readonly value: Literal;
  readonly span: Span;
}

/** `SET 'key' = 'value'`, or a bare `SET` that lists the session's settings. */
export interface SetStatement {
  readonly kind: 'set';
  readonly key?: string;
  readonly value?: string;
  readonly span: Span;
}

/** `RESET 'key'`, or a bare `RESET` of every setting. */
export interface ResetStatement {
  readonly kind: 'reset';
  readonly key?: string;
  readonly span: Span;
}

/** `EXECUTE STATEMENT SET BEGIN insert; ... END` or `BEGIN STATEMENT SET; insert; ... END`. */
export interface StatementSet {
  readonly kind: 'statement_set';
  readonly inserts: readonly Insert[];
  readonly span: Span;
}
