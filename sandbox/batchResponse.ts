/** The envelope of batch answers: BatchResponse... (200/201) or ...WithErrors (207; 2026-09: see partialStatus). */
import { StandardError } from './errors';
import { Prng, shuffleInPlace } from './prng';
import { ApiVersion, partialStatus } from './routes';

export interface BatchBody<T> {
	status: 'COMPLETE';
	results: T[];
	startedAt: string;
	completedAt: string;
	numErrors?: number;
	errors?: StandardError[];
}

export function batchAnswer<T>(
	version: ApiVersion,
	ok: 200 | 201,
	startedAt: string,
	results: T[],
	errors: StandardError[],
	shuffle: Prng | null,
): { status: 200 | 201 | 207; body: BatchBody<T> } {
	if (shuffle) {
		shuffleInPlace(results, shuffle);
		shuffleInPlace(errors, shuffle);
	}
	const body: BatchBody<T> = {
		status: 'COMPLETE',
		results,
		startedAt,
		completedAt: new Date().toISOString(),
	};
	if (errors.length === 0) return { status: ok, body };
	body.numErrors = errors.length;
	body.errors = errors;
	return { status: partialStatus(version, ok), body };
}
