// Memory manager of a weir WASM instance, in the spirit of Flink's managed memory.
//
// Two kinds of memory, both 64-byte aligned and both counted against one budget:
// - blocks ("pages") for long-lived data: resident tables, hash tables, sort runs, operator state.
//   The caller frees a block with the size it asked for, so blocks carry no header.
// - an arena for per-batch scratch: bump allocation in retained chunks, released all at once by
//   resetting to a mark taken before the batch.
//
// Kernels never use AssemblyScript's managed allocation (`new`, arrays, strings): every byte they
// touch comes from here. When the budget (or the 4 GiB address space) would be exceeded, the
// manager records the failed request and traps; the bindings turn that trap into a
// ResourcesExhausted error, so no trap ever reaches a user.

export const ALIGN: usize = 64;
const WASM_PAGE: usize = 65536;
const SMALL_CLASSES: i32 = 10; // 64 B .. 32 KiB, powers of two
const LARGE_UNIT: usize = 65536;
const ARENA_CHUNK: usize = 1 << 20;
const MAX_ARENA_CHUNKS: i32 = 256;

export const ERR_NONE: i32 = 0;
export const ERR_BUDGET: i32 = 1;
export const ERR_ADDRESS_SPACE: i32 = 2;

let top: usize = 0;            // first byte never handed out by the bump
let budget: usize = <usize>0xFFFFFFFF;
let inUse: usize = 0;          // bytes of live blocks plus retained arena chunks
let peak: usize = 0;
let errorCode: i32 = ERR_NONE;
let errorRequested: usize = 0;

// Free lists of small classes: head pointers, each free block stores the next pointer.
const smallHeads = memory.data(SMALL_CLASSES * 4, 16);
// Free large runs: singly linked, address-ordered; each run stores [next, size] at its start.
let largeHead: usize = 0;

// Arena chunks: [ptr, size] pairs.
const chunks = memory.data(MAX_ARENA_CHUNKS * 8, 16);
let chunkCount: i32 = 0;
let chunkIndex: i32 = -1;
let bump: usize = 0;           // next free byte in the current chunk
let bumpEnd: usize = 0;

function fail(code: i32, requested: usize): void {
  errorCode = code;
  errorRequested = requested;
  unreachable();
}

function init(): void {
  if (top == 0) top = (__heap_base + ALIGN - 1) & ~(ALIGN - 1);
}

function charge(size: usize): void {
  if (size > budget - inUse || inUse > budget) fail(ERR_BUDGET, size);
  inUse += size;
  if (inUse > peak) peak = inUse;
}

/** Hands out fresh bytes from the top of memory, growing it as needed. */
function bumpTop(size: usize): usize {
  init();
  const ptr = top;
  const end = <u64>ptr + <u64>size;
  if (end > <u64>0xFFFF0000) fail(ERR_ADDRESS_SPACE, size);
  const have = <usize>memory.size() * WASM_PAGE;
  if (<usize>end > have) {
    const need = ((<usize>end - have + WASM_PAGE - 1) / WASM_PAGE);
    // Grow by at least 1/8 of the current size to keep the number of grows (and view re-derivations) small.
    let grow = <i32>need;
    const eighth = memory.size() >> 3;
    if (grow < eighth) grow = eighth;
    if (memory.grow(grow) < 0 && memory.grow(<i32>need) < 0) fail(ERR_ADDRESS_SPACE, size);
  }
  top = <usize>end;
  return ptr;
}

function smallClass(size: usize): i32 {
  const s = size < ALIGN ? ALIGN : size;
  return <i32>(32 - clz<u32>(<u32>(s - 1))) - 6; // 64 -> 0, 128 -> 1, ...
}

/** Rounds a request up to what the allocator really reserves for it. */
export function mem_block_size(size: usize): usize {
  if (size <= (ALIGN << (SMALL_CLASSES - 1))) return ALIGN << smallClass(size);
  return (size + LARGE_UNIT - 1) & ~(LARGE_UNIT - 1);
}

/** Allocates a long-lived block of `size` bytes (64-byte aligned, contents undefined). */
export function mem_alloc(size: usize): usize {
  const real = mem_block_size(size);
  charge(real);
  if (real <= (ALIGN << (SMALL_CLASSES - 1))) {
    const head = smallHeads + (<usize>smallClass(size) << 2);
    const free = load<u32>(head);
    if (free != 0) {
      store<u32>(head, load<u32>(free));
      return free;
    }
    return bumpTop(real);
  }
  // Best fit over the free large runs.
  let prev: usize = 0;
  let best: usize = 0;
  let bestPrev: usize = 0;
  let run = largeHead;
  while (run != 0) {
    const runSize = <usize>load<u32>(run, 4);
    if (runSize >= real && (best == 0 || runSize < <usize>load<u32>(best, 4))) {
      best = run;
      bestPrev = prev;
    }
    prev = run;
    run = load<u32>(run);
  }
  if (best == 0) return bumpTop(real);
  const bestSize = <usize>load<u32>(best, 4);
  const next = load<u32>(best);
  if (bestSize > real) {
    const rest = best + real;
    store<u32>(rest, next);
    store<u32>(rest, <u32>(bestSize - real), 4);
    if (bestPrev == 0) largeHead = rest; else store<u32>(bestPrev, <u32>rest);
  } else {
    if (bestPrev == 0) largeHead = next; else store<u32>(bestPrev, next);
  }
  return best;
}

/** Allocates a long-lived block and fills it with zeros. */
export function mem_alloc_zeroed(size: usize): usize {
  const ptr = mem_alloc(size);
  memory.fill(ptr, 0, size);
  return ptr;
}

/** Returns a block obtained from mem_alloc; `size` must be the size it was allocated with. */
export function mem_free(ptr: usize, size: usize): void {
  if (ptr == 0) return;
  const real = mem_block_size(size);
  inUse -= real;
  if (real <= (ALIGN << (SMALL_CLASSES - 1))) {
    const head = smallHeads + (<usize>smallClass(size) << 2);
    store<u32>(ptr, load<u32>(head));
    store<u32>(head, <u32>ptr);
    return;
  }
  // Insert address-ordered and coalesce with neighbours.
  let prev: usize = 0;
  let run = largeHead;
  while (run != 0 && run < ptr) {
    prev = run;
    run = load<u32>(run);
  }
  let start = ptr;
  let size2 = real;
  if (run != 0 && ptr + real == run) {
    size2 += <usize>load<u32>(run, 4);
    run = load<u32>(run);
  }
  if (prev != 0 && prev + <usize>load<u32>(prev, 4) == ptr) {
    store<u32>(prev, <u32>run);
    store<u32>(prev, <u32>(<usize>load<u32>(prev, 4) + size2), 4);
    return;
  }
  store<u32>(start, <u32>run);
  store<u32>(start, <u32>size2, 4);
  if (prev == 0) largeHead = start; else store<u32>(prev, <u32>start);
}

/** Grows a block to `newSize`, keeping its first `oldSize` bytes. */
export function mem_realloc(ptr: usize, oldSize: usize, newSize: usize): usize {
  if (ptr != 0 && mem_block_size(newSize) == mem_block_size(oldSize)) return ptr;
  const next = mem_alloc(newSize);
  if (ptr != 0) {
    memory.copy(next, ptr, oldSize < newSize ? oldSize : newSize);
    mem_free(ptr, oldSize);
  }
  return next;
}

/** Allocates `size` bytes of per-batch scratch (64-byte aligned), valid until the arena is reset below it. */
export function arena_alloc(size: usize): usize {
  const real = (size + ALIGN - 1) & ~(ALIGN - 1);
  if (chunkIndex >= 0 && bumpEnd - bump >= real) {
    const p = bump;
    bump += real;
    return p;
  }
  // Move on to the next retained chunk that is large enough, or add one.
  while (chunkIndex + 1 < chunkCount) {
    chunkIndex++;
    const c = chunks + (<usize>chunkIndex << 3);
    const cSize = <usize>load<u32>(c, 4);
    if (cSize >= real) {
      bump = <usize>load<u32>(c) + real;
      bumpEnd = <usize>load<u32>(c) + cSize;
      return bump - real;
    }
    // Too small for this request: drop it and every retained chunk after it.
    arena_release_from(chunkIndex);
    chunkIndex--;
    break;
  }
  if (chunkCount >= MAX_ARENA_CHUNKS) fail(ERR_BUDGET, size);
  const cSize = real > ARENA_CHUNK ? real : ARENA_CHUNK;
  const ptr = mem_alloc(cSize);
  const c = chunks + (<usize>chunkCount << 3);
  store<u32>(c, <u32>ptr);
  store<u32>(c, <u32>cSize, 4);
  chunkIndex = chunkCount;
  chunkCount++;
  bump = ptr + real;
  bumpEnd = ptr + cSize;
  return ptr;
}

/** Allocates zero-filled per-batch scratch. */
export function arena_alloc_zeroed(size: usize): usize {
  const ptr = arena_alloc(size);
  memory.fill(ptr, 0, size);
  return ptr;
}

function arena_release_from(index: i32): void {
  for (let i = index; i < chunkCount; i++) {
    const c = chunks + (<usize>i << 3);
    mem_free(<usize>load<u32>(c), <usize>load<u32>(c, 4));
  }
  chunkCount = index;
}

/** Returns a mark of the arena's current position, for arena_reset. */
export function arena_mark(): usize {
  return chunkIndex < 0 ? 0 : bump;
}

/** Releases every arena allocation made after `mark` was taken; chunks are kept for reuse. */
export function arena_reset(mark: usize): void {
  if (mark == 0) {
    chunkIndex = -1;
    bump = 0;
    bumpEnd = 0;
    return;
  }
  for (let i = 0; i < chunkCount; i++) {
    const c = chunks + (<usize>i << 3);
    const start = <usize>load<u32>(c);
    const end = start + <usize>load<u32>(c, 4);
    if (mark >= start && mark <= end) {
      chunkIndex = i;
      bump = mark;
      bumpEnd = end;
      return;
    }
  }
}

/** Frees the retained arena chunks beyond the current one (after an unusually large batch). */
export function arena_trim(): void {
  arena_release_from(chunkIndex + 1);
}

/** Sets the memory budget in bytes (blocks plus arena chunks); 0 means unlimited. */
export function mem_set_budget(bytes: usize): void {
  budget = bytes == 0 ? <usize>0xFFFFFFFF : bytes;
}

export function mem_budget(): usize { return budget; }
export function mem_in_use(): usize { return inUse; }
export function mem_peak(): usize { return peak; }
/** The reason of the last failed allocation (ERR_*), for the bindings to report. */
export function mem_error_code(): i32 { return errorCode; }
/** The size of the last failed allocation request. */
export function mem_error_requested(): usize { return errorRequested; }
export function mem_clear_error(): void { errorCode = ERR_NONE; errorRequested = 0; }
