import type { BatchOperation } from '../../../engine/operation';
import type { ApiVersion } from '../../../transport/apiVersion';
import { batchWriteRequests } from '../common/batchWrite.request';
import type { CreateInput } from './batchCreate.input';

/**
 * Batch create (`POST .../batch/create`): results are matched by the trace id each input carries
 * (a created record has no id of ours). HubSpot never deduplicates creates, so a request whose
 * answer was lost is not sent again; its inputs go to Error as "may have been created". The body
 * is only `inputs`, so any refusal can come from one input: none is request-level.
 */
export function createRequests(version: ApiVersion): BatchOperation<CreateInput> {
	return batchWriteRequests(version, {
		endpoint: '/batch/create',
		answerStatuses: [200, 201, 207],
		resendAfterLostAnswer: false,
		lostAnswerMeans: 'may have been created',
	});
}
