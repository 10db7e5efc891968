/**
 * Connectors' universal part: the FLIP-27 source and Sink V2 interfaces, byte inputs and
 * outputs, errors, and the file formats. Node-only pieces (files on disk) are in ./filesystem/.
 */
export type { Boundedness, Source, SourceSplit, SplitPosition, SplitReader, SplitReaderOptions } from './source.js';
export { readAll } from './source.js';
export type { Sink, SinkWriter, SinkWriterContext } from './sink.js';
export { writeAll } from './sink.js';
export { ConnectorError, formatLocation, type InputLocation } from './connector-error.js';
export { bytesInputFile, BufferOutputStream, type InputFile, type OutputStream } from './input-file.js';
export * from './formats/index.js';
export { registerTableFactory, createDynamicTable, type DynamicTable, type DynamicTableFactory, type MetadataTypes } from './table-factory.js';
export { blackholeTable, printTable } from './print-connectors.js';
