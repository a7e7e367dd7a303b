import type { IDataObject } from 'n8n-workflow';

import type { HttpAttempt } from '../transport/httpAttempt';

/**
 * Why the run cannot go on: 'auth' for what is wrong with the credential (bad token, missing
 * scopes, a renewal HubSpot refused, a Base URL that redirects elsewhere), 'dailyLimit' when the
 * daily quota is spent, 'tls' when the Base URL's certificate or TLS is refused.
 */
export type FatalReason = 'auth' | 'dailyLimit' | 'tls';

/** What an attempt means for the request that made it. */
export type AttemptVerdict =
	/** An answer the operation reads input by input (e.g. a 200 or 207 batch answer). */
	| { kind: 'answered' }
	/**
	 * Worth sending the same request again after a pause. `answerLost`: the request may have
	 * reached HubSpot and been carried out, but its answer did not come back (a timeout, a reset
	 * connection, a gateway error, an unreadable body).
	 */
	| { kind: 'retry'; reason: string; minWaitMs: number; rateLimited: boolean; answerLost: boolean }
	/** HubSpot refused the whole request for something in it; a retry would get the same answer. */
	| { kind: 'rejected' }
	/** The answer was too large to read: the same request would get the same, so it is not sent again. */
	| { kind: 'tooLarge' }
	/** The run cannot go on (see FatalReason). */
	| { kind: 'fatal'; reason: FatalReason };

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504, 521, 522, 523, 524]);

function header(headers: Record<string, string>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers))
		if (key.toLowerCase() === wanted) return String(value);
	return undefined;
}

/** The longest single wait a `Retry-After` can ask for; beyond it the node gives up sooner rather than stall. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * `Retry-After` in milliseconds (delay in seconds, or an HTTP date), when the answer carried a
 * readable one; at most MAX_RETRY_AFTER_MS.
 */
export function retryAfterMs(
	headers: Record<string, string>,
	now = Date.now(),
): number | undefined {
	const raw = header(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const value = raw.trim();
	if (value === '') return undefined;
	let ms: number;
	if (/^[+-]?\d+(\.\d+)?$/.test(value)) {
		ms = Number(value) * 1000;
	} else {
		// An HTTP date is always in GMT; anything else JavaScript might read as a date is not one.
		if (!/\bGMT$/i.test(value)) return undefined;
		const date = Date.parse(value);
		if (Number.isNaN(date)) return undefined;
		ms = date - now;
	}
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

export function rateLimitPolicy(body: unknown): string | undefined {
	if (typeof body === 'string') {
		// A body n8n could not parse as JSON: read the policy from the text.
		if (/"policyName"\s*:\s*"DAILY"/.test(body) || /daily limit/i.test(body)) return 'DAILY';
		return undefined;
	}
	if (typeof body !== 'object' || body === null) return undefined;
	const { policyName, message } = body as IDataObject;
	if (typeof policyName === 'string') return policyName;
	if (typeof message === 'string' && /\bdaily limit\b/i.test(message)) return 'DAILY';
	return undefined;
}

/** Network failures that mean the request never reached HubSpot: sending it again is always safe. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
]);

/** Statuses of a gateway or server that may have passed the request on before failing. */
const MAYBE_PROCESSED_STATUS = new Set([500, 502, 504, 520, 522, 524]);

/** An answer whose body the operation could not read (cut off, not JSON): the request may have been carried out. */
export const unreadableAnswer = (statusCode: number): AttemptVerdict => ({
	kind: 'retry',
	reason: `unreadable answer to HTTP ${statusCode}`,
	minWaitMs: 0,
	rateLimited: false,
	answerLost: true,
});

/**
 * What an attempt means for the request. `answerStatuses` are the statuses the operation reads
 * input by input (200 and 207 for most batch calls, 204 for archive).
 */
export function judgeAttempt(
	attempt: HttpAttempt,
	answerStatuses: readonly number[] = [200, 201, 207],
): AttemptVerdict {
	if (attempt.kind === 'tooLarge') return { kind: 'tooLarge' };
	if (attempt.kind === 'network') {
		if (attempt.tls) return { kind: 'fatal', reason: 'tls' };
		const answerLost = !NOT_SENT_CODES.has(attempt.code);
		return {
			kind: 'retry',
			reason: `connection failed (${attempt.code})`,
			minWaitMs: 0,
			rateLimited: false,
			answerLost,
		};
	}
	const { statusCode, body, headers } = attempt;
	if (answerStatuses.includes(statusCode)) return { kind: 'answered' };
	if (statusCode >= 200 && statusCode < 300) return unreadableAnswer(statusCode);
	if (statusCode === 429) {
		if (rateLimitPolicy(body) === 'DAILY') return { kind: 'fatal', reason: 'dailyLimit' };
		return {
			kind: 'retry',
			reason: 'rate limited (429)',
			minWaitMs: retryAfterMs(headers) ?? 0,
			rateLimited: true,
			answerLost: false,
		};
	}
	if (statusCode === 401 || statusCode === 403) return { kind: 'fatal', reason: 'auth' };
	// Redirects are not followed (the token would go along): every request would get the same.
	if (statusCode >= 300 && statusCode < 400) return { kind: 'fatal', reason: 'auth' };
	if (statusCode === 423) {
		return {
			kind: 'retry',
			reason: 'locked (423)',
			minWaitMs: Math.max(2000, retryAfterMs(headers) ?? 0),
			rateLimited: false,
			answerLost: false,
		};
	}
	if (statusCode === 477) {
		return {
			kind: 'retry',
			reason: 'migration in progress (477)',
			minWaitMs: retryAfterMs(headers) ?? 2000,
			rateLimited: false,
			answerLost: false,
		};
	}
	if (RETRYABLE_STATUS.has(statusCode) || statusCode >= 500) {
		return {
			kind: 'retry',
			reason: `HubSpot unavailable (${statusCode})`,
			minWaitMs: retryAfterMs(headers) ?? 0,
			rateLimited: false,
			answerLost: MAYBE_PROCESSED_STATUS.has(statusCode),
		};
	}
	return { kind: 'rejected' };
}

/**
 * Exponential backoff with jitter: half fixed, half random, so that several executions that failed
 * together do not come back together. `retry` counts from 1.
 */
export function backoffMs(retry: number, random: number, baseMs = 500, capMs = 30_000): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
