/**
 * The typed AST of weir's Flink SQL dialect: plain data (no classes, no methods), discriminated by
 * `kind`, every node carrying the {@link Span} of the source text it came from. The planner walks
 * it; errors it raises point at `span.line` and `span.column`.
 *
 * Spelling is normalised where Flink treats spellings as one (keywords upper-cased, `!=` as `<>`,
 * `INTEGER` as `INT`, plural interval units as singular); identifiers keep their case and say
 * whether they were back-quoted.
 */

/** A range of the SQL text: offsets `[start, end)` (0-based) and the 1-based line and column of `start`. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** A name as written: unquoted names keep their case, back-quoted ones are `quoted`. */
export interface Identifier {
  readonly kind: 'identifier';
  readonly value: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A dotted object name: `orders`, `db.orders`, `catalog.db.orders`. */
export interface QualifiedName {
  readonly kind: 'qualified_name';
  readonly parts: readonly Identifier[];
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * A full query: an optional WITH, a body (SELECT, VALUES, set operation or a parenthesised query),
 * then ORDER BY, OFFSET and LIMIT / FETCH, which apply to the whole body.
 */
export interface Query {
  readonly kind: 'query';
  readonly with: readonly CommonTableExpression[];
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  /** `LIMIT n` or `FETCH FIRST|NEXT n ROWS ONLY`. */
  readonly limit?: Expr;
  /** `OFFSET n [ROW|ROWS]`. */
  readonly offset?: Expr;
  readonly span: Span;
}

/** What a query's rows come from before ORDER BY / LIMIT. */
export type QueryBody = Select | SetOperation | Values | Query;

/** `name [(cols)] AS (query)` of a WITH clause. */
export interface CommonTableExpression {
  readonly kind: 'cte';
  readonly name: Identifier;
  readonly columns: readonly Identifier[];
  readonly query: Query;
  readonly span: Span;
}

/** One SELECT block. */
export interface Select {
  readonly kind: 'select';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: TableRef;
  readonly where?: Expr;
  readonly groupBy: readonly GroupingElement[];
  readonly having?: Expr;
  readonly windows: readonly NamedWindow[];
  readonly span: Span;
}

/** `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right`; INTERSECT binds tighter than UNION and EXCEPT. */
export interface SetOperation {
  readonly kind: 'set_operation';
  readonly op: 'union' | 'intersect' | 'except';
  /** True for `ALL`; false for `DISTINCT` or no quantifier. */
  readonly all: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly span: Span;
}

/** `VALUES (1, 'a'), (2, 'b')`: each row is a list of expressions. */
export interface Values {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
  readonly span: Span;
}

/** One item of a select list. */
export type SelectItem = SelectExpr | Wildcard;

/** `expr [[AS] alias]`. */
export interface SelectExpr {
  readonly kind: 'select_expr';
  readonly expr: Expr;
  readonly alias?: Identifier;
  readonly span: Span;
}

/** `*` or `t.*` (the qualifier holds `t`). */
export interface Wildcard {
  readonly kind: 'wildcard';
  readonly qualifier: readonly Identifier[];
  readonly span: Span;
}

/** `[AS] alias [(col, ...)]` after a table reference. */
export interface TableAlias {
  readonly kind: 'table_alias';
  readonly name: Identifier;
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

/** An item of FROM. */
export type TableRef = NamedTable | DerivedTable | TableFunction | Unnest | Join;

/** A table or view by name, optionally `FOR SYSTEM_TIME AS OF expr` (a temporal join's version). */
export interface NamedTable {
  readonly kind: 'named_table';
  readonly name: QualifiedName;
  readonly forSystemTimeAsOf?: Expr;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `[LATERAL] (query) [AS] alias`: a subquery in FROM. */
export interface DerivedTable {
  readonly kind: 'derived_table';
  readonly lateral: boolean;
  readonly query: Query;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/**
 * `[LATERAL] TABLE(f(args))`: a table function, which includes the window TVFs
 * `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTE))`.
 */
export interface TableFunction {
  readonly kind: 'table_function';
  readonly lateral: boolean;
  readonly call: FunctionCall;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `UNNEST(expr, ...) [WITH ORDINALITY]`. */
export interface Unnest {
  readonly kind: 'unnest';
  readonly args: readonly Expr[];
  readonly withOrdinality: boolean;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** Join types; a comma in FROM is a `cross` join with `implicit: true`. */
export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross';

/** `left [type] JOIN right [ON cond | USING (cols)]`, or `left, right`. */
export interface Join {
  readonly kind: 'join';
  readonly type: JoinType;
  /** True for a comma join (`FROM a, b`). */
  readonly implicit: boolean;
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on?: Expr;
  readonly using: readonly Identifier[];
  readonly span: Span;
}

/** An element of GROUP BY. */
export type GroupingElement = Expr | GroupingSet | GroupingSets | Rollup | Cube;

/** A parenthesised list of grouping expressions, `(a, b)` or the empty set `()`. */
export interface GroupingSet {
  readonly kind: 'grouping_set';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** `GROUPING SETS (set, ...)`. */
export interface GroupingSets {
  readonly kind: 'grouping_sets';
  readonly sets: readonly GroupingElement[];
  readonly span: Span;
}

/** `ROLLUP (a, b, ...)`: grouping sets (a, b), (a), (). Items may be parenthesised groups. */
export interface Rollup {
  readonly kind: 'rollup';
  readonly items: readonly (Expr | GroupingSet)[];
  readonly span: Span;
}

/** `CUBE (a, b, ...)`: every subset of the items. */
export interface Cube {
  readonly kind: 'cube';
  readonly items: readonly (Expr | GroupingSet)[];
  readonly span: Span;
}

/** `expr [ASC|DESC] [NULLS FIRST|LAST]`. */
export interface OrderItem {
  readonly kind: 'order_item';
  readonly expr: Expr;
  /** Undefined when not written (ascending). */
  readonly direction?: 'asc' | 'desc';
  /** Undefined when not written. */
  readonly nulls?: 'first' | 'last';
  readonly span: Span;
}

/** `name AS (spec)` of a WINDOW clause. */
export interface NamedWindow {
  readonly kind: 'named_window';
  readonly name: Identifier;
  readonly spec: WindowSpec;
  readonly span: Span;
}

/** The window of an OVER clause: `([base] [PARTITION BY ...] [ORDER BY ...] [frame])`. */
export interface WindowSpec {
  readonly kind: 'window_spec';
  /** A named window this one extends (`OVER (w ORDER BY x)`). */
  readonly base?: Identifier;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
  readonly span: Span;
}

/** `ROWS|RANGE BETWEEN start AND end`, or `ROWS|RANGE start` (then `end` is the current row). */
export interface WindowFrame {
  readonly kind: 'window_frame';
  readonly units: 'rows' | 'range';
  readonly start: FrameBound;
  readonly end?: FrameBound;
  readonly span: Span;
}

/** One bound of a window frame; `offset` is set for `n PRECEDING` and `n FOLLOWING`. */
export interface FrameBound {
  readonly kind: 'frame_bound';
  readonly bound: 'unbounded_preceding' | 'preceding' | 'current_row' | 'following' | 'unbounded_following';
  readonly offset?: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

/** A scalar expression. */
export type Expr =
  | Literal
  | ColumnRef
  | Unary
  | Binary
  | IsTest
  | IsDistinctFrom
  | Between
  | InList
  | InSubquery
  | Like
  | Exists
  | ScalarSubquery
  | QuantifiedComparison
  | Case
  | Cast
  | FunctionCall
  | Extract
  | FloorCeilTo
  | TimestampAdd
  | TimestampDiff
  | Substring
  | Trim
  | Position
  | Overlay
  | RowConstructor
  | ArrayConstructor
  | MapConstructor
  | Subscript
  | FieldAccess;

/** A literal value. */
export type Literal = NumericLiteral | StringLiteral | BooleanLiteral | NullLiteral | TypedLiteral | IntervalLiteral;

/** `42`, `3.14`, `1e-3`: the text as written; the planner picks INT, BIGINT, DECIMAL or DOUBLE. */
export interface NumericLiteral {
  readonly kind: 'numeric_literal';
  readonly text: string;
  readonly span: Span;
}

/** `'it''s'` (the value holds `it's`). */
export interface StringLiteral {
  readonly kind: 'string_literal';
  readonly value: string;
  readonly span: Span;
}

/** `TRUE`, `FALSE`. */
export interface BooleanLiteral {
  readonly kind: 'boolean_literal';
  readonly value: boolean;
  readonly span: Span;
}

/** `NULL`. */
export interface NullLiteral {
  readonly kind: 'null_literal';
  readonly span: Span;
}

/** `DATE '2024-01-31'`, `TIME '12:00:00'`, `TIMESTAMP '2024-01-31 12:00:00.000'`, `TIMESTAMP_LTZ '...'`. */
export interface TypedLiteral {
  readonly kind: 'typed_literal';
  readonly type: 'DATE' | 'TIME' | 'TIMESTAMP' | 'TIMESTAMP_LTZ';
  readonly value: string;
  readonly span: Span;
}

/** Time units of intervals, EXTRACT, FLOOR/CEIL ... TO and TIMESTAMPADD/DIFF, singular. */
export type TimeUnit =
  | 'MILLENNIUM' | 'CENTURY' | 'DECADE' | 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE'
  | 'SECOND' | 'MILLISECOND' | 'MICROSECOND' | 'NANOSECOND' | 'DOW' | 'DOY' | 'ISODOW' | 'ISOYEAR' | 'EPOCH';

/** `YEAR`, `DAY TO SECOND(3)`, `MINUTE(2)`: the unit (or range of units) of an interval. */
export interface IntervalQualifier {
  readonly kind: 'interval_qualifier';
  readonly start: TimeUnit;
  readonly end?: TimeUnit;
  readonly precision?: number;
  readonly fractionalPrecision?: number;
  readonly span: Span;
}

/** `INTERVAL '10' MINUTE`, `INTERVAL '1 2' DAY TO HOUR`, `INTERVAL -'1' DAY` (sign -1). */
export interface IntervalLiteral {
  readonly kind: 'interval_literal';
  readonly sign: 1 | -1;
  /** The quoted value as written (`'1 2'` gives `1 2`). */
  readonly value: string;
  readonly qualifier: IntervalQualifier;
  readonly span: Span;
}

/** A possibly qualified column (or field) name: `a`, `t.a`, `t.a.b`; the planner resolves which is which. */
export interface ColumnRef {
  readonly kind: 'column_ref';
  readonly parts: readonly Identifier[];
  readonly span: Span;
}

/** `-x`, `+x`, `NOT x`. */
export interface Unary {
  readonly kind: 'unary';
  readonly op: '-' | '+' | 'NOT';
  readonly operand: Expr;
  readonly span: Span;
}

/** Binary operators; `!=` is normalised to `<>`. */
export type BinaryOp = 'OR' | 'AND' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '||';

/** `left op right`. */
export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`. */
export interface IsTest {
  readonly kind: 'is';
  readonly negated: boolean;
  readonly test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  readonly operand: Expr;
  readonly span: Span;
}

/** `left IS [NOT] DISTINCT FROM right`. */
export interface IsDistinctFrom {
  readonly kind: 'is_distinct_from';
  readonly negated: boolean;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `x [NOT] BETWEEN [ASYMMETRIC|SYMMETRIC] low AND high`. */
export interface Between {
  readonly kind: 'between';
  readonly negated: boolean;
  readonly symmetric: boolean;
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly span: Span;
}

/** `x [NOT] IN (a, b, ...)`. */
export interface InList {
  readonly kind: 'in_list';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly span: Span;
}

/** `x [NOT] IN (query)`. */
export interface InSubquery {
  readonly kind: 'in_subquery';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly query: Query;
  readonly span: Span;
}

/** `x [NOT] LIKE pattern [ESCAPE c]` and `x [NOT] SIMILAR TO pattern [ESCAPE c]`. */
export interface Like {
  readonly kind: 'like';
  readonly operator: 'LIKE' | 'SIMILAR TO';
  readonly negated: boolean;
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly span: Span;
}

/** `EXISTS (query)`. */
export interface Exists {
  readonly kind: 'exists';
  readonly query: Query;
  readonly span: Span;
}

/** `(query)` used as a value. */
export interface ScalarSubquery {
  readonly kind: 'scalar_subquery';
  readonly query: Query;
  readonly span: Span;
}

/** `x op ALL|SOME|ANY (query)`. */
export interface QuantifiedComparison {
  readonly kind: 'quantified_comparison';
  readonly op: '=' | '<>' | '<' | '<=' | '>' | '>=';
  readonly quantifier: 'ALL' | 'SOME' | 'ANY';
  readonly operand: Expr;
  readonly query: Query;
  readonly span: Span;
}

/** `CASE [operand] WHEN ... THEN ... [ELSE ...] END` (simple when `operand` is set, else searched). */
export interface Case {
  readonly kind: 'case';
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
  readonly span: Span;
}

/** `CAST(x AS type)` and `TRY_CAST(x AS type)` (`try` true: a failed cast gives NULL). */
export interface Cast {
  readonly kind: 'cast';
  readonly try: boolean;
  readonly operand: Expr;
  readonly type: DataType;
  readonly span: Span;
}

/** An argument of a function call: a value, `name => value`, `TABLE t` or `DESCRIPTOR(cols)`. */
export type FunctionArg = Expr | NamedArgument | TableArgument | Descriptor;

/** `name => value` (named arguments of table functions: `DATA => TABLE t`, `SIZE => INTERVAL ...`). */
export interface NamedArgument {
  readonly kind: 'named_argument';
  readonly name: Identifier;
  readonly value: Expr | TableArgument | Descriptor;
  readonly span: Span;
}

/** `TABLE t [PARTITION BY cols]`: a table passed to a table function (window TVFs). */
export interface TableArgument {
  readonly kind: 'table_argument';
  readonly name: QualifiedName;
  readonly partitionBy: readonly Expr[];
  readonly span: Span;
}

/** `DESCRIPTOR(col, ...)`: column names passed to a table function (the time column of a window TVF). */
export interface Descriptor {
  readonly kind: 'descriptor';
  readonly columns: readonly Identifier[];
  readonly span: Span;
}

/**
 * `name([DISTINCT|ALL] args) [FILTER (WHERE cond)] [OVER window]`, `COUNT(*)`, and the niladic
 * functions written without parentheses (`CURRENT_TIMESTAMP`).
 */
export interface FunctionCall {
  readonly kind: 'function_call';
  readonly name: QualifiedName;
  readonly args: readonly FunctionArg[];
  readonly distinct: boolean;
  /** `COUNT(*)`. */
  readonly star: boolean;
  readonly filter?: Expr;
  /** `OVER (spec)` gives a spec, `OVER w` the window's name. */
  readonly over?: WindowSpec | Identifier;
  readonly span: Span;
}

/** `EXTRACT(unit FROM x)`. */
export interface Extract {
  readonly kind: 'extract';
  readonly unit: TimeUnit;
  readonly operand: Expr;
  readonly span: Span;
}

/** `FLOOR(x TO unit)` and `CEIL(x TO unit)`; plain `FLOOR(x)` is a {@link FunctionCall}. */
export interface FloorCeilTo {
  readonly kind: 'floor_ceil_to';
  readonly fn: 'FLOOR' | 'CEIL';
  readonly operand: Expr;
  readonly unit: TimeUnit;
  readonly span: Span;
}

/** `TIMESTAMPADD(unit, count, ts)`. */
export interface TimestampAdd {
  readonly kind: 'timestamp_add';
  readonly unit: TimeUnit;
  readonly count: Expr;
  readonly operand: Expr;
  readonly span: Span;
}

/** `TIMESTAMPDIFF(unit, from, to)`. */
export interface TimestampDiff {
  readonly kind: 'timestamp_diff';
  readonly unit: TimeUnit;
  readonly from: Expr;
  readonly to: Expr;
  readonly span: Span;
}

/** `SUBSTRING(x FROM start [FOR length])` and `SUBSTRING(x, start [, length])`. */
export interface Substring {
  readonly kind: 'substring';
  readonly operand: Expr;
  readonly start: Expr;
  readonly length?: Expr;
  readonly span: Span;
}

/** `TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)` and `TRIM(x)`. */
export interface Trim {
  readonly kind: 'trim';
  readonly side: 'BOTH' | 'LEADING' | 'TRAILING';
  /** The characters to remove; undefined means a space. */
  readonly characters?: Expr;
  readonly operand: Expr;
  readonly span: Span;
}

/** `POSITION(needle IN haystack [FROM start])`. */
export interface Position {
  readonly kind: 'position';
  readonly needle: Expr;
  readonly haystack: Expr;
  readonly start?: Expr;
  readonly span: Span;
}

/** `OVERLAY(x PLACING y FROM start [FOR length])`. */
export interface Overlay {
  readonly kind: 'overlay';
  readonly operand: Expr;
  readonly placing: Expr;
  readonly start: Expr;
  readonly length?: Expr;
  readonly span: Span;
}

/** `ROW(a, b)` (`explicit`) or `(a, b)`. */
export interface RowConstructor {
  readonly kind: 'row';
  readonly explicit: boolean;
  readonly fields: readonly Expr[];
  readonly span: Span;
}

/** `ARRAY[a, b]`. */
export interface ArrayConstructor {
  readonly kind: 'array_constructor';
  readonly elements: readonly Expr[];
  readonly span: Span;
}

/** `MAP[k1, v1, k2, v2]`. */
export interface MapConstructor {
  readonly kind: 'map_constructor';
  readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
  readonly span: Span;
}

/** `x[i]`: an array element (1-based) or a map value. */
export interface Subscript {
  readonly kind: 'subscript';
  readonly operand: Expr;
  readonly index: Expr;
  readonly span: Span;
}

/** `expr.field` where `expr` is not a plain name (`f(x).a`, `arr[1].b`). */
export interface FieldAccess {
  readonly kind: 'field_access';
  readonly operand: Expr;
  readonly field: Identifier;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

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
