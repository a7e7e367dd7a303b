import { attemptFromError } from '../../nodes/HubSpotGoalTargets/transport';

describe('attemptFromError', () => {
	it('reads the HTTP answer from an axios error wrapped by n8n, without the request config', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 429'), {
			code: 'ERR_BAD_REQUEST',
			config: { headers: { Authorization: 'Bearer secret-token' } },
			response: { status: 429, data: { policyName: 'TEN_SECONDLY_ROLLING' }, headers: { 'Retry-After': '1', 'X-HubSpot-RateLimit-Max': '100' } },
		});
		const wrapped = Object.assign(new Error('The service is receiving too many requests'), { cause: axiosError });
		const attempt = attemptFromError(wrapped);
		expect(attempt).toEqual({
			kind: 'response',
			statusCode: 429,
			body: { policyName: 'TEN_SECONDLY_ROLLING' },
			headers: { 'retry-after': '1', 'x-hubspot-ratelimit-max': '100' },
		});
		expect(JSON.stringify(attempt)).not.toContain('secret-token');
	});

	it('reads network failures', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(attemptFromError({ message: 'wrapped', cause: reset })).toEqual({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up' });
	});

	it('leaves alone what is not an answer or a network failure: a cancelled run, a missing credential', () => {
		expect(attemptFromError(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' }))).toBeUndefined();
		expect(attemptFromError(new Error('Node does not have any credentials set'))).toBeUndefined();
	});
});
