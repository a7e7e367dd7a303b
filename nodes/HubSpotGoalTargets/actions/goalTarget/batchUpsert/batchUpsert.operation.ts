import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import type { ItemParameterReader } from '../../../run/itemParameters';
import { runBatchOperation } from '../../../run/runBatchOperation';
import type { BuiltInput } from '../../../engine/types';
import { buildFieldsInput, buildJsonInputs, type UpsertInput } from './batchUpsert.input';
import { isAutoMapping, propertiesFromMapper } from '../../../helpers/resourceMapperValue';
import { recordComparison } from '../common/currentRecords';
import { loadWriteSchemas, notSentReader } from '../common/writeSchemas';
import { batchUpsertProperties } from './batchUpsert.description';
import { upsertRequests } from './batchUpsert.request';

export const option: INodePropertyOptions = {
	name: 'Create or Update',
	value: 'batchUpsert',
	description: 'Create or update many goal targets at once, by a unique property (batch upsert)',
	action: 'Create or update goal targets',
};

export const description = batchUpsertProperties;

function isEmptyValue(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// The same for every item (no expressions allowed), so read once.
	const inputMode = this.getNodeParameter('inputMode', 0, 'fields') as string;
	return await runBatchOperation(this, {
		requests: upsertRequests,
		parameters: description,
		prepare: async (run, options) => {
			const {
				forValues: schema,
				forComparison,
				unavailable,
			} = await loadWriteSchemas(run, options);
			if (unavailable) return notSentReader(unavailable);
			const reader = (
				params: ItemParameterReader,
				itemIndex: number,
				seq: number,
				item: INodeExecutionData,
			): Array<BuiltInput<UpsertInput>> => {
				const idProperty = params.get('idProperty', itemIndex, '');
				if (inputMode === 'json')
					return buildJsonInputs(
						itemIndex,
						seq,
						params.get('inputsJson', itemIndex),
						idProperty,
						schema,
					);
				const mapper = params.get('properties', itemIndex, {});
				let idValue = params.get('idValue', itemIndex, '');
				// With "Map Automatically" and no ID given, the ID is the item's field named like the ID
				// property (n8n's "column to match on"), so nothing needs evaluating per item.
				if (isEmptyValue(idValue) && isAutoMapping(mapper) && typeof idProperty === 'string') {
					const field = idProperty.trim();
					idValue = Object.prototype.hasOwnProperty.call(item.json, field)
						? item.json[field]
						: undefined;
				}
				return [
					buildFieldsInput(
						itemIndex,
						seq,
						{
							idProperty,
							idValue,
							properties: propertiesFromMapper(mapper, item.json),
							objectWriteTraceId: params.get('objectWriteTraceId', itemIndex, ''),
						},
						schema,
					),
				];
			};
			return forComparison
				? { reader, comparison: recordComparison<UpsertInput>(run.apiVersion, forComparison, true) }
				: reader;
		},
	});
}
