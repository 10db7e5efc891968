/** Registers the filesystem connector for `'connector' = 'filesystem'` (imported by the Node entry). */
import { registerTableFactory } from '../table-factory.js';
import { createFileSystemTable } from './filesystem-connector.js';

registerTableFactory('filesystem', (options, schema) => {
  const table = createFileSystemTable(options, schema);
  return { source: table.source, sink: table.sink };
});
