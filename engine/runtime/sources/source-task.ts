/**
 * A bounded source of a task: pushes all of its batches, then the final watermark and end of
 * input. Sources that read from outside linear memory (files, network) run asynchronously.
 */
export interface SourceTask {
  readonly name: string;
  run(): void | Promise<void>;
}
