import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WasmInstance, type InstanceOptions } from './wasm-instance.js';

/** Options for loading the weir module from the package in Node. */
export interface NodeLoadOptions extends InstanceOptions {
  /** Load the debug build (assertions on) instead of the release build. */
  debug?: boolean;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Path of the built `.wasm` file: $WEIR_WASM_DIR if set, else the package's build/ (from bindings/ or dist/bindings/). */
export function wasmPath(debug = false): string {
  const file = debug ? 'weir.debug.wasm' : 'weir.wasm';
  // A private build (e.g. of one kernel family while developing it) can be tested in its place.
  const dir = typeof process !== 'undefined' ? process.env.WEIR_WASM_DIR : undefined;
  if (dir) return `${dir}/${file}`;
  for (const rel of [`../build/${file}`, `../../build/${file}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error(`weir: ${file} not found; run \`npm run build:wasm\``);
}

/** Loads the weir WASM module from the package (compiled once per process) and instantiates it. */
export async function loadWasm(options: NodeLoadOptions = {}): Promise<WasmInstance> {
  const path = wasmPath(options.debug);
  let module = compiled.get(path);
  if (!module) {
    module = readFile(path).then((bytes) => WebAssembly.compile(bytes));
    compiled.set(path, module);
  }
  return WasmInstance.create(await module, options);
}
