import { nearestName } from '../../logical/name-resolution.js';
import type { Field } from '../../types/data-type.js';
import type { ColumnRef as SqlColumnRef, Identifier } from '../ast.js';
import { SqlValidationError } from './sql-validation-error.js';

/**
 * One column visible in a SQL scope. `qualifier` is the table name or alias it can be qualified
 * with (`o.amount`); `hidden` columns are reachable only qualified and are left out of `*` (the
 * right-hand copies of a `USING` join's columns).
 */
export interface ScopeColumn {
  readonly qualifier?: string;
  readonly field: Field;
  readonly hidden?: boolean;
}

/** A resolved reference: the column's position in the scope's relation. */
export interface ResolvedColumn {
  readonly index: number;
  readonly field: Field;
}

/**
 * The names a SQL expression can refer to: the columns of the relation it is evaluated over, in
 * that relation's order, each with the qualifier it came from. Resolves `a`, `t.a` and reports
 * unknown columns with the nearest name, as the Table API does.
 */
export class SqlScope {
  constructor(
    readonly columns: readonly ScopeColumn[],
    /** How messages name the relation ("orders", "the join of o and c"). */
    readonly relation: string,
    /**
     * The enclosing query's scope, for a correlated subquery: its columns come first in this
     * scope's positions (outer ++ own, as in the semi join the subquery becomes), and a name
     * resolves to it only when this scope does not have it.
     */
    readonly outer?: SqlScope,
  ) {}

  /** This scope nested in `outer` (a subquery's FROM inside the query that contains it). */
  under(outer: SqlScope): SqlScope {
    return new SqlScope(this.columns, this.relation, outer);
  }

  /** The number of positions of the enclosing scopes before this scope's own columns. */
  private get offset(): number {
    return this.outer ? this.outer.offset + this.outer.columns.length : 0;
  }

  /** A scope over `fields`, all qualified by `qualifier`. */
  static of(fields: readonly Field[], qualifier: string | undefined, relation: string): SqlScope {
    return new SqlScope(fields.map((field) => (qualifier === undefined ? { field } : { qualifier, field })), relation);
  }

  /** The columns of this scope then those of `right` (a join's scope). */
  concat(right: SqlScope, relation: string): SqlScope {
    return new SqlScope([...this.columns, ...right.columns], relation);
  }

  /** The same columns under one new qualifier (a derived table's or view's alias). */
  requalify(qualifier: string): SqlScope {
    return new SqlScope(this.columns.map((c) => ({ qualifier, field: c.field, ...(c.hidden ? { hidden: true } : {}) })), qualifier);
  }

  /** Qualifiers of the scope, in order of appearance. */
  qualifiers(): string[] {
    return [...new Set(this.columns.flatMap((c) => (c.qualifier === undefined ? [] : [c.qualifier])))];
  }

  /** Positions of the columns `*` (or `q.*`) stands for. */
  star(qualifier: readonly Identifier[], at: SqlColumnRef['span']): number[] {
    if (qualifier.length === 0) return this.columns.flatMap((c, i) => (c.hidden ? [] : [i]));
    const q = qualifier[qualifier.length - 1]!.value;
    const hits = this.columns.flatMap((c, i) => (c.qualifier === q ? [i] : []));
    if (hits.length === 0) throw new SqlValidationError(`table '${q}' not found in FROM${this.suggestQualifier(q)}`, at);
    return hits;
  }

  /**
   * Resolves a column reference, or returns undefined when the name is not in this scope at all
   * (the caller may look in an outer scope); ambiguous names throw.
   */
  tryResolve(ref: SqlColumnRef): ResolvedColumn | undefined {
    const parts = ref.parts.map((p) => p.value);
    if (parts.length > 2) return undefined;
    const name = parts[parts.length - 1]!;
    const qualifier = parts.length === 2 ? parts[0] : undefined;
    const hits: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.field.name !== name) return;
      if (qualifier === undefined ? !c.hidden : c.qualifier === qualifier) hits.push(i);
    });
    if (hits.length > 1) {
      const qs = hits.map((i) => this.columns[i]!.qualifier).filter((q): q is string => q !== undefined);
      const how = qs.length > 1 ? `; qualify it, e.g. ${qs[0]}.${name}` : '';
      throw new SqlValidationError(`column '${name}' is ambiguous in ${this.relation}${how}`, ref.span);
    }
    if (hits.length === 0) return this.outer?.tryResolve(ref);
    return { index: this.offset + hits[0]!, field: this.columns[hits[0]!]!.field };
  }

  /** Resolves a column reference or fails naming the nearest column. */
  resolve(ref: SqlColumnRef): ResolvedColumn {
    const hit = this.tryResolve(ref);
    if (hit) return hit;
    throw this.notFound(ref);
  }

  /** The error for a reference that resolves nowhere. */
  notFound(ref: SqlColumnRef): SqlValidationError {
    const parts = ref.parts.map((p) => p.value);
    const name = parts[parts.length - 1]!;
    if (parts.length === 2 && !this.columns.some((c) => c.qualifier === parts[0])) {
      return new SqlValidationError(`table '${parts[0]}' not found in FROM${this.suggestQualifier(parts[0]!)}`, ref.span);
    }
    const candidates = this.columns
      .filter((c) => (parts.length === 2 ? c.qualifier === parts[0] : !c.hidden))
      .map((c) => c.field.name);
    const near = nearestName(name, candidates);
    const where = this.relation;
    if (near !== undefined) return new SqlValidationError(`column '${parts.join('.')}' not found in ${where}; did you mean '${near}'?`, ref.span);
    const list = candidates.length ? `its columns are ${[...new Set(candidates)].map((c) => `'${c}'`).join(', ')}` : 'it has no columns';
    return new SqlValidationError(`column '${parts.join('.')}' not found in ${where}; ${list}`, ref.span);
  }

  private suggestQualifier(q: string): string {
    const near = nearestName(q, this.qualifiers());
    return near ? `; did you mean '${near}'?` : this.qualifiers().length ? `; tables in scope: ${this.qualifiers().join(', ')}` : '';
  }
}
