import type { FatalReason } from '../../../engine/retryPolicy';
import type { InputErrorDetails } from '../../../engine/types';
import { PagingError } from '../../../transport/paging';
import { ReadFailure } from '../../../run/readRequest';

/** Why a paged read stopped, as an Error item's details, and whether the run must stop too. */
export interface ReadStop {
	details: InputErrorDetails;
	fatal?: FatalReason;
}

/**
 * Reads a failed paged read: HubSpot's refusal or the network failure, or an answer that was not a
 * page. The records read before are not output (a part would pass for the whole); the message
 * says how far it got.
 */
export function readStop(error: unknown): ReadStop {
	if (!(error instanceof PagingError)) throw error;
	const { reason, recordsRead, pagesRead } = error;
	const progress =
		pagesRead > 0 ? ` (stopped after ${recordsRead.length} records on ${pagesRead} pages)` : '';
	if (reason instanceof ReadFailure) {
		return {
			details: { ...reason.details, message: `${reason.details.message}${progress}` },
			fatal: reason.fatal,
		};
	}
	const message = reason instanceof Error ? reason.message : String(reason);
	return { details: { message: `${message}${progress}`, category: 'UNEXPECTED_ANSWER' } };
}
