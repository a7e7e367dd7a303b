import { NodeApiError, NodeOperationError, type JsonObject } from 'n8n-workflow';

import { judgeAttempt } from '../../../nodes/HubSpotGoalTargets/engine/retryPolicy';
import { attemptFromError } from '../../../nodes/HubSpotGoalTargets/transport/attemptFromError';
import { fakeNode } from '../../../testkit/fakes';

describe('attemptFromError', () => {
	it('reads the HTTP answer from an axios error wrapped by n8n, without the request config', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 429'), {
			code: 'ERR_BAD_REQUEST',
			config: { headers: { Authorization: 'Bearer secret-token' } },
			response: {
				status: 429,
				data: { policyName: 'TEN_SECONDLY_ROLLING' },
				headers: { 'Retry-After': '1', 'X-HubSpot-RateLimit-Max': '100' },
			},
		});
		const wrapped = Object.assign(new Error('The service is receiving too many requests'), {
			cause: axiosError,
		});
		const attempt = attemptFromError(wrapped);
		expect(attempt).toEqual({
			kind: 'response',
			statusCode: 429,
			body: { policyName: 'TEN_SECONDLY_ROLLING' },
			headers: { 'retry-after': '1', 'x-hubspot-ratelimit-max': '100' },
		});
		expect(JSON.stringify(attempt)).not.toContain('secret-token');
	});

	it("reads the status of n8n 1.x's NodeApiError, which keeps no answer (a 429 in n8n 1.123.81)", () => {
		const nodeApiError = Object.assign(
			new Error('The service is receiving too many requests from you'),
			{ httpCode: '429', description: 'Too many requests' },
		);
		expect(attemptFromError(nodeApiError)).toEqual({
			kind: 'response',
			statusCode: 429,
			body: undefined,
			headers: {},
		});
		expect(
			attemptFromError(Object.assign(new Error('no status'), { httpCode: null })),
		).toBeUndefined();
	});

	it('reads network failures', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(attemptFromError({ message: 'wrapped', cause: reset })).toEqual({
			kind: 'network',
			code: 'ECONNRESET',
			message: 'socket hang up',
		});
	});

	it('leaves alone what is not an answer or a network failure: a cancelled run, a missing credential', () => {
		expect(
			attemptFromError(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })),
		).toBeUndefined();
		expect(attemptFromError(new Error('Node does not have any credentials set'))).toBeUndefined();
	});
});

describe('attemptFromError: an OAuth2 renewal HubSpot refused is an authentication stop, not a network error', () => {
	it('reads the OAuth client error (HubSpot shape, body as text) as a 401 telling to reconnect', () => {
		const refused = Object.assign(new Error('HTTP status 400'), {
			code: 'ESTATUS',
			status: 400,
			body: '{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token","correlationId":"c-9"}',
		});
		const attempt = attemptFromError(new NodeApiError(fakeNode, refused as unknown as JsonObject));
		expect(attempt).toEqual({
			kind: 'response',
			statusCode: 401,
			headers: {},
			body: {
				status: 'error',
				category: 'INVALID_AUTHENTICATION',
				subCategory: 'BAD_REFRESH_TOKEN',
				message:
					'HubSpot refused to renew the OAuth2 access token (HTTP 400: BAD_REFRESH_TOKEN: missing or invalid refresh token). Reconnect the credential: open it in n8n and connect the HubSpot account again.',
				correlationId: 'c-9',
			},
		});
		expect(judgeAttempt(attempt!)).toEqual({ kind: 'fatal', reason: 'auth' });
	});

	it("reads n8n's own 'needs to be reconnected' error (OAuth invalid_grant) the same way", () => {
		const reconnect = new NodeOperationError(
			fakeNode,
			'The credential "HubSpot" needs to be reconnected.',
			{
				failure: { cause: 'credential-invalid' },
			} as never,
		);
		const attempt = attemptFromError(
			new NodeApiError(fakeNode, reconnect as unknown as JsonObject),
		);
		expect(attempt).toMatchObject({
			kind: 'response',
			statusCode: 401,
			body: { category: 'INVALID_AUTHENTICATION' },
		});
		expect((attempt as { body: { message: string } }).body.message).toMatch(
			/needs to be reconnected.*Reconnect the credential/,
		);
	});
});
