import type { BatchOperation } from '../../../engine/operation';
import type { RecordComparison } from '../../../engine/recordComparison';
import type { InputErrorDetails } from '../../../engine/types';
import type { PropertyLookup } from '../../../helpers/propertySchema';
import { sameStoredValue } from '../../../helpers/storedValueEquality';
import type { ApiVersion } from '../../../transport/apiVersion';
import { readRequests } from './batchRead.request';
import type { RecordRef } from './recordIds';
import { recordKey, type KeyedInput } from './writeInput';

/** The record an input writes, and the properties it writes (the ones to read and compare). */
export interface RecordRead extends RecordRef {
	properties: string[];
}

/**
 * Batch reads of the current records (not archived ones: HubSpot's writes do not see them either),
 * each asking only for the properties its inputs write, plus the ID property it reads by.
 */
export function currentRecordReads(version: ApiVersion): BatchOperation<RecordRead> {
	const read = (properties: string[]) => readRequests(version, { properties, archived: false });
	const { maxBatchSize, requestKey, answerStatuses, readAnswer, writes, resendAfterLostAnswer } =
		read([]);
	return {
		maxBatchSize,
		requestKey,
		buildRequest: (inputs) =>
			read([...new Set(inputs.flatMap((p) => p.input.properties))]).buildRequest(inputs),
		answerStatuses,
		readAnswer,
		writes,
		resendAfterLostAnswer,
	};
}

function describedRecord(input: KeyedInput): string {
	return input.idProperty ? `${input.idProperty} '${input.id}'` : `record ID ${input.id}`;
}

/**
 * How Write Mode `changed` and `preview` compare upsert or update inputs with their records:
 * values by each property's type in the account (`schema`), as HubSpot stores them. `creates`:
 * a record that does not exist is created (upsert); otherwise the input fails as HubSpot's update
 * would fail it (not found, naming the id).
 */
export function recordComparison<I extends KeyedInput>(
	version: ApiVersion,
	schema: PropertyLookup,
	creates: boolean,
): RecordComparison<I, RecordRead> {
	return {
		readOperation: currentRecordReads(version),
		readInputOf: (input) => ({
			id: input.id,
			idProperty: input.idProperty ?? '',
			properties: Object.keys(input.properties),
		}),
		recordKeyOf: recordKey,
		valuesOf: (input) => input.properties,
		identityOf: (input): Record<string, string> =>
			input.idProperty ? { [input.idProperty]: input.id } : {},
		sameValue: (property, stored, sent) => sameStoredValue(schema.get(property), stored, sent),
		isNotFound: (error) => error.category === 'OBJECT_NOT_FOUND',
		whenMissing: creates
			? 'create'
			: (input, notFound): InputErrorDetails => ({
					message: `No goal target has ${describedRecord(input)}, so it cannot be updated (HubSpot: ${notFound.message})`,
					httpCode: notFound.httpCode,
					category: 'OBJECT_NOT_FOUND',
					context: { ids: [input.id] },
				}),
	};
}
