// The weir WASM module: every export of every kernel family, as flat snake_case functions.
export * from './memory';
export { kind_width } from './layout';
export * from './columns/index';
export * from './expr/index';
export * from './aggregate/index';
export * from './join/index';
export * from './sort/index';
