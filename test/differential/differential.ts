/**
 * Differential testing of weir against DuckDB: each case is one query written twice, as weir
 * Table API calls and as DuckDB SQL, over the same generated Arrow tables. weir runs it at batch
 * sizes 1, 7 and 65,536; every run must equal DuckDB's answer as a multiset (in order for cases
 * marked `ordered`, i.e. ORDER BY queries whose sort keys leave no ties between distinct rows).
 */
import type * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableEnvironment, type Table } from '../../engine/index.js';
import { arrowRows } from '../support/arrow-rows.js';
import { expectSameRows, type CompareOptions } from '../support/compare.js';
import { duckdbQuery } from '../support/duckdb.js';
import type { Row } from '../support/values.js';

/** Batch sizes every case runs at: record at a time, an odd size that splits groups, the default. */
export const BATCH_SIZES = [1, 7, 65_536] as const;

/** One query, as weir Table API calls and as the equivalent DuckDB SQL. */
export interface DiffCase extends Omit<CompareOptions, 'ordered'> {
  readonly name: string;
  readonly sql: string;
  readonly weir: (env: TableEnvironment) => Table;
  /** Compare in order (the SQL has an ORDER BY that fully orders distinct rows). */
  readonly ordered?: boolean;
  /**
   * A gap weir is known to have today: the case also passes when weir fails with an error
   * matching `error` (it never passes on a wrong answer). Once weir runs the query, the case
   * compares with DuckDB as usual and the marker can be deleted.
   */
  readonly knownGap?: { readonly error: RegExp; readonly note: string };
  /** Both engines must reject the query at run time (e.g. integer overflow); rows are not compared. */
  readonly bothFail?: boolean;
}

/** weir's rows for one case at one batch size (exported for ad-hoc checks in tests). */
export async function weirRows(env: TableEnvironment, c: DiffCase): Promise<Row[]> {
  return arrowRows(await c.weir(env).execute().toArrow());
}

/**
 * Declares a vitest suite: for each batch size (default {@link BATCH_SIZES}) one
 * TableEnvironment with `tables` registered as temporary views, and for each case one test
 * comparing weir's rows with DuckDB's.
 */
export function differentialSuite(
  title: string,
  tables: () => Record<string, arrow.Table>,
  cases: readonly DiffCase[],
  batchSizes: readonly number[] = BATCH_SIZES,
): void {
  describe(title, () => {
    let data: Record<string, arrow.Table>;
    const expected = new Map<string, Promise<Row[]>>();
    const reference = (c: DiffCase): Promise<Row[]> => {
      let rows = expected.get(c.name);
      if (!rows) expected.set(c.name, (rows = duckdbQuery(c.sql, data)));
      return rows;
    };
    beforeAll(() => {
      data = tables();
    });
    for (const batchSize of batchSizes) {
      describe(`batch size ${batchSize}`, () => {
        let env: TableEnvironment;
        beforeAll(async () => {
          env = await TableEnvironment.create({ batchSize });
          for (const [name, table] of Object.entries(data)) env.createTemporaryView(name, table);
        });
        afterAll(() => env?.close());
        for (const c of cases) {
          const title = c.knownGap ? `${c.name} (known gap: ${c.knownGap.note})` : c.name;
          it(title, async () => {
            if (c.bothFail) {
              await expect(reference(c), 'DuckDB should reject this query').rejects.toThrow();
              await expect(weirRows(env, c), 'weir should reject this query').rejects.toThrow();
              return;
            }
            let actual: Row[];
            try {
              actual = await weirRows(env, c);
            } catch (e) {
              if (c.knownGap && c.knownGap.error.test(String((e as Error).message))) return;
              throw e;
            }
            expectSameRows(actual, await reference(c), {
              ordered: c.ordered ?? false,
              ...(c.floatTolerance !== undefined ? { floatTolerance: c.floatTolerance } : {}),
              ...(c.signedZero !== undefined ? { signedZero: c.signedZero } : {}),
            });
          });
        }
      });
    }
  });
}
