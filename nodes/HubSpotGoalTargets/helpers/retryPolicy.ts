import type { IDataObject } from 'n8n-workflow';

/** What one HTTP attempt came back with. */
export type HttpAttempt =
	| { kind: 'response'; statusCode: number; body: unknown; headers: Record<string, string> }
	| { kind: 'network'; code: string; message: string };

/** What an attempt means for the request that made it. */
export type AttemptVerdict =
	/** A 200 or 207 batch answer: correlate it. */
	| { kind: 'answered' }
	/** Worth sending the same request again after a pause. */
	| { kind: 'retry'; reason: string; minWaitMs: number; rateLimited: boolean }
	/** HubSpot refused the whole request for something in it; a retry would get the same answer. */
	| { kind: 'rejected' }
	/**
	 * The run cannot go on: 'auth' for what is wrong with the credential (bad token, missing scopes,
	 * a renewal HubSpot refused, a Base URL that redirects elsewhere), or the daily quota is spent.
	 */
	| { kind: 'fatal'; reason: 'auth' | 'dailyLimit' };

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504, 521, 522, 523, 524]);

function header(headers: Record<string, string>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return String(value);
	return undefined;
}

/** The longest single wait a `Retry-After` can ask for; beyond it the node gives up sooner rather than stall. */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * `Retry-After` in milliseconds (delay in seconds, or an HTTP date), when the answer carried a
 * readable one; at most MAX_RETRY_AFTER_MS.
 */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
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

function isBatchBody(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		(Array.isArray((body as IDataObject).results) || Array.isArray((body as IDataObject).errors))
	);
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

export function judgeAttempt(attempt: HttpAttempt): AttemptVerdict {
	if (attempt.kind === 'network') {
		return { kind: 'retry', reason: `connection failed (${attempt.code})`, minWaitMs: 0, rateLimited: false };
	}
	const { statusCode, body, headers } = attempt;
	if (statusCode === 200 || statusCode === 207 || statusCode === 201) {
		if (isBatchBody(body)) return { kind: 'answered' };
		// A cut-off or non-JSON body: the write may or may not have happened; upsert is safe to repeat.
		return { kind: 'retry', reason: `unreadable answer to HTTP ${statusCode}`, minWaitMs: 0, rateLimited: false };
	}
	if (statusCode === 429) {
		if (rateLimitPolicy(body) === 'DAILY') return { kind: 'fatal', reason: 'dailyLimit' };
		return { kind: 'retry', reason: 'rate limited (429)', minWaitMs: retryAfterMs(headers) ?? 0, rateLimited: true };
	}
	if (statusCode === 401 || statusCode === 403) return { kind: 'fatal', reason: 'auth' };
	// Redirects are not followed (the token would go along): every request would get the same.
	if (statusCode >= 300 && statusCode < 400) return { kind: 'fatal', reason: 'auth' };
	if (statusCode === 423) {
		return { kind: 'retry', reason: 'locked (423)', minWaitMs: Math.max(2000, retryAfterMs(headers) ?? 0), rateLimited: false };
	}
	if (statusCode === 477) {
		return { kind: 'retry', reason: 'migration in progress (477)', minWaitMs: retryAfterMs(headers) ?? 2000, rateLimited: false };
	}
	if (RETRYABLE_STATUS.has(statusCode) || statusCode >= 500) {
		return { kind: 'retry', reason: `HubSpot unavailable (${statusCode})`, minWaitMs: retryAfterMs(headers) ?? 0, rateLimited: false };
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
