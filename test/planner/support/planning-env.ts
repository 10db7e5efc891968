import { TableEnvironment } from '../../../engine/api/table-environment.js';
import type { JobRunner } from '../../../engine/api/job-runner.js';
import { DataTypes, type DataType, type Schema } from '../../../engine/types/data-type.js';

/** A table for planning: its schema and row count. */
export interface PlanningTable {
  schema: Schema;
  rowCount: number;
}

/**
 * A runner stand-in that knows tables by schema only: planning (explain, schemas, errors) never
 * loads WASM. Executing through it fails loudly.
 */
export class SchemaOnlyRunner implements JobRunner {
  constructor(private readonly tables: Record<string, PlanningTable>) {}
  registerTable(name: string): PlanningTable {
    const t = this.tables[name];
    if (!t) throw new Error(`test setup: no schema for table ${name}`);
    return t;
  }
  registerSource(): void {}
  dropTable(): void {}
  execute(): never {
    throw new Error('SchemaOnlyRunner cannot execute');
  }
  executeBatches(): never {
    throw new Error('SchemaOnlyRunner cannot execute');
  }
}

/** A TableEnvironment whose views are `tables` (schemas only). */
export function planningEnv(tables: Record<string, PlanningTable>): TableEnvironment {
  const env = TableEnvironment.withRunner(new SchemaOnlyRunner(tables));
  for (const name of Object.keys(tables)) env.createTemporaryView(name, new Uint8Array());
  return env;
}

/** A schema from `name: type` pairs. */
export function schema(fields: Record<string, DataType>): Schema {
  return { fields: Object.entries(fields).map(([name, type]) => ({ name, type })) };
}

/** The auction tables most planner tests use (Nexmark-like). */
export function auctionEnv(): TableEnvironment {
  return planningEnv({
    bids: {
      schema: schema({ auction: DataTypes.BIGINT(false), bidder: DataTypes.BIGINT(), price: DataTypes.DOUBLE(), channel: DataTypes.STRING(), ts: DataTypes.TIMESTAMP(3) }),
      rowCount: 1_000_000,
    },
    auctions: {
      schema: schema({ id: DataTypes.BIGINT(false), seller: DataTypes.BIGINT(), category: DataTypes.INT(), reserve: DataTypes.DECIMAL(10, 2) }),
      rowCount: 10_000,
    },
    persons: {
      schema: schema({ pid: DataTypes.BIGINT(false), name: DataTypes.STRING(), city: DataTypes.STRING(), age: DataTypes.INT() }),
      rowCount: 1_000,
    },
  });
}
