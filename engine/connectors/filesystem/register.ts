/** Registers the filesystem connector for `'connector' = 'filesystem'` (imported by the Node entry). */
import { registerTableFactory } from '../table-factory.js';
import { createFileSystemTable, fileSystemDynamicTable } from './filesystem-connector.js';

registerTableFactory('filesystem', (options, schema) => fileSystemDynamicTable(createFileSystemTable(options, schema)));
