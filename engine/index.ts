/**
 * weir's Node entry (`import { TableEnvironment, $ } from 'weir'`): the universal API, with the
 * `.wasm` loaded from the package when `TableEnvironment.create()` is not given one, plus what
 * needs Node's built-ins: the filesystem connector (files and directories on local disk), also
 * registered for `CREATE TABLE … WITH ('connector' = 'filesystem')`.
 */
import './connectors/filesystem/register.js';
export * from './universal.js';
export * from './connectors/filesystem/index.js';
