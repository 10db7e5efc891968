import { ResourcesExhaustedError, WasmInternalError } from './errors.js';
import { MemoryViews } from './memory-views.js';

/** A WASM export as called from JS: i32/f64 as numbers, i64 as bigint. */
export type WasmFunction = (...args: any[]) => any;

/** Options of a weir WASM instance. */
export interface InstanceOptions {
  /** Memory budget of this instance in bytes (blocks plus arena); 0 or absent means unlimited. */
  memoryBudgetBytes?: number;
}

const ERR_BUDGET = 1;

/**
 * One instantiated weir WASM module: its exports, wrapped so that a trap becomes a JS error a
 * user can act on, and the views over its memory. This is the one module that wraps the exports.
 * An instance is single-threaded; each worker owns its own.
 */
export class WasmInstance {
  /** The module's function exports, each guarded: memory exhaustion throws ResourcesExhaustedError. */
  readonly fn: Record<string, WasmFunction>;
  readonly views: MemoryViews;

  private constructor(readonly instance: WebAssembly.Instance, readonly memory: WebAssembly.Memory) {
    this.views = new MemoryViews(memory);
    const raw = instance.exports as Record<string, unknown>;
    const fn: Record<string, WasmFunction> = {};
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value !== 'function') continue;
      const f = value as WasmFunction;
      fn[name] = (...args: any[]) => {
        try {
          return f(...args);
        } catch (e) {
          throw this.translate(e, name);
        }
      };
    }
    this.fn = fn;
  }

  /** Instantiates the module from its bytes or a compiled WebAssembly.Module (works in every runtime). */
  static async create(source: BufferSource | WebAssembly.Module, options: InstanceOptions = {}): Promise<WasmInstance> {
    let self: WasmInstance | undefined;
    const imports = {
      env: {
        abort: (msg: number, file: number, line: number, col: number) => {
          const text = self ? `${readString(self, msg)} at ${readString(self, file)}:${line}:${col}` : 'abort';
          throw new WasmInternalError(`weir kernel assertion failed: ${text}`);
        },
      },
    };
    const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
    const instance = await WebAssembly.instantiate(module, imports);
    const memory = instance.exports.memory as WebAssembly.Memory;
    self = new WasmInstance(instance, memory);
    self.fn.mem_set_budget!(options.memoryBudgetBytes ?? 0);
    return self;
  }

  /** Bytes currently reserved by blocks and arena chunks. */
  inUseBytes(): number {
    return this.fn.mem_in_use!() >>> 0;
  }

  private translate(e: unknown, exportName: string): Error {
    if (e instanceof WasmInternalError) return e;
    if (e instanceof WebAssembly.RuntimeError) {
      const code = this.fn.mem_error_code!();
      if (code !== 0) {
        const requested = this.fn.mem_error_requested!() >>> 0;
        const inUse = this.fn.mem_in_use!() >>> 0;
        const budget = this.fn.mem_budget!() >>> 0;
        this.fn.mem_clear_error!();
        const what = code === ERR_BUDGET
          ? `the memory budget of ${mib(budget)} is exhausted`
          : 'the 4 GiB WebAssembly address space is exhausted';
        return new ResourcesExhaustedError(
          `ResourcesExhausted: ${what}: ${exportName} asked for ${mib(requested)} with ${mib(inUse)} in use. ` +
            'Raise memoryBudgetBytes, or reduce the batch size or the state the job keeps.',
          requested, inUse, budget);
      }
      return new WasmInternalError(`weir kernel ${exportName} trapped: ${e.message}`);
    }
    return e instanceof Error ? e : new Error(String(e));
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** Reads an AssemblyScript string (UTF-16, byte length stored 4 bytes before it). */
function readString(inst: WasmInstance, ptr: number): string {
  if (!ptr) return '';
  const u8 = inst.views.u8;
  const len = new Uint32Array(u8.buffer, ptr - 4, 1)[0]!;
  return String.fromCharCode(...new Uint16Array(u8.buffer, ptr, len >>> 1));
}
