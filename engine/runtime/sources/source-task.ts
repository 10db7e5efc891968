/** A bounded source of a task: pushes all of its batches, then the final watermark and end of input. */
export interface SourceTask {
  readonly name: string;
  run(): void;
}
