import type { BatchOperation } from '../../../engine/operation';
import { objectsPath, type ApiVersion } from '../../../transport/apiVersion';
import { uniqueIds, type RecordRef } from '../common/recordIds';

/**
 * Batch archive (`POST .../batch/archive`, display "Delete"): HubSpot answers 204 with no body,
 * so every input of an answered request is archived. Safe to repeat: archiving twice changes nothing.
 */
export function archiveRequests(version: ApiVersion): BatchOperation<RecordRef> {
	return {
		maxBatchSize: 100,
		buildRequest: (inputs) => ({
			method: 'POST',
			path: objectsPath(version, '/batch/archive'),
			body: { inputs: uniqueIds(inputs.map((p) => p.input)).map((id) => ({ id })) },
		}),
		answerStatuses: [204],
		readAnswer: (inputs) =>
			inputs.map((p) => ({
				seq: p.seq,
				itemIndex: p.itemIndex,
				ok: true as const,
				result: { id: p.input.id, archived: true },
			})),
		// No refusedParameter: the body is only `inputs`, so any refusal can come from one input.
		writes: true,
		resendAfterLostAnswer: true,
		lostAnswerMeans: 'may have been archived',
	};
}
