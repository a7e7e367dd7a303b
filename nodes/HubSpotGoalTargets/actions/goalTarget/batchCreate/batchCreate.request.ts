import type { IDataObject } from 'n8n-workflow';

import { asBatchBody, correlateBatchResponse } from '../../../engine/correlate';
import type { BatchOperation } from '../../../engine/operation';
import { inputsNamedByRejection } from '../common/refusals';
import type { CreateInput } from './batchCreate.input';
import { objectsPath, type ApiVersion } from '../../../transport/apiVersion';

/**
 * Batch create (`POST .../batch/create`): HubSpot never deduplicates creates, so a request whose
 * answer was lost is not sent again; its inputs go to Error as "may have been created".
 */
export function createRequests(version: ApiVersion): BatchOperation<CreateInput> {
	return {
		maxBatchSize: 100,
		buildRequest: (inputs) => ({
			method: 'POST',
			path: objectsPath(version, '/batch/create'),
			body: { inputs: inputs.map((p) => p.input) as unknown as IDataObject[] },
		}),
		answerStatuses: [200, 201, 207],
		// Results are matched by the trace id each input carries (a created record has no id of ours).
		readAnswer: (inputs, statusCode, body) => {
			const batch = asBatchBody(body);
			return batch ? correlateBatchResponse(inputs, batch, statusCode) : undefined;
		},
		// No refusedParameter: the body is only `inputs`, so any refusal can come from one input.
		namedByRefusal: inputsNamedByRejection,
		writes: true,
		resendAfterLostAnswer: false,
		lostAnswerMeans: 'may have been created',
	};
}
