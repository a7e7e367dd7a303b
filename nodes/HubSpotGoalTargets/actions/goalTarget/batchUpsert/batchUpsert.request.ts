import type { BatchOperation } from '../../../engine/operation';
import type { ApiVersion } from '../../../transport/apiVersion';
import { keyedWriteRequests } from '../common/batchWrite.request';
import type { UpsertInput } from './batchUpsert.input';

/**
 * Batch upsert (`POST .../batch/upsert`): by a unique property, creates the records that do not
 * exist and updates those that do. Safe to repeat after a lost answer: a second upsert of the
 * same values changes nothing more.
 */
export function upsertRequests(version: ApiVersion): BatchOperation<UpsertInput> {
	return keyedWriteRequests(version, {
		endpoint: '/batch/upsert',
		answerStatuses: [200, 201, 207],
		resendAfterLostAnswer: true,
	});
}
