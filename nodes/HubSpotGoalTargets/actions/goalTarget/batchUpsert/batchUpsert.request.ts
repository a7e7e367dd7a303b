import type { IDataObject } from 'n8n-workflow';

import { asBatchBody, correlateBatchResponse } from '../../../engine/correlate';
import type { BatchOperation } from '../../../engine/operation';
import { inputsNamedByRejection, refusedIdProperty } from '../common/refusals';
import type { UpsertInput } from './batchUpsert.input';
import { objectsPath, type ApiVersion } from '../../../transport/apiVersion';

/**
 * Batch upsert (`POST .../batch/upsert`): by a unique property, creates the records that do not
 * exist and updates those that do. Safe to repeat after a lost answer: a second upsert of the
 * same values changes nothing more.
 */
export function upsertRequests(version: ApiVersion): BatchOperation<UpsertInput> {
	return {
		maxBatchSize: 100,
		// HubSpot refuses a request with two inputs for one record ("Duplicate IDs found in batch input").
		conflictKey: (input) => `${input.idProperty}\u0000${input.id}`,
		buildRequest: (inputs) => ({
			method: 'POST',
			path: objectsPath(version, '/batch/upsert'),
			body: { inputs: inputs.map((p) => p.input) as unknown as IDataObject[] },
		}),
		answerStatuses: [200, 201, 207],
		readAnswer: (inputs, statusCode, body) => {
			const batch = asBatchBody(body);
			return batch ? correlateBatchResponse(inputs, batch, statusCode) : undefined;
		},
		// HubSpot refuses the whole request for an idProperty that is not unique.
		refusedParameter: refusedIdProperty,
		namedByRefusal: inputsNamedByRejection,
		writes: true,
		resendAfterLostAnswer: true,
	};
}
