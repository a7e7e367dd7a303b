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
	/** The run cannot go on: bad token, missing scopes, daily quota spent. */
	| { kind: 'fatal'; reason: 'auth' | 'dailyLimit' };

const RETRYABLE_STATUS = new Set([408, 500, 502, 503, 504, 521, 522, 523, 524]);

function header(headers: Record<string, string>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return String(value);
	return undefined;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), when the answer carried one. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const value = header(headers, 'retry-after');
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isBatchBody(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		(Array.isArray((body as IDataObject).results) || Array.isArray((body as IDataObject).errors))
	);
}

export function rateLimitPolicy(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const policy = (body as IDataObject).policyName;
	return typeof policy === 'string' ? policy : undefined;
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
