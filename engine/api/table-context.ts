import type { Catalog } from '../logical/catalog.js';
import type { OptimizerOptions } from '../optimizer/optimizer-rule.js';
import type { JobRunner } from './job-runner.js';

/** What a Table needs from the environment that made it: the catalog to plan against and the runner. */
export interface TableContext {
  readonly catalog: Catalog;
  readonly runner: JobRunner;
  /** Per-job settings from the session's configuration (`SET 'weir.batch-size'`), read when a job runs. */
  readonly jobOptions?: () => { readonly batchSize?: number };
  /** The optimizer's switches from the session's configuration (`SET 'table.optimizer.…'`), read when a query is planned. */
  readonly optimizerOptions?: () => OptimizerOptions;
}
