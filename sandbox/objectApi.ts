/** The object endpoints: one handler per operation (each in its own file), the same on every API version. */
import { executeBatchArchive } from './batchArchive';
import { executeBatchCreate } from './batchCreate';
import { executeBatchRead } from './batchRead';
import { executeBatchUpdate } from './batchUpdate';
import { OperationOutcome, OperationRequest } from './operation';
import { getGoalTarget, listGoalTargets } from './readObjects';
import { executeSearch } from './search';
import { archiveOne, createOne, updateOne } from './singleObject';
import { ObjectOperation } from './types';
import { executeUpsert, fakeUpsertBody } from './upsert';

const HANDLERS: Record<ObjectOperation, (req: OperationRequest) => OperationOutcome> = {
	list: listGoalTargets,
	get: getGoalTarget,
	create: createOne,
	update: updateOne,
	archive: archiveOne,
	batchUpsert: executeUpsert,
	batchCreate: executeBatchCreate,
	batchRead: executeBatchRead,
	batchUpdate: executeBatchUpdate,
	batchArchive: executeBatchArchive,
	search: executeSearch,
};

export function runOperation(operation: ObjectOperation, req: OperationRequest): OperationOutcome {
	return HANDLERS[operation](req);
}

/** A complete-looking 200 body for the `truncated` fault (only its first half is sent; the store is untouched). */
export function fakeBody(operation: ObjectOperation, raw: string): string {
	if (operation === 'batchUpsert') return JSON.stringify(fakeUpsertBody(raw));
	const now = new Date().toISOString();
	if (operation === 'search' || operation === 'list')
		return JSON.stringify({ total: 0, results: [], paging: { next: { after: '0' } } });
	return JSON.stringify({ status: 'COMPLETE', results: [], startedAt: now, completedAt: now });
}
