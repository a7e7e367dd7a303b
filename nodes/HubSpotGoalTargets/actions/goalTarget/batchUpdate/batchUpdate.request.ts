import type { BatchOperation } from '../../../engine/operation';
import type { ApiVersion } from '../../../transport/apiVersion';
import { keyedWriteRequests } from '../common/batchWrite.request';
import type { UpdateInput } from './batchUpdate.input';

/**
 * Batch update (`POST .../batch/update`): records by HubSpot id or by a unique property (per
 * input). Safe to repeat after a lost answer.
 */
export function updateRequests(version: ApiVersion): BatchOperation<UpdateInput> {
	return keyedWriteRequests(version, {
		endpoint: '/batch/update',
		answerStatuses: [200, 207],
		resendAfterLostAnswer: true,
		lostAnswerMeans: 'may have been updated',
	});
}
