/**
 * What the inputs of a request that got no usable answer are told: the network failure, the answer
 * too large to read, HubSpot's refusal, the run's stop, or that the answer was lost and the
 * request may have been carried out.
 */
import { requestErrorDetails } from '../transport/errors';
import type { HttpAttempt } from '../transport/httpAttempt';
import { cancelledDetails } from './cancel';
import { failedOutcome } from './correlate';
import type { BatchOperation } from './operation';
import type { FatalReason } from './retryPolicy';
import type { FatalStop } from './runStop';
import {
	NODE_CATEGORIES,
	type InputErrorDetails,
	type InputOutcome,
	type PreparedInput,
} from './types';

export function failAll<I>(
	inputs: Array<PreparedInput<I>>,
	details: InputErrorDetails,
): InputOutcome[] {
	return inputs.map((prepared) => failedOutcome(prepared, details));
}

/** What an attempt with no usable answer says, as an input's error. */
export function attemptErrorDetails(attempt: HttpAttempt): InputErrorDetails {
	if (attempt.kind === 'tooLarge') {
		return {
			message: `The answer to this request (HTTP ${attempt.statusCode}) was larger than ${attempt.limit}, more than any HubSpot answer can be: the node stopped reading it`,
			httpCode: String(attempt.statusCode),
			category: NODE_CATEGORIES.answerTooLarge,
		};
	}
	if (attempt.kind === 'network' && attempt.tls) {
		return {
			message: attempt.message,
			category: NODE_CATEGORIES.configuration,
			context: { code: attempt.code },
		};
	}
	if (attempt.kind === 'network') {
		return {
			message: `Could not reach HubSpot: ${attempt.message}`,
			category: NODE_CATEGORIES.network,
			context: { code: attempt.code },
		};
	}
	return requestErrorDetails(attempt.statusCode, attempt.body);
}

/** What an answer that stops the run says; a spent daily quota says when it resets. */
export function fatalDetails(reason: FatalReason, attempt: HttpAttempt): InputErrorDetails {
	const details = attemptErrorDetails(attempt);
	if (reason === 'dailyLimit') {
		return {
			...details,
			message: `HubSpot's daily request limit for this account is spent (${details.message}). It resets at midnight in the account's time zone.`,
		};
	}
	return details;
}

/** Why an input is not sent once the run has stopped: the answer that stopped it, or the cancel. */
export function notSentDetails<I>(
	fatal: FatalStop | undefined,
	operation: BatchOperation<I>,
): InputErrorDetails {
	if (!fatal) return cancelledDetails(false, operation);
	return { ...fatal.details, message: `Not sent: ${fatal.details.message}` };
}

/** The inputs of a request whose answer was lost for good: they may have been written. */
export function lostAnswerOutcomes<I>(
	inputs: Array<PreparedInput<I>>,
	cause: InputErrorDetails,
	why: string,
	operation: BatchOperation<I>,
): InputOutcome[] {
	const means = operation.lostAnswerMeans ?? 'may have been written';
	return failAll(inputs, {
		...cause,
		message: `${cause.message} (${why}). HubSpot's answer was lost: this input ${means}; check in HubSpot before sending it again.`,
		category: NODE_CATEGORIES.unknownOutcome,
		subCategory: cause.category,
	});
}
