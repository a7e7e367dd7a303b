import { untilAborted } from '../transport/deadline';
import type { BatchOperation } from './operation';
import { NODE_CATEGORIES, type InputErrorDetails } from './types';

/** Thrown out of a wait when the execution is cancelled. */
export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

export function isCancelled(signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true;
}

/** `promise`, or an ExecutionCancelledError as soon as `signal` aborts (the promise itself runs on). */
export async function abortable<T>(
	promise: Promise<T>,
	signal: AbortSignal | undefined,
): Promise<T> {
	if (!signal) return await promise;
	return await untilAborted(promise, signal, () => new ExecutionCancelledError());
}

/** Why an input was not written: the execution was cancelled before (or while) its request went. */
export function cancelledDetails(
	mayHaveWritten: boolean,
	operation: { lostAnswerMeans?: BatchOperation<unknown>['lostAnswerMeans'] },
): InputErrorDetails {
	if (!mayHaveWritten)
		return {
			message: 'Not sent: the execution was cancelled',
			category: NODE_CATEGORIES.cancelled,
		};
	const means = operation.lostAnswerMeans ?? 'may have been written';
	return {
		message: `The execution was cancelled while HubSpot was answering: this input ${means}; check in HubSpot before sending it again.`,
		category: NODE_CATEGORIES.unknownOutcome,
		subCategory: NODE_CATEGORIES.cancelled,
	};
}
