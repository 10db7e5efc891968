import type { WasmInstance } from './wasm-instance.js';

/** Bytes of staging memory the Arrow edge copies through (cache-sized: convert, then reuse). */
export const STAGE_BYTES = 1 << 20;

/**
 * Memory bookkeeping of one Arrow import (or export): the long-lived blocks it allocated, which
 * the resulting table frees, and one reusable staging block for conversions, freed at the end.
 * Kept apart from the arena so that an import leaves the arena and its retained chunks untouched.
 */
export class ImportContext {
  /** Blocks owned by the result, as [ptr, size] pairs. */
  readonly blocks: Array<[number, number]> = [];
  private readonly finalizers: Array<() => void> = [];
  private readonly extraBytes: Array<() => number> = [];
  private stagePtr = 0;
  private stageSize = 0;

  constructor(readonly w: WasmInstance) {}

  /** A long-lived block of `size` bytes (at least 1), owned by the result. */
  alloc(size: number): number {
    const s = Math.max(1, size);
    const ptr = this.w.fn.mem_alloc!(s) >>> 0;
    this.blocks.push([ptr, s]);
    return ptr;
  }

  /** Like {@link alloc}, zero-filled. */
  allocZeroed(size: number): number {
    const s = Math.max(1, size);
    const ptr = this.w.fn.mem_alloc_zeroed!(s) >>> 0;
    this.blocks.push([ptr, s]);
    return ptr;
  }

  /** Frees one block that {@link alloc} or {@link allocZeroed} returned, before the result is built (a representation given up). */
  free(ptr: number): void {
    const i = this.blocks.findIndex(([p]) => p === ptr);
    if (i < 0) throw new Error(`ImportContext.free: ${ptr} is not a block of this import`);
    this.w.fn.mem_free!(ptr, this.blocks[i]![1]);
    this.blocks.splice(i, 1);
  }

  /** The staging block, at least `size` bytes; its contents are overwritten by the next caller. */
  stage(size: number): number {
    if (size > this.stageSize) {
      if (this.stagePtr !== 0) this.w.fn.mem_free!(this.stagePtr, this.stageSize);
      this.stagePtr = 0;
      this.stageSize = Math.max(size, 4096);
      this.stagePtr = this.w.fn.mem_alloc!(this.stageSize) >>> 0;
    }
    return this.stagePtr;
  }

  /** Copies `bytes` bytes of a JS buffer view, from byte `from`, into linear memory at `ptr`. */
  copyIn(ptr: number, src: ArrayBufferView, from: number, bytes: number): void {
    if (bytes === 0) return;
    this.w.views.u8.set(new Uint8Array(src.buffer, src.byteOffset + from, bytes), ptr);
  }

  /** Frees the staging block (call once, when the import is done or failed). */
  releaseStage(): void {
    if (this.stagePtr !== 0) this.w.fn.mem_free!(this.stagePtr, this.stageSize);
    this.stagePtr = 0;
    this.stageSize = 0;
  }

  /** Registers memory owned through another object (an accumulator), released by {@link freeAll}. */
  onFree(release: () => void, bytes: () => number): void {
    this.finalizers.push(release);
    this.extraBytes.push(bytes);
  }

  /** Bytes the memory manager reserved for everything owned (blocks and memory registered with {@link onFree}). */
  get ownedBytes(): number {
    let total = 0;
    for (const bytes of this.extraBytes) total += bytes();
    for (const [, size] of this.blocks) total += this.w.fn.mem_block_size!(size) >>> 0;
    return total;
  }

  /** Frees the staging block and everything owned: the result's release, or an import that failed halfway. */
  freeAll(): void {
    this.releaseStage();
    for (const [ptr, size] of this.blocks) this.w.fn.mem_free!(ptr, size);
    this.blocks.length = 0;
    for (const release of this.finalizers) release();
    this.finalizers.length = 0;
    this.extraBytes.length = 0;
  }
}
