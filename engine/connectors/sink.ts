/**
 * Sinks in the shape of Flink's Sink V2 with two-phase commit: each parallel writer writes its
 * batches to pending output, `prepareCommit` closes it and returns committables, and the sink's
 * `commit` makes them visible (for files: renames `.part-…inprogress` to `part-…`). A failed job
 * leaves only hidden in-progress files, which readers skip.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../types/data-type.js';

/** Which parallel instance a writer is. */
export interface SinkWriterContext {
  readonly subtaskIndex: number;
}

/** One parallel writer of a sink. Not safe for concurrent calls: await each before the next. */
export interface SinkWriter<Committable> {
  /** Appends rows; the batch's columns follow the sink's schema in order. */
  write(batch: RecordBatch): Promise<void>;
  /** Finishes pending output and returns what `commit` makes visible. */
  prepareCommit(): Promise<Committable[]>;
  /** Drops pending output (job failed or cancelled). */
  abort(): Promise<void>;
}

/** A table sink: the rows it accepts and how they become durable. */
export interface Sink<Committable = unknown> {
  readonly schema: Schema;
  createWriter(context: SinkWriterContext): Promise<SinkWriter<Committable>>;
  /** Makes prepared output visible; idempotent for committables already committed. */
  commit(committables: readonly Committable[]): Promise<void>;
}

/** Writes all batches through one writer (subtask 0) and commits: the bounded INSERT INTO path. */
export async function writeAll<C>(sink: Sink<C>, batches: AsyncIterable<RecordBatch> | Iterable<RecordBatch>): Promise<void> {
  const writer = await sink.createWriter({ subtaskIndex: 0 });
  try {
    for await (const batch of batches) await writer.write(batch);
  } catch (e) {
    await writer.abort();
    throw e;
  }
  await sink.commit(await writer.prepareCommit());
}
