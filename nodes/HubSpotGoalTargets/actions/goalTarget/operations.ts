/**
 * Every goal target operation, by its `operation` value. To add one: a folder
 * `goalTarget/<operation>/` with `<operation>.operation.ts` (exporting `option`, `description` and
 * `execute`), and one line here. The operation list, the subtitle and the router follow.
 */
export * as batchArchive from './batchArchive/batchArchive.operation';
export * as batchCreate from './batchCreate/batchCreate.operation';
export * as batchRead from './batchRead/batchRead.operation';
export * as batchUpdate from './batchUpdate/batchUpdate.operation';
export * as batchUpsert from './batchUpsert/batchUpsert.operation';
export * as getAll from './getAll/getAll.operation';
export * as search from './search/search.operation';
