import { call, key, upsert } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

interface ErrorBody {
	status: string;
	category: string;
	message: string;
	correlationId: string;
	errors?: Array<{ message: string; context?: Record<string, string[]> }>;
	links?: Record<string, string>;
}
interface TokenBody {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	token_type: string;
	token_use: string;
	scopes: string[];
}

const sb = useSandbox({ rateLimit: false }, { restore: { oauthTokenTtlSec: 1800 } });

const form = (
	fields: Record<string, string>,
): { rawBody: string; headers: Record<string, string>; token: null } => ({
	rawBody: new URLSearchParams(fields).toString(),
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	token: null,
});

describe('tokens', () => {
	test('test tokens are obviously fake', () => {
		for (const t of Object.values(sb.tokens))
			expect(t).not.toMatch(/pat-(na|eu|ap)[0-9]-[0-9a-f]{8}-/);
		expect(sb.tokens.readWrite).not.toBe(sb.tokens.readOnly);
	});

	test('401 INVALID_AUTHENTICATION without a token or with an unknown one', async () => {
		for (const token of [null, 'pat-sandbox-unknown-token']) {
			const res = await call<ErrorBody>(sb, 'GET', '/crm/v3/objects/goal_targets?limit=1', {
				token,
			});
			expect(res.status).toBe(401);
			expect(res.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
			expect(res.body.message).toMatch(/^Authentication credentials not found/);
			expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
			expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull();
		}
		const res = await upsert(sb, [key('a')], null);
		expect(res.status).toBe(401);
		expect(sb.store.size).toBe(0);
	});

	test('read-only token: list and properties work, upsert is 403 MISSING_SCOPES', async () => {
		expect(
			(await call(sb, 'GET', '/crm/v3/objects/goal_targets?limit=1', { token: sb.tokens.readOnly }))
				.status,
		).toBe(200);
		expect(
			(await call(sb, 'GET', '/crm/v3/properties/goal_targets', { token: sb.tokens.readOnly }))
				.status,
		).toBe(200);
		const res = await upsert<ErrorBody>(sb, [key('a')], sb.tokens.readOnly);
		expect(res.status).toBe(403);
		expect(res.body).toMatchObject({
			status: 'error',
			category: 'MISSING_SCOPES',
			errors: [
				{
					message: 'One or more of the following scopes are required.',
					context: { requiredGranularScopes: ['crm.objects.goals.write'] },
				},
			],
		});
		expect(res.body.message).toMatch(
			/^This app hasn't been granted all required scopes to make this call\. Read more about required scopes here: /,
		);
		expect(res.body.links).toBeDefined();
		expect(sb.store.size).toBe(0);
	});

	test('the read+write token may upsert and list (credential test call)', async () => {
		expect((await upsert(sb, [key('a')])).status).toBe(200);
		const res = await call<{ results: unknown[] }>(
			sb,
			'GET',
			'/crm/v3/objects/goal_targets?limit=1',
		);
		expect(res.status).toBe(200);
		expect(res.body.results).toHaveLength(1);
	});
});

describe('routing', () => {
	test.each([
		['GET', '/crm/v3/objects/contacts'],
		['GET', '/crm/v4/objects/goal_targets'],
		['POST', '/crm/v3/objects/goal_targets/batch/merge'],
		['PUT', '/crm/v3/objects/goal_targets/1'],
		['GET', '/crm/objects/2026-03/contacts'],
		['POST', '/crm/objects/2026-06/goal_targets/search'],
		['GET', '/crm/objects/2026-09/0-3/1'],
		['GET', '/'],
	])('%s %s is 404 with a HubSpot error body', async (method, path) => {
		const res = await call<ErrorBody>(sb, method, path);
		expect(res.status).toBe(404);
		expect(res.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
		expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('POST /oauth/v1/token', () => {
	const { clientId, clientSecret, refreshToken } = {
		clientId: 'sandbox-oauth-client-id',
		clientSecret: 'sandbox-oauth-client-secret',
		refreshToken: 'sandbox-oauth-refresh-token',
	};

	test('the Sandbox object exposes the OAuth test client', () => {
		expect(sb.oauth).toEqual({ clientId, clientSecret, refreshToken });
	});

	test('refresh_token grant returns an access token the API accepts with read+write scopes', async () => {
		const res = await call<TokenBody>(
			sb,
			'POST',
			'/oauth/v1/token',
			form({
				grant_type: 'refresh_token',
				client_id: clientId,
				client_secret: clientSecret,
				refresh_token: refreshToken,
			}),
		);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			token_type: 'bearer',
			refresh_token: refreshToken,
			expires_in: 1800,
			token_use: 'access_token',
		});
		expect(res.body.scopes).toEqual(
			expect.arrayContaining(['crm.objects.goals.read', 'crm.objects.goals.write']),
		);
		const up = await upsert(sb, [key('oauth-1')], res.body.access_token);
		expect(up.status).toBe(200);
		expect(up.headers.get('x-hubspot-ratelimit-daily')).toBeNull(); // HubSpot sends no daily headers to OAuth apps
		expect(
			(await call(sb, 'GET', '/crm/v3/objects/goal_targets', { token: res.body.access_token }))
				.status,
		).toBe(200);
	});

	test('authorization_code grant (client id/secret via HTTP Basic) works too', async () => {
		const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
		const f = form({
			grant_type: 'authorization_code',
			code: 'any-code',
			redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback',
		});
		const res = await call<TokenBody>(sb, 'POST', '/oauth/v1/token', {
			...f,
			headers: { ...f.headers, Authorization: `Basic ${basic}` },
		});
		expect(res.status).toBe(200);
		expect(res.body.access_token).toMatch(/^sandbox-oauth-access-/);
	});

	test.each([
		['BAD_GRANT_TYPE', { grant_type: 'password' }],
		[
			'BAD_CLIENT_ID',
			{
				grant_type: 'refresh_token',
				client_id: 'nope',
				client_secret: clientSecret,
				refresh_token: refreshToken,
			},
		],
		[
			'BAD_CLIENT_SECRET',
			{
				grant_type: 'refresh_token',
				client_id: clientId,
				client_secret: 'nope',
				refresh_token: refreshToken,
			},
		],
		[
			'BAD_REFRESH_TOKEN',
			{
				grant_type: 'refresh_token',
				client_id: clientId,
				client_secret: clientSecret,
				refresh_token: 'nope',
			},
		],
		[
			'BAD_AUTH_CODE',
			{
				grant_type: 'authorization_code',
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uri: 'http://x',
			},
		],
	])('400 %s', async (status, fields) => {
		const res = await call<ErrorBody>(
			sb,
			'POST',
			'/oauth/v1/token',
			form(fields as Record<string, string>),
		);
		expect(res.status).toBe(400);
		expect(res.body.status).toBe(status);
		expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('an expired access token is 401 "The OAuth token used to make this call expired ..."', async () => {
		sb.configure({ oauthTokenTtlSec: 0 });
		const res = await call<TokenBody>(
			sb,
			'POST',
			'/oauth/v1/token',
			form({
				grant_type: 'refresh_token',
				client_id: clientId,
				client_secret: clientSecret,
				refresh_token: refreshToken,
			}),
		);
		expect(res.body.expires_in).toBe(0);
		const api = await call<ErrorBody>(sb, 'GET', '/crm/v3/objects/goal_targets', {
			token: res.body.access_token,
		});
		expect(api.status).toBe(401);
		expect(api.body.category).toBe('INVALID_AUTHENTICATION');
		expect(api.body.message).toMatch(
			/^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/,
		);
	});
});
