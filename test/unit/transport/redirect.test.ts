import { judgeAttempt } from '../../../nodes/HubSpotGoalTargets/engine/retryPolicy';
import { redirectRefusal } from '../../../nodes/HubSpotGoalTargets/transport/redirect';

describe('redirectRefusal', () => {
	it('names only the host of the Location, and stops the run', () => {
		const attempt = redirectRefusal('https://api.hubapi.com', 307, {
			location: 'https://user:pw@other.example:8443/path?token=abc',
			'x-other': '1',
		});
		expect(attempt).toMatchObject({
			kind: 'response',
			statusCode: 307,
			headers: { 'x-other': '1' },
		});
		const { message } = (attempt as { body: { message: string } }).body;
		expect(message).toContain('answered HTTP 307, a redirect to other.example:8443.');
		expect(message).not.toMatch(/pw|token=abc|path/);
		expect(judgeAttempt(attempt)).toEqual({ kind: 'fatal', reason: 'auth' });
	});

	it('reads a relative Location against the Base URL', () => {
		const attempt = redirectRefusal('http://127.0.0.1:4000', 302, { location: '/elsewhere' });
		expect((attempt as { body: { message: string } }).body.message).toContain(
			'a redirect to 127.0.0.1:4000.',
		);
	});
});
