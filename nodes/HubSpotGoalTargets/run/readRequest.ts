import type { BatchRequest } from '../engine/operation';
import type { FatalReason } from '../engine/retryPolicy';
import type { InputErrorDetails } from '../engine/types';

/** One read request (a list page, a search page, a page of properties): a request like any other. */
export type ReadRequest = BatchRequest;

/**
 * A read request that got no usable answer after the retries it was worth: what HubSpot (or the
 * network) said, and whether the whole run must stop (bad token, missing scopes, daily quota, a
 * certificate or TLS problem).
 */
export class ReadFailure extends Error {
	constructor(
		readonly details: InputErrorDetails,
		readonly fatal?: FatalReason,
	) {
		super(details.message);
		this.name = 'ReadFailure';
	}
}

/** Sends a read request, paced and retried; resolves with HubSpot's answer body or rejects with a ReadFailure. */
export type SendRead = (request: ReadRequest) => Promise<unknown>;
