import { runWorkflow } from '../../harness/runWorkflow';
import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import {
	basicProperties,
	errorOf,
	goalRows,
	OUR_NODE_NAME,
	outputs,
	pairedIndexes,
} from '../../testkit/workflowRun';
import { useSandbox } from '../../testkit/sandboxFixture';

const sandbox = useSandbox({ rateLimit: false });

function oauthCredentials(accessToken: string, refreshToken = sandbox.oauth.refreshToken) {
	return {
		hubSpotGoalTargetsOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: 'https://app.hubspot.com/oauth/authorize',
			accessTokenUrl: `${sandbox.url}/oauth/v1/token`,
			clientId: sandbox.oauth.clientId,
			clientSecret: sandbox.oauth.clientSecret,
			scope: 'crm.objects.goals.read crm.objects.goals.write oauth',
			authentication: 'body',
			baseUrl: sandbox.url,
			oauthTokenData: {
				access_token: accessToken,
				refresh_token: refreshToken,
				token_type: 'bearer',
			},
		},
	};
}

describe('OAuth2 credential', () => {
	it('refreshes an expired access token through n8n and writes with the new one', async () => {
		const expired = 'sandbox-expired-access-token';
		const result = await runWorkflow(
			nodeWorkflow(goalRows(2), fieldsParameters(basicProperties, { authentication: 'oAuth2' })),
			{ credentials: oauthCredentials(expired) },
		);
		expect(result.errorOf(OUR_NODE_NAME)).toBeUndefined();
		expect(outputs(result).success).toHaveLength(2);
		const refreshed = result.credentialsHelper.updatedOauthTokenData.at(-1)?.oauthTokenData as
			| { access_token?: string }
			| undefined;
		expect(refreshed?.access_token).toBeTruthy();
		expect(refreshed?.access_token).not.toBe(expired);
		const serialized = JSON.stringify(result.run);
		expect(serialized).not.toContain(sandbox.oauth.clientSecret);
		expect(serialized).not.toContain(sandbox.oauth.refreshToken);
		expect(serialized).not.toContain(refreshed?.access_token);
	});
});

describe('an OAuth2 credential whose refresh token HubSpot refuses', () => {
	const expired = 'sandbox-expired-access-token';
	const revoked = 'revoked-refresh-token';
	const reconnect =
		/^HubSpot refused to renew the OAuth2 access token \(HTTP 400: BAD_REFRESH_TOKEN: missing or invalid refresh token\)\. Reconnect the credential/;

	it('stops the run like a 401, telling the user to reconnect, after one refresh attempt (no retries)', async () => {
		const parameters = fieldsParameters(basicProperties, {
			authentication: 'oAuth2',
			options: { validateProperties: false },
		});
		const before = sandbox.counters();
		const result = await runWorkflow(nodeWorkflow(goalRows(8), parameters), {
			credentials: oauthCredentials(expired, revoked),
		});
		const error = result.errorOf(OUR_NODE_NAME) as (Error & { httpCode?: string }) | undefined;
		expect(error?.message).toMatch(reconnect);
		expect(error?.httpCode).toBe('401');
		const after = sandbox.counters();
		// One upsert answered 401, one refresh refused: nothing retried.
		expect(after.requests - before.requests).toBe(2);
		expect(after.responsesByStatus['400'] ?? 0).toBe(1);
		expect(JSON.stringify(result.run)).not.toContain(revoked);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.oauth.clientSecret);
	});

	it('continuing on error, every input goes to Error with the reconnect message', async () => {
		const parameters = fieldsParameters(basicProperties, {
			authentication: 'oAuth2',
			options: { validateProperties: false },
		});
		const result = await runWorkflow(
			nodeWorkflow(goalRows(3), parameters, { onError: 'continueErrorOutput' }),
			{
				credentials: oauthCredentials(expired, revoked),
			},
		);
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0, 1, 2]);
		for (const item of errors) {
			expect(errorOf(item)).toMatchObject({
				httpCode: '401',
				category: 'INVALID_AUTHENTICATION',
				subCategory: 'BAD_REFRESH_TOKEN',
			});
			expect(String(errorOf(item).message)).toMatch(reconnect);
		}
	});
});
