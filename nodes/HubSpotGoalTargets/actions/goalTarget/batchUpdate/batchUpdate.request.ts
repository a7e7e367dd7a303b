import type { IDataObject } from 'n8n-workflow';

import { asBatchBody, correlateBatchResponse } from '../../../engine/correlate';
import type { BatchOperation } from '../../../engine/operation';
import { inputsNamedByRejection, refusedIdProperty } from '../common/refusals';
import type { UpdateInput } from './batchUpdate.input';
import { objectsPath, type ApiVersion } from '../../../transport/apiVersion';

/**
 * Batch update (`POST .../batch/update`): records by HubSpot id or by a unique property (per
 * input). Two updates of one record never share a request. Safe to repeat after a lost answer.
 */
export function updateRequests(version: ApiVersion): BatchOperation<UpdateInput> {
	return {
		maxBatchSize: 100,
		conflictKey: (input) => `${input.idProperty ?? ''}\u0000${input.id}`,
		buildRequest: (inputs) => ({
			method: 'POST',
			path: objectsPath(version, '/batch/update'),
			body: { inputs: inputs.map((p) => p.input) as unknown as IDataObject[] },
		}),
		answerStatuses: [200, 207],
		readAnswer: (inputs, statusCode, body) => {
			const batch = asBatchBody(body);
			return batch ? correlateBatchResponse(inputs, batch, statusCode) : undefined;
		},
		// HubSpot refuses the whole request for an idProperty that is not unique.
		refusedParameter: refusedIdProperty,
		namedByRefusal: inputsNamedByRejection,
		writes: true,
		resendAfterLostAnswer: true,
		lostAnswerMeans: 'may have been updated',
	};
}
