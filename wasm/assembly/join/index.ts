// Exports of the join kernel family: the hash join table (build, probe in chunks, residual
// conditions, build-side outer/semi/anti rows). See bindings/join-kernel.ts for the contract.
export { join_build, join_free, join_probe_descs, join_mode } from './build';
export { join_probe_begin, join_probe, join_probe_done } from './probe';
export { join_residual_apply } from './residual';
export { join_build_rows_begin, join_build_rows } from './build-rows';
export { join_payload_prepare, join_probe_payload } from './payload';
export { join_filter_kind } from './key-filter';
