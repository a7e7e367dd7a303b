import type { IDataObject } from 'n8n-workflow';

import { asBatchBody, correlateBatchResponse, type TracedInput } from '../../../engine/correlate';
import type { BatchOperation } from '../../../engine/operation';
import { objectsPath, type ApiVersion } from '../../../transport/apiVersion';
import { inputsNamedByRejection, refusedIdProperty } from './refusals';
import { recordKey, type KeyedInput, type PropertyValues } from './writeInput';

/** What HubSpot's batch writes (create, update, upsert) differ in; the rest is the same for all three. */
export interface BatchWriteSpec {
	/** The endpoint under the objects path, e.g. `/batch/upsert`. */
	endpoint: string;
	/** The statuses whose body answers input by input. */
	answerStatuses: readonly number[];
	/** Whether the same request may be sent again after its answer was lost (see BatchOperation). */
	resendAfterLostAnswer: boolean;
	/** What "may have been written" means, e.g. "may have been created". */
	lostAnswerMeans?: string;
}

/** A write input HubSpot's answer is matched to: by its trace id, and by its id value when it has one. */
type WriteInput = TracedInput & { properties: PropertyValues };

/**
 * The requests of one batch write: up to 100 inputs in HubSpot's own shape, the answer (200, 201
 * or 207) matched to them by trace id and id value, never by position; a whole-request refusal
 * naming properties that do not exist fails the inputs carrying them.
 */
export function batchWriteRequests<I extends WriteInput>(
	version: ApiVersion,
	spec: BatchWriteSpec,
): BatchOperation<I> {
	return {
		maxBatchSize: 100,
		buildRequest: (inputs) => ({
			method: 'POST',
			path: objectsPath(version, spec.endpoint),
			body: { inputs: inputs.map((p) => p.input) as unknown as IDataObject[] },
		}),
		answerStatuses: spec.answerStatuses,
		readAnswer: (inputs, statusCode, body) => {
			const batch = asBatchBody(body);
			return batch ? correlateBatchResponse(inputs, batch, statusCode) : undefined;
		},
		namedByRefusal: inputsNamedByRejection,
		writes: true,
		resendAfterLostAnswer: spec.resendAfterLostAnswer,
		lostAnswerMeans: spec.lostAnswerMeans,
	};
}

/**
 * The requests of a batch write of records named by id (update, upsert): two writes of one record
 * never share a request (HubSpot refuses "Duplicate IDs found in batch input"; the later waits for
 * the earlier), and an idProperty HubSpot refuses as not unique is refused for the whole request,
 * so no later request carrying it is sent.
 */
export function keyedWriteRequests<I extends WriteInput & KeyedInput>(
	version: ApiVersion,
	spec: BatchWriteSpec,
): BatchOperation<I> {
	return {
		...batchWriteRequests<I>(version, spec),
		conflictKey: recordKey,
		refusedParameter: refusedIdProperty,
	};
}
