/**
 * Raised when a WASM instance would exceed its memory budget (or the 4 GiB address space).
 * The operation that asked for memory is abandoned; the user can raise the budget
 * (`memoryBudgetBytes`) or lower the batch size / state size of the job.
 */
export class ResourcesExhaustedError extends Error {
  override readonly name = 'ResourcesExhaustedError';
  constructor(
    message: string,
    /** Bytes the failed allocation asked for. */
    readonly requestedBytes: number,
    /** Bytes in use when it failed. */
    readonly inUseBytes: number,
    /** The budget in force. */
    readonly budgetBytes: number,
  ) {
    super(message);
  }
}

/** A bug inside weir's WASM kernels (a failed assertion of the debug build or a trap). */
export class WasmInternalError extends Error {
  override readonly name = 'WasmInternalError';
}
