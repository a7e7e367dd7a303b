/**
 * The token goes to the credential's Base URL and nowhere else, with real local servers: one that
 * answers every request with a redirect to a second one, on another port, which records whether
 * an Authorization header reached it. And a Base URL the token must not go to is refused before
 * any request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { loadOptionsContext } from '../../harness/loadOptions';
import { loadOwnNode } from '../../harness/nodeTypes';
import { runWorkflow } from '../../harness/runWorkflow';
import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import { basicProperties, goalRows, OUR_NODE_NAME } from '../../testkit/workflowRun';

const TOKEN = 'pat-na1-redirect-test-token';

interface Recorder {
	server: Server;
	port: number;
	requests: Array<{ method?: string; url?: string; authorization?: string }>;
}

async function listen(
	handler: (recorder: Recorder, request: IncomingMessage, response: ServerResponse) => void,
): Promise<Recorder> {
	const recorder = { requests: [] } as unknown as Recorder;
	recorder.server = createServer((request, response) => {
		recorder.requests.push({
			method: request.method,
			url: request.url,
			authorization: request.headers.authorization,
		});
		request.resume();
		handler(recorder, request, response);
	});
	await new Promise<void>((resolve) => recorder.server.listen(0, '127.0.0.1', resolve));
	recorder.port = (recorder.server.address() as AddressInfo).port;
	return recorder;
}

let elsewhere: Recorder;
let redirecting: Recorder;
let redirectStatus = 307;

beforeAll(async () => {
	// The second host: answers like HubSpot would, so a followed redirect would look like success.
	elsewhere = await listen((_recorder, _request, response) => {
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ status: 'COMPLETE', results: [] }));
	});
	redirecting = await listen((_recorder, request, response) => {
		response.writeHead(redirectStatus, {
			location: `http://127.0.0.1:${elsewhere.port}${request.url}`,
		});
		response.end();
	});
});
afterAll(async () => {
	for (const { server } of [elsewhere, redirecting])
		await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	elsewhere.requests.length = 0;
	redirecting.requests.length = 0;
});

function tokenCredential(baseUrl: string): Record<string, ICredentialDataDecryptedObject> {
	return { hubSpotGoalTargetsTokenApi: { accessToken: TOKEN, baseUrl } };
}

function oauthCredential(baseUrl: string): Record<string, ICredentialDataDecryptedObject> {
	return {
		hubSpotGoalTargetsOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: 'https://app.hubspot.com/oauth/authorize',
			accessTokenUrl: `${baseUrl}/oauth/v1/token`,
			clientId: 'client-id',
			clientSecret: 'client-secret',
			scope: 'crm.objects.goals.read crm.objects.goals.write oauth',
			authentication: 'body',
			baseUrl,
			oauthTokenData: { access_token: TOKEN, refresh_token: 'refresh-token', token_type: 'bearer' },
		},
	};
}

describe('a Base URL that answers with a redirect', () => {
	it.each([
		[307, 'accessToken', false],
		[302, 'accessToken', true],
		[307, 'oAuth2', false],
		[302, 'oAuth2', true],
	])(
		'HTTP %i, %s credential, value checks %p: the run stops naming the host, nothing reaches it',
		async (status, authentication, validateProperties) => {
			redirectStatus = status;
			const baseUrl = `http://127.0.0.1:${redirecting.port}`;
			const credentials =
				authentication === 'oAuth2' ? oauthCredential(baseUrl) : tokenCredential(baseUrl);
			const parameters = fieldsParameters(basicProperties, {
				authentication,
				options: { validateProperties },
			});
			const result = await runWorkflow(nodeWorkflow(goalRows(3), parameters), { credentials });

			const error = result.errorOf(OUR_NODE_NAME);
			expect(error?.message).toContain(
				`answered HTTP ${status}, a redirect to 127.0.0.1:${elsewhere.port}`,
			);
			expect(error?.message).toContain('The node follows no redirects, so nothing was sent there');
			expect(elsewhere.requests).toEqual([]);
			// Not retried: a redirect is a configuration error, the same for every request.
			expect(redirecting.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
			expect(redirecting.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
			expect(JSON.stringify(result.run)).not.toContain(TOKEN);
		},
	);

	it('in the editor, the ID Property dropdown fails with the same message and sends nothing elsewhere', async () => {
		redirectStatus = 301;
		const context = loadOptionsContext(
			{ authentication: 'accessToken' },
			tokenCredential(`http://127.0.0.1:${redirecting.port}`),
		);
		const node = loadOwnNode();
		await expect(node.methods!.loadOptions!.getUniqueProperties.call(context)).rejects.toThrow(
			`a redirect to 127.0.0.1:${elsewhere.port}`,
		);
		expect(elsewhere.requests).toEqual([]);
	});
});

describe('the Base URL is checked before any request', () => {
	it.each([
		[
			`http://user:s3cret-pw@127.0.0.1:PORT`,
			'must not contain a user name or password (user:password@)',
			"'http://127.0.0.1:PORT'",
		],
		[
			`http://127.0.0.1:PORT/?hapikey=abc`,
			'must not contain a query (?…) or a fragment (#…)',
			"'http://127.0.0.1:PORT/?hapikey=abc'",
		],
		[`http://127.0.0.1:PORT#x`, 'must not contain a query', "'http://127.0.0.1:PORT#x'"],
		[`ftp://127.0.0.1:PORT`, 'must start with https://', "'ftp://127.0.0.1:PORT'"],
	])(
		'%s: a clear error, no request, no user info in messages or logs',
		async (template, why, shown) => {
			const baseUrl = template.replace('PORT', String(redirecting.port));
			for (const authentication of ['accessToken', 'oAuth2']) {
				const credentials =
					authentication === 'oAuth2' ? oauthCredential(baseUrl) : tokenCredential(baseUrl);
				const parameters = fieldsParameters(basicProperties, { authentication });
				const result = await runWorkflow(nodeWorkflow(goalRows(2), parameters), { credentials });
				const message = result.errorOf(OUR_NODE_NAME)?.message;
				expect(message).toContain(
					`The credential's Base URL ${shown.replace('PORT', String(redirecting.port))} ${why}`,
				);
				expect(JSON.stringify(result.run)).not.toContain('s3cret-pw');
				expect(JSON.stringify(result.logger.entries)).not.toContain('s3cret-pw');
			}
			expect(redirecting.requests).toEqual([]);
		},
	);
});
