import type { LogicalPlan } from '../../logical/plan.js';

/** A relation a name in FROM can stand for: a catalog table, a view or a CTE. */
export interface NamedRelation {
  readonly plan: LogicalPlan;
}

/** What the SQL planner needs from the environment: tables and views by name. */
export interface SqlCatalog {
  /** The plan reading table or view `name`, or undefined when there is none. */
  relation(name: string): NamedRelation | undefined;
  /** Every table and view name, for "did you mean" hints. */
  names(): string[];
}

/**
 * The state of planning one statement: the SQL text (for messages), the statement's start time,
 * the catalog, and the CTEs in scope (innermost last).
 */
export class PlannerContext {
  private readonly ctes: Map<string, NamedRelation>[] = [];

  constructor(
    readonly sql: string,
    readonly catalog: SqlCatalog,
    /** Epoch milliseconds at which the statement started: CURRENT_TIMESTAMP, CURRENT_DATE. */
    readonly now: number = Date.now(),
  ) {}

  /** Runs `f` with `ctes` visible by name (a WITH clause). */
  withCtes<T>(ctes: Map<string, NamedRelation>, f: () => T): T {
    this.ctes.push(ctes);
    try {
      return f();
    } finally {
      this.ctes.pop();
    }
  }

  /** The CTE, table or view `name` (CTEs shadow tables, inner ones outer ones). */
  relation(name: string): NamedRelation | undefined {
    for (let i = this.ctes.length - 1; i >= 0; i--) {
      const hit = this.ctes[i]!.get(name);
      if (hit) return hit;
    }
    return this.catalog.relation(name);
  }

  /** Every name FROM can use here. */
  names(): string[] {
    return [...new Set([...this.ctes.flatMap((m) => [...m.keys()]), ...this.catalog.names()])];
  }
}
