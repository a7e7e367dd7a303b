import { isCancelled } from './cancel';
import type { FatalReason } from './retryPolicy';
import type { InputErrorDetails } from './types';

/** An answer after which the run cannot go on (bad token, spent daily quota, refused TLS). */
export interface FatalStop {
	reason: FatalReason;
	details: InputErrorDetails;
}

/**
 * Whether a sender may still send: not once an answer stopped the run (the first such answer is
 * kept, to report), nor once the execution is cancelled.
 */
export class RunStop {
	fatal: FatalStop | undefined;

	constructor(private readonly signal?: AbortSignal) {}

	get stopped(): boolean {
		return this.fatal !== undefined || isCancelled(this.signal);
	}

	stop(fatal: FatalStop): void {
		this.fatal ??= fatal;
	}
}
