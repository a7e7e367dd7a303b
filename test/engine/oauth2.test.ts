import { runWorkflow } from '../../harness/runWorkflow';
import { fieldsParameters, upsertWorkflow } from '../../harness/workflows';
import type { Sandbox } from '../../sandbox';
import { basicProperties, goalRows, OUR_NODE_NAME, outputs, withSandbox } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await withSandbox();
});
afterAll(async () => await sandbox.close());

function oauthCredentials(accessToken: string) {
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
			oauthTokenData: { access_token: accessToken, refresh_token: sandbox.oauth.refreshToken, token_type: 'bearer' },
		},
	};
}

describe('OAuth2 credential', () => {
	it('refreshes an expired access token through n8n and writes with the new one', async () => {
		const expired = 'sandbox-expired-access-token';
		const result = await runWorkflow(
			upsertWorkflow(goalRows(2), fieldsParameters(basicProperties, { authentication: 'oAuth2' })),
			{ credentials: oauthCredentials(expired) },
		);
		expect(result.errorOf(OUR_NODE_NAME)).toBeUndefined();
		expect(outputs(result).success).toHaveLength(2);
		const refreshed = result.credentialsHelper.updatedOauthTokenData.at(-1)?.oauthTokenData as { access_token?: string } | undefined;
		expect(refreshed?.access_token).toBeTruthy();
		expect(refreshed?.access_token).not.toBe(expired);
		const serialized = JSON.stringify(result.run);
		expect(serialized).not.toContain(sandbox.oauth.clientSecret);
		expect(serialized).not.toContain(sandbox.oauth.refreshToken);
		expect(serialized).not.toContain(refreshed?.access_token);
	});
});
