import type { Schema } from '../types/data-type.js';

/** What the planner knows of a registered table: its row type and its size (for join ordering). */
export interface CatalogTable {
  readonly schema: Schema;
  /** Exact or estimated number of rows. */
  readonly rowCount: number;
}

/**
 * The tables a query can read, by name. The TableEnvironment implements it over its temporary
 * views; planner tests implement it over plain schemas, so planning never needs the runtime.
 */
export interface Catalog {
  getTable(name: string): CatalogTable | undefined;
  listTables(): string[];
}

/** A catalog over a fixed map of tables, for tests and for planning without a runtime. */
export class MemoryCatalog implements Catalog {
  private readonly tables = new Map<string, CatalogTable>();

  constructor(tables: Record<string, CatalogTable> = {}) {
    for (const [name, t] of Object.entries(tables)) this.tables.set(name, t);
  }

  /** Adds or replaces a table. */
  set(name: string, table: CatalogTable): void {
    this.tables.set(name, table);
  }

  /** Removes a table; returns whether it existed. */
  delete(name: string): boolean {
    return this.tables.delete(name);
  }

  getTable(name: string): CatalogTable | undefined {
    return this.tables.get(name);
  }

  listTables(): string[] {
    return [...this.tables.keys()].sort();
  }
}
