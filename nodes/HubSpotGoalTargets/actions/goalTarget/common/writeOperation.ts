import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchOperation } from '../../../engine/operation';
import type { RecordComparison } from '../../../engine/recordComparison';
import type { BuiltInput } from '../../../engine/types';
import type { PropertyLookup } from '../../../helpers/propertySchema';
import type { ItemParameterReader } from '../../../run/itemParameters';
import type { ItemReader } from '../../../run/readItems';
import { runBatchOperation } from '../../../run/runBatchOperation';
import type { ApiVersion } from '../../../transport/apiVersion';
import type { RecordRead } from './currentRecords';
import { loadWriteSchemas, notSentReader } from './writeSchemas';

/** One item to read into a write operation's inputs. */
export interface WriteItem {
	/** Input Mode: `fields` (Map Fields) or `json`, the same for every item. */
	inputMode: string;
	params: ItemParameterReader;
	itemIndex: number;
	seq: number;
	item: INodeExecutionData;
	/** The account's properties, to convert and check values (Check Values Against HubSpot Properties). */
	schema?: PropertyLookup;
}

/** What a write operation (create, update, upsert) declares; writeExecute does the rest. */
export interface WriteOperation<I> {
	/** Its requests on an API version (its `.request.ts`). */
	requests: (version: ApiVersion) => BatchOperation<I>;
	/** Its parameters (its description). */
	parameters: INodeProperties[];
	/** One item's inputs (its `.input.ts`): one in Map Fields mode, one or more in JSON mode. */
	readItem: (item: WriteItem) => Array<BuiltInput<I>>;
	/** Write Mode `changed` and `preview` (update, upsert): how its inputs are compared with their records. */
	comparison?: (version: ApiVersion, schema: PropertyLookup) => RecordComparison<I, RecordRead>;
}

/**
 * The `execute` of a write operation: reads the account's properties when the run needs them (to
 * check values, or to compare in Write Mode), reads each item into inputs, and runs the batch
 * operation. An operation without `comparison` always writes every input.
 */
export function writeExecute<I>(
	operation: WriteOperation<I>,
): (this: IExecuteFunctions) => Promise<INodeExecutionData[][]> {
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// The same for every item (no expressions allowed), so read once.
		const inputMode = this.getNodeParameter('inputMode', 0, 'fields') as string;
		return await runBatchOperation(this, {
			requests: operation.requests,
			parameters: operation.parameters,
			prepare: async (run, options) => {
				const compares = operation.comparison !== undefined;
				const schemas = await loadWriteSchemas(
					run,
					compares ? options : { ...options, writeMode: 'all' },
				);
				if (schemas.unavailable) return notSentReader<I>(schemas.unavailable);
				const schema = schemas.forValues;
				const reader: ItemReader<I> = (params, itemIndex, seq, item) =>
					operation.readItem({ inputMode, params, itemIndex, seq, item, schema });
				return schemas.forComparison && operation.comparison
					? { reader, comparison: operation.comparison(run.apiVersion, schemas.forComparison) }
					: reader;
			},
		});
	};
}
