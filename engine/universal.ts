/**
 * weir's universal entry: everything that runs without Node's built-ins (browsers, Workers, edge
 * runtimes). Pass the `.wasm` to `TableEnvironment.create({ wasm })`; the Node entry
 * (`weir`, engine/index.ts) also finds it on disk.
 */
export { TableEnvironment, EnvironmentSettings, DEFAULT_BATCH_SIZE, type ExecutionMode } from './api/table-environment.js';
export { Table } from './api/table.js';
export { GroupedTable } from './api/grouped-table.js';
export { TableResult } from './api/table-result.js';
export type { JobRunner } from './api/job-runner.js';
export {
  $, col, lit, ifThenElse, coalesce, concat, and, or, not, caseWhen, CaseBuilder,
  ApiExpression, TimeIntervalUnit, type ExprLike, type TimeUnit,
} from './api/expressions.js';
export { DataTypes, typeToString, type DataType, type Field, type Schema, type TypeName } from './types/data-type.js';
export { PlanError, NotImplementedError, ExecutionError, InternalError, ResourcesExhaustedError } from './errors.js';
export type { ExecNode } from './physical/exec-plan.js';
export type { LogicalPlan } from './logical/plan.js';
export { parseStatements, parseQuery, parseExpression, SqlParseError, SqlUnsupportedFeatureError } from './sql/index.js';
export { SqlValidationError } from './sql/planner/sql-validation-error.js';
export * from './connectors/index.js';
