/**
 * weir's error classes, split by who is at fault (as DataFusion splits its errors): the user's
 * query ({@link PlanError}), a feature weir does not have yet ({@link NotImplementedError}), the
 * data met at run time ({@link ExecutionError}), weir itself ({@link InternalError}), and the
 * memory budget ({@link ResourcesExhaustedError}, raised by the WASM memory manager's bindings).
 */
export { ResourcesExhaustedError } from '../bindings/errors.js';

/**
 * The query is wrong: an unknown or ambiguous column, a type mismatch, a misuse of an aggregate.
 * The message names the column or expression at fault and, where it can, suggests a fix.
 */
export class PlanError extends Error {
  override readonly name: string = 'PlanError';
}

/**
 * The query asks for something weir does not do yet. `feature` names it ("STREAMING execution
 * mode", "SUM(DISTINCT ...)") so that the message reads "<feature> is not implemented yet".
 */
export class NotImplementedError extends Error {
  override readonly name = 'NotImplementedError';
  constructor(
    /** What is missing, in the user's terms. */
    readonly feature: string,
    /** An optional hint: a workaround the user can take today. */
    hint?: string,
  ) {
    super(`${feature} is not implemented yet${hint ? `; ${hint}` : ''}`);
  }
}

/**
 * The data broke the query at run time: an arithmetic overflow, a division by zero, a value that
 * does not cast. The message names the operator and expression where it can.
 */
export class ExecutionError extends Error {
  override readonly name = 'ExecutionError';
}

/** A bug in weir: an invariant of the planner or the runtime does not hold. Please report it. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
