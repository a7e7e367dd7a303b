import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { InputErrorDetails, InputOutcome } from '../../../engine/types';
import { toOutputs } from '../../../run/outputs';
import { createReadSender } from '../../../run/readSender';
import { createRunContext, READ_SENDING } from '../../../run/runContext';
import { objectsPath } from '../../../transport/apiVersion';
import { hubSpotApiError } from '../../../transport/errors';
import { readPage, readPages } from '../../../transport/paging';
import { ParameterError } from '../common/parameterError';
import { wantedRecords } from '../common/readOptions';
import { readStop } from '../common/readOutcome';
import { cappedSearchNote, type CappedSearch } from './cappedNote';
import { searchProperties } from './search.description';
import { buildSearchBody, type SearchBody } from './searchBody';
import { MAX_SEARCH_RESULTS, SEARCH_PAGE_SIZE, SEARCH_REQUESTS_PER_SECOND } from './searchLimits';

export const option: INodePropertyOptions = {
	name: 'Search',
	value: 'search',
	description: 'Find goal targets by filters, a query text and a sort, once per input item',
	action: 'Search goal targets',
};

export const description = searchProperties;

interface ItemSearch {
	body: SearchBody;
	/** Records wanted; undefined for all HubSpot serves. */
	limit?: number;
}

/** One item's search, from its parameters (expressions may differ from item to item). */
function readItemSearch(context: IExecuteFunctions, itemIndex: number): ItemSearch {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = buildSearchBody({
		filterGroups: context.getNodeParameter('filterGroups', itemIndex, {}),
		query: context.getNodeParameter('query', itemIndex, ''),
		sortBy: options.sortBy,
		sortDirection: options.sortDirection,
		propertiesToReturn: options.propertiesToReturn,
	});
	const limit = wantedRecords(
		context.getNodeParameter('returnAll', itemIndex, false),
		context.getNodeParameter('limit', itemIndex, 50),
		MAX_SEARCH_RESULTS,
	);
	return { body, limit };
}

function failed(itemIndex: number, error: InputErrorDetails, input: IDataObject): InputOutcome {
	return { seq: 0, itemIndex, ok: false, error, input };
}

/**
 * Search: one search per input item, since filters usually come from the item (`{{ $json.key }}`);
 * its records are paired with that item. A search HubSpot refuses, or that cannot be built from
 * the item's parameters, puts that item on Error; the other items' searches go on. A bad token,
 * missing scopes or a spent daily quota stop the node (or, continuing on error, the items not
 * searched yet go to Error).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Search has a rate limit of its own, and its answers carry no headers to learn it from.
	const run = await createRunContext(this, READ_SENDING, {
		name: 'search',
		window: { max: SEARCH_REQUESTS_PER_SECOND, intervalMs: 1000 },
	});
	const send = createReadSender(run);
	const path = objectsPath(run.apiVersion, '/search');
	const outcomes: InputOutcome[] = [];
	const capped: CappedSearch[] = [];
	let stopped: InputErrorDetails | undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let search: ItemSearch;
		try {
			search = readItemSearch(this, itemIndex);
		} catch (error) {
			const field = error instanceof ParameterError ? error.field : undefined;
			const message = `Item ${itemIndex}: ${error instanceof ParameterError ? '' : 'a parameter could not be read: '}${(error as Error).message}`;
			outcomes.push(
				failed(itemIndex, { message, category: 'INVALID_INPUT', ...(field ? { field } : {}) }, {}),
			);
			continue;
		}
		if (stopped) {
			outcomes.push(
				failed(itemIndex, { ...stopped, message: `Not sent: ${stopped.message}` }, search.body),
			);
			continue;
		}
		try {
			const paged = await readPages(
				async ({ after, limit }) =>
					readPage(
						await send({
							method: 'POST',
							path,
							body: { ...search.body, limit, ...(after !== undefined ? { after } : {}) },
						}),
					),
				{ limit: search.limit, pageSize: SEARCH_PAGE_SIZE, cap: MAX_SEARCH_RESULTS },
			);
			for (const record of paged.records)
				outcomes.push({ seq: 0, itemIndex, ok: true, result: record });
			if (paged.capped) capped.push({ itemIndex, total: paged.total });
		} catch (error) {
			const { details, fatal } = readStop(error);
			if (fatal) {
				if (!this.continueOnFail()) {
					throw hubSpotApiError(this.getNode(), details, { itemIndex });
				}
				stopped = details;
			}
			outcomes.push(failed(itemIndex, details, search.body));
		}
	}

	outcomes.forEach((outcome, seq) => (outcome.seq = seq));
	if (capped.length > 0) {
		const note = cappedSearchNote(capped);
		this.logger.warn(`HubSpot Goal Targets: ${note}`);
		this.addExecutionHints({ message: note, type: 'warning', location: 'outputPane' });
	}
	return toOutputs(outcomes);
}
