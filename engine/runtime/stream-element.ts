import type { BatchDesc } from '../../bindings/column.js';

/**
 * A batch flowing through an operator chain: columns in linear memory plus an optional selection
 * vector (a filter narrows `sel` instead of copying). `selPtr` 0 means every row of `desc`;
 * otherwise `selLen` ascending i32 row indices. Valid only until the producer resets the arena,
 * which happens right after the push returns: an operator that keeps rows copies them.
 */
export interface StreamBatch {
  readonly desc: BatchDesc;
  readonly selPtr: number;
  readonly selLen: number;
}

/** Rows a batch carries after its selection. */
export function batchRows(b: StreamBatch): number {
  return b.selPtr === 0 ? b.desc.numRows : b.selLen;
}

/** Wraps a batch without selection. */
export function denseBatch(desc: BatchDesc): StreamBatch {
  return { desc, selPtr: 0, selLen: desc.numRows };
}

/**
 * Event-time progress: no element with a timestamp ≤ `timestamp` follows. A bounded source ends
 * with {@link Watermark.MAX} before its end of input, as in Flink.
 */
export class Watermark {
  static readonly MAX = new Watermark(Number.MAX_SAFE_INTEGER);
  constructor(readonly timestamp: number) {}
}

/** A Chandy–Lamport checkpoint barrier injected at the sources (unused in BATCH mode, which skips checkpoints). */
export class CheckpointBarrier {
  constructor(readonly checkpointId: number, readonly timestamp: number) {}
}

/** Flink's runtime execution modes; BATCH when every source is bounded under AUTOMATIC. */
export type RuntimeExecutionMode = 'BATCH' | 'STREAMING' | 'AUTOMATIC';
