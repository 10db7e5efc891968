import type { StreamBatch } from '../stream-element.js';
import { AbstractStreamOperator } from '../stream-operator.js';

/** UNION ALL: forwards the batches of every input; ends when all inputs ended. */
export class UnionOperator extends AbstractStreamOperator {
  readonly name = 'Union';
  processBatch(batch: StreamBatch): void {
    this.output.collect(batch);
  }
}
