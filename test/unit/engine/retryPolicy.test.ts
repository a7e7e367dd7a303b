import {
	backoffMs,
	judgeAttempt,
	unreadableAnswer,
	MAX_RETRY_AFTER_MS,
	retryAfterMs,
} from '../../../nodes/HubSpotGoalTargets/engine/retryPolicy';
import type { HttpAttempt } from '../../../nodes/HubSpotGoalTargets/transport/httpAttempt';
import {
	daily429,
	ok,
	prepared,
	status,
	tenSecondly429,
	upsertOperation,
} from '../../../testkit/fakes';

const batch = ok(prepared(2));

describe('judgeAttempt', () => {
	it.each([
		['200 with results', batch, 'answered'],
		[
			'207 with errors only',
			status(207, { status: 'COMPLETE', results: [], errors: [{ message: 'x' }], numErrors: 1 }),
			'answered',
		],
		['201 with results', status(201, { results: [] }), 'answered'],
	])('%s is an answer', (_, attempt, kind) => {
		expect(judgeAttempt(attempt as HttpAttempt).kind).toBe(kind);
	});

	it('a 200 whose body is cut off or not JSON is retried (the write may or may not have happened)', () => {
		for (const body of [
			'{"status":"COMPLETE","results":[{"id":"1',
			'',
			undefined,
			null,
			{ status: 'COMPLETE' },
		]) {
			// The status is an answer; the operation cannot read the body, so the answer counts as lost.
			expect(judgeAttempt(status(200, body)).kind).toBe('answered');
			expect(upsertOperation.readAnswer([], 200, body)).toBeUndefined();
		}
		expect(unreadableAnswer(200)).toMatchObject({
			kind: 'retry',
			rateLimited: false,
			answerLost: true,
		});
	});

	it('429 for the rolling window waits for the window, whatever the policy name', () => {
		for (const policyName of ['TEN_SECONDLY_ROLLING', 'SECONDLY', undefined]) {
			const verdict = judgeAttempt(
				status(429, {
					status: 'error',
					message: 'You have reached your ten_secondly_rolling limit.',
					policyName,
				}),
			);
			expect(verdict).toEqual({
				kind: 'retry',
				reason: 'rate limited (429)',
				minWaitMs: 0,
				rateLimited: true,
				answerLost: false,
			});
		}
		expect(judgeAttempt(tenSecondly429())).toMatchObject({ kind: 'retry', rateLimited: true });
	});

	it('429 with Retry-After waits that long', () => {
		expect(
			judgeAttempt(status(429, { policyName: 'TEN_SECONDLY_ROLLING' }, { 'Retry-After': '3' })),
		).toMatchObject({
			kind: 'retry',
			minWaitMs: 3000,
			rateLimited: true,
		});
	});

	it('429 DAILY stops the run, also when only the message or a text body says so', () => {
		expect(judgeAttempt(daily429())).toEqual({ kind: 'fatal', reason: 'dailyLimit' });
		expect(
			judgeAttempt(status(429, { status: 'error', message: 'You have reached your daily limit.' })),
		).toEqual({
			kind: 'fatal',
			reason: 'dailyLimit',
		});
		expect(judgeAttempt(status(429, '{"status":"error","policyName":"DAILY"}'))).toEqual({
			kind: 'fatal',
			reason: 'dailyLimit',
		});
	});

	it.each([401, 403])('%i stops the run (token or scopes)', (code) => {
		expect(
			judgeAttempt(
				status(code, { category: code === 401 ? 'INVALID_AUTHENTICATION' : 'MISSING_SCOPES' }),
			),
		).toEqual({
			kind: 'fatal',
			reason: 'auth',
		});
	});

	it('423 waits at least 2 s, longer when Retry-After says so', () => {
		expect(judgeAttempt(status(423, { category: 'LOCKED' }))).toMatchObject({
			kind: 'retry',
			minWaitMs: 2000,
			rateLimited: false,
		});
		expect(judgeAttempt(status(423, {}, { 'retry-after': '5' }))).toMatchObject({
			minWaitMs: 5000,
		});
		expect(judgeAttempt(status(423, {}, { 'retry-after': '1' }))).toMatchObject({
			minWaitMs: 2000,
		});
	});

	it('477 waits for Retry-After, 2 s without one', () => {
		expect(judgeAttempt(status(477, {}, { 'Retry-After': '1' }))).toMatchObject({
			kind: 'retry',
			minWaitMs: 1000,
		});
		expect(judgeAttempt(status(477, {}))).toMatchObject({ kind: 'retry', minWaitMs: 2000 });
	});

	it.each([408, 500, 502, 503, 504, 521, 522, 523, 524, 599])('%i is retried', (code) => {
		expect(judgeAttempt(status(code, '<html>Bad Gateway</html>'))).toMatchObject({
			kind: 'retry',
			rateLimited: false,
			minWaitMs: 0,
		});
	});

	it('a lost connection is retried', () => {
		expect(
			judgeAttempt({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up' }),
		).toMatchObject({
			kind: 'retry',
			reason: 'connection failed (ECONNRESET)',
		});
	});

	it.each([400, 404, 409, 413, 415, 422])(
		'%i refuses the request as a whole (no retry)',
		(code) => {
			expect(
				judgeAttempt(status(code, { status: 'error', category: 'VALIDATION_ERROR', message: 'x' })),
			).toEqual({ kind: 'rejected' });
		},
	);
});

describe('backoffMs', () => {
	it('grows by doubling from 500 ms, half fixed and half random, capped at 30 s', () => {
		for (let retry = 1; retry <= 12; retry++) {
			const ceiling = Math.min(30_000, 500 * 2 ** (retry - 1));
			expect(backoffMs(retry, 0)).toBe(ceiling / 2);
			expect(backoffMs(retry, 0.999999)).toBe(Math.round(ceiling / 2 + (ceiling / 2) * 0.999999));
			for (let k = 0; k < 20; k++) {
				const wait = backoffMs(retry, Math.random());
				expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
				expect(wait).toBeLessThanOrEqual(ceiling);
			}
		}
		expect(backoffMs(1, 0.5)).toBe(375);
		expect(backoffMs(30, 1)).toBe(30_000);
	});
});

describe('retryAfterMs', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('reads seconds, fractions, and HTTP dates, case-insensitively', () => {
		expect(retryAfterMs({ 'Retry-After': '2' }, now)).toBe(2000);
		expect(retryAfterMs({ 'retry-after': ' 1.5 ' }, now)).toBe(1500);
		expect(retryAfterMs({ 'RETRY-AFTER': '0' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now)).toBe(7000);
	});

	it('a date in the past means now; nothing readable means no header', () => {
		expect(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': '-3' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': '' }, now)).toBeUndefined();
		expect(retryAfterMs({}, now)).toBeUndefined();
	});

	it('is capped, so that one answer cannot stall a run for hours', () => {
		expect(retryAfterMs({ 'retry-after': '86400' }, now)).toBe(MAX_RETRY_AFTER_MS);
	});

	it.each([
		['99999999999999999999999', MAX_RETRY_AFTER_MS],
		['Fri, 31 Dec 9999 23:59:59 GMT', MAX_RETRY_AFTER_MS],
		['-5', 0],
		['1e12', undefined],
		['Infinity', undefined],
		['NaN', undefined],
		['soon 5', undefined],
		['12 Dec 2099', undefined],
	])('a Retry-After of %p gives %p ms: within 0 to the cap, or not read', (value, expected) => {
		expect(retryAfterMs({ 'Retry-After': value }, now)).toBe(expected);
	});
});
