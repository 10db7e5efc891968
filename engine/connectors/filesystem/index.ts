/** The filesystem connector (Node-only): source, sink, and the table factory. */
export { FileSystemSource, type FileSourceSplit } from './filesystem-source.js';
export { FileSystemSink, type PendingFile } from './filesystem-sink.js';
export { createFileSystemTable, fileSystemDynamicTable, inferFileSystemTable, formatFromOptions, type FileSystemTable } from './filesystem-connector.js';
export { FILE_METADATA, fileMetadataValue, type FileFacts } from './file-metadata.js';
export { listFiles, isHiddenName, type ListedFile } from './list-files.js';
export { localInputFile, localOutputStream } from './local-file.js';
