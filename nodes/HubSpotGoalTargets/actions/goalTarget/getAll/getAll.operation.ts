import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { createReadSender } from '../../../run/readSender';
import { toOutputs } from '../../../run/outputs';
import { createRunContext, READ_SENDING } from '../../../run/runContext';
import { objectsPath } from '../../../transport/apiVersion';
import { hubSpotApiError } from '../../../transport/errors';
import { readPage, readPages } from '../../../transport/paging';
import { checkedParameters } from '../common/parameterError';
import { archivedFrom, propertyNamesFrom, wantedRecords } from '../common/readOptions';
import { readStop } from '../common/readOutcome';
import { getAllProperties } from './getAll.description';
import { LIST_PAGE_SIZE, listQuery } from './listRequest';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Read many goal targets, page by page',
	action: 'Get many goal targets',
};

export const description = getAllProperties;

/**
 * Get Many: every goal target (or up to Limit), page by page. It runs once, whatever the number of
 * input items: its records are paired with the first item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const { limit, properties, archived } = checkedParameters(this, () => ({
		limit: wantedRecords(
			this.getNodeParameter('returnAll', 0, false),
			this.getNodeParameter('limit', 0, 50),
		),
		properties: propertyNamesFrom(options.propertiesToReturn),
		archived: archivedFrom(options),
	}));
	const run = await createRunContext(this, READ_SENDING);
	const send = createReadSender(run);
	const path = objectsPath(run.apiVersion);
	try {
		const paged = await readPages(
			async ({ after, limit: pageLimit }) =>
				readPage(
					await send({
						method: 'GET',
						path,
						qs: listQuery({ limit: pageLimit, after, archived, properties }),
					}),
				),
			{ limit, pageSize: LIST_PAGE_SIZE },
		);
		this.logger.debug(
			`HubSpot Goal Targets: read ${paged.records.length} goal targets on ${paged.pages} pages`,
		);
		return [paged.records.map((record) => ({ json: record, pairedItem: { item: 0 } })), []];
	} catch (error) {
		const { details, fatal } = readStop(error);
		if (!this.continueOnFail()) {
			throw hubSpotApiError(this.getNode(), details);
		}
		this.logger.warn(
			`HubSpot Goal Targets: Get Many failed${fatal ? ' (the run cannot go on)' : ''}: ${details.message}`,
		);
		const input: IDataObject = {
			returnAll: limit === undefined,
			limit: limit ?? null,
			archived,
			properties,
		};
		return toOutputs([{ seq: 0, itemIndex: 0, ok: false, error: details, input }]);
	}
}
