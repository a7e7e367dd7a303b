import { Workflow } from 'n8n-workflow';

import { HubSpotGoalTargetsOAuth2Api } from '../../../credentials/HubSpotGoalTargetsOAuth2Api.credentials';
import { HubSpotGoalTargetsTokenApi } from '../../../credentials/HubSpotGoalTargetsTokenApi.credentials';
import { HarnessNodeTypes, NODE_TYPE } from '../../../harness/nodeTypes';
import {
	ALLOWED_BASE_URL,
	checkBaseUrl,
	withoutUserinfo,
} from '../../../nodes/HubSpotGoalTargets/transport/baseUrl';

const CASES = [
	'https://api.hubapi.com',
	'https://api.hubapi.com/',
	'https://api-eu1.hubapi.com:443/base',
	'http://127.0.0.1:3456',
	'http://localhost:3456/',
	'http://[::1]:3456',
	'http://api.hubapi.com',
	'http://localhost.evil.example',
	'http://10.0.0.5',
	'https://user:pw@api.hubapi.com',
	'https://api.hubapi.com/?a=1',
	'https://api.hubapi.com#x',
	'ftp://127.0.0.1',
	'api.hubapi.com',
];

describe('checkBaseUrl', () => {
	it.each([
		[undefined, 'https://api.hubapi.com'],
		['', 'https://api.hubapi.com'],
		['  https://api.hubapi.com/  ', 'https://api.hubapi.com'],
		['https://API.HubAPI.com', 'https://api.hubapi.com'],
		['https://api-eu1.hubapi.com', 'https://api-eu1.hubapi.com'],
		['https://proxy.example.com/hubspot//', 'https://proxy.example.com/hubspot'],
		['http://127.0.0.1:3456', 'http://127.0.0.1:3456'],
		['http://127.1.2.3', 'http://127.1.2.3'],
		['http://localhost:3456/', 'http://localhost:3456'],
		['http://[::1]:3456', 'http://[::1]:3456'],
	])('takes %p as %p', (configured, url) => {
		expect(checkBaseUrl(configured)).toEqual({ ok: true, url });
	});

	it.each([
		[
			'http://api.hubapi.com',
			"'http://api.hubapi.com' must start with https://; plain http:// is allowed only for this machine (localhost, 127.0.0.1, [::1])",
		],
		['http://localhost.evil.example', 'plain http:// is allowed only for this machine'],
		['http://10.0.0.5:3456', 'plain http:// is allowed only for this machine'],
		['http://[::ffff:7f00:1]', 'plain http:// is allowed only for this machine'],
		['ftp://api.hubapi.com', "'ftp://api.hubapi.com' must start with https://"],
		[
			'https://user:s3cret@api.hubapi.com',
			"'https://api.hubapi.com' must not contain a user name or password (user:password@)",
		],
		[
			'https://token@api.hubapi.com',
			"'https://api.hubapi.com' must not contain a user name or password",
		],
		['user:s3cret@api.hubapi.com', "'api.hubapi.com' must not contain a user name or password"],
		['https://api.hubapi.com/?hapikey=1', 'must not contain a query (?…) or a fragment (#…)'],
		['https://api.hubapi.com?', 'must not contain a query'],
		['https://api.hubapi.com/#top', 'must not contain a query (?…) or a fragment'],
		[
			'api.hubapi.com',
			"'api.hubapi.com' is not a URL: use https://api.hubapi.com or your HubSpot API host",
		],
	])('refuses %p with a clear message', (configured, message) => {
		const checked = checkBaseUrl(configured);
		expect(checked.ok).toBe(false);
		if (!checked.ok) {
			expect(checked.message).toContain(message);
			expect(checked.message).toMatch(/^The credential's Base URL '/);
			expect(checked.message).not.toContain('s3cret');
		}
	});

	it('never shows user info', () => {
		expect(withoutUserinfo('https://a:b@host/x')).toBe('https://host/x');
		expect(withoutUserinfo('a:b@host')).toBe('host');
		expect(withoutUserinfo('https://host/x@y')).toBe('https://host/x@y');
	});
});

describe('the access token credential', () => {
	const credential = new HubSpotGoalTargetsTokenApi();
	const authenticate = credential.authenticate as (
		c: object,
		o: object,
	) => Promise<{ headers?: Record<string, string> }>;

	it('adds the token as a Bearer header for a Base URL it may go to', async () => {
		const options = await authenticate(
			{ accessToken: 'pat-1', baseUrl: 'https://api.hubapi.com' },
			{ url: '/x', headers: { a: '1' } },
		);
		expect(options.headers).toEqual({ a: '1', Authorization: 'Bearer pat-1' });
	});

	it('refuses to authenticate any request, the credential test included, for a Base URL it must not go to', async () => {
		await expect(
			authenticate({ accessToken: 'pat-1', baseUrl: 'http://evil.example' }, { url: '/x' }),
		).rejects.toThrow("The credential's Base URL 'http://evil.example' must start with https://");
		await expect(
			authenticate({ accessToken: 'pat-1', baseUrl: 'https://u:pw@api.hubapi.com' }, { url: '/x' }),
		).rejects.toThrow(
			/^The credential's Base URL 'https:\/\/api.hubapi.com' must not contain a user name or password/,
		);
	});

	it('tests without following redirects, and says why a redirect fails the test', () => {
		expect(credential.test.request.disableFollowRedirect).toBe(true);
		expect(credential.test.rules?.map((rule) => rule.properties.value)).toEqual([
			301, 302, 303, 307, 308,
		]);
	});
});

describe("the credential test's URL expression", () => {
	/** Evaluates an expression the way n8n does for a credential test (RoutingNode, $credentials set). */
	function evaluate(expression: string, credentials: object): unknown {
		const node = {
			id: '1',
			name: 'Temp-Node',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new HarnessNodeTypes(),
		});
		return workflow.expression.getParameterValue(
			expression,
			null,
			0,
			0,
			node.name,
			[],
			'internal',
			{
				$credentials: credentials,
			} as never,
		);
	}

	it.each(CASES)('agrees with checkBaseUrl on %p', (configured) => {
		const checked = checkBaseUrl(configured);
		expect(ALLOWED_BASE_URL.test(configured)).toBe(checked.ok);
	});

	it.each([new HubSpotGoalTargetsTokenApi(), new HubSpotGoalTargetsOAuth2Api()])(
		'$name: tests at the Base URL, or at no address at all',
		(credential) => {
			const expression = credential.test!.request.baseURL as string;
			expect(evaluate(expression, { baseUrl: 'http://127.0.0.1:3456/' })).toBe(
				'http://127.0.0.1:3456',
			);
			expect(evaluate(expression, { baseUrl: '' })).toBe('https://api.hubapi.com');
			for (const refused of [
				'http://evil.example',
				'https://u:pw@api.hubapi.com',
				'https://api.hubapi.com/?x=1',
			]) {
				expect(evaluate(expression, { baseUrl: refused })).toBe(
					'refused-base-url:see-the-hint-under-base-url',
				);
			}
			expect(credential.test!.request.disableFollowRedirect).toBe(true);
		},
	);
});
