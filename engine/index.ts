/**
 * weir's Node entry (`import { TableEnvironment, $ } from 'weir'`): the universal API, with the
 * `.wasm` loaded from the package when `TableEnvironment.create()` is not given one. Node-only
 * features (files, workers, connectors) are exported from here as they land.
 */
export * from './universal.js';
