import type { CheckpointBarrier, StreamBatch, Watermark } from './stream-element.js';
import type { RuntimeContext } from './runtime-context.js';

/**
 * Where an operator pushes its results: the next operator's input, or a sink. Batches, watermarks,
 * barriers and the end of input all travel the same path, in order.
 */
export interface Output {
  collect(batch: StreamBatch): void;
  emitWatermark(watermark: Watermark): void;
  broadcastBarrier(barrier: CheckpointBarrier): void;
  endInput(): void;
}

/**
 * A push-based runtime operator (`…Operator`), created from a physical `…Exec` node inside a
 * worker. Never called concurrently. `input` numbers the operator's inputs from 0 (a join's
 * left input is 0, its right input 1).
 */
export interface StreamOperator {
  readonly name: string;
  processBatch(batch: StreamBatch, input: number): void;
  processWatermark(watermark: Watermark, input: number): void;
  processBarrier(barrier: CheckpointBarrier, input: number): void;
  endInput(input: number): void;
  /** Releases long-lived memory; called once when the job ends, whether it succeeded or not. */
  close(): void;
}

/**
 * The common behaviour of operators: the combined watermark is the minimum over inputs, a barrier
 * passes once it arrived on every input, and the operator finishes (flushes what it holds, then
 * ends its output) once every input has ended.
 */
export abstract class AbstractStreamOperator implements StreamOperator {
  abstract readonly name: string;
  private readonly watermarks: number[];
  private currentWatermark = Number.MIN_SAFE_INTEGER;
  private readonly ended: boolean[];
  private readonly barrierSeen: boolean[];

  constructor(protected readonly ctx: RuntimeContext, protected readonly output: Output, readonly inputCount = 1) {
    this.watermarks = new Array<number>(inputCount).fill(Number.MIN_SAFE_INTEGER);
    this.ended = new Array<boolean>(inputCount).fill(false);
    this.barrierSeen = new Array<boolean>(inputCount).fill(false);
  }

  abstract processBatch(batch: StreamBatch, input: number): void;

  processWatermark(watermark: Watermark, input: number): void {
    this.watermarks[input] = watermark.timestamp;
    const min = Math.min(...this.watermarks);
    if (min > this.currentWatermark) {
      this.currentWatermark = min;
      this.onWatermark(min === watermark.timestamp ? watermark : { timestamp: min } as Watermark);
    }
  }

  /** Reacts to an advanced combined watermark; forwards it by default. */
  protected onWatermark(watermark: Watermark): void {
    this.output.emitWatermark(watermark);
  }

  processBarrier(barrier: CheckpointBarrier, input: number): void {
    this.barrierSeen[input] = true;
    if (this.barrierSeen.every(Boolean)) {
      this.barrierSeen.fill(false);
      this.output.broadcastBarrier(barrier);
    }
  }

  endInput(input: number): void {
    if (this.ended[input]) return;
    this.ended[input] = true;
    this.onEndInput(input);
    if (this.ended.every(Boolean)) {
      this.finish();
      this.output.endInput();
    }
  }

  /** Called when one input ended (a join's build side, for example). */
  protected onEndInput(_input: number): void {}

  /** Called once every input ended: emit what the operator holds (a blocking operator's results). */
  protected finish(): void {}

  close(): void {}
}
