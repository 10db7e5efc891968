import type { CheckpointBarrier, StreamBatch, Watermark } from './stream-element.js';
import type { Output, StreamOperator } from './stream-operator.js';

/** Connects an upstream Output to input `input` of a downstream operator (chaining: a direct call). */
export class OperatorInput implements Output {
  constructor(private readonly target: StreamOperator, private readonly input: number) {}
  collect(batch: StreamBatch): void { this.target.processBatch(batch, this.input); }
  emitWatermark(watermark: Watermark): void { this.target.processWatermark(watermark, this.input); }
  broadcastBarrier(barrier: CheckpointBarrier): void { this.target.processBarrier(barrier, this.input); }
  endInput(): void { this.target.endInput(this.input); }
}
