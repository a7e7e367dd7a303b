/**
 * The credential tests in a real n8n keep the token at the configured host: a Base URL that
 * redirects (to a second local server that records any request) and Base URLs the node refuses
 * (user info, a query) fail the test, and nothing reaches another host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../sandbox';
import type { Checks } from './util';

type CredentialTest = (
	id: string,
	type: string,
	data?: Record<string, unknown>,
) => Promise<{ status?: string; message?: string }>;

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

export async function credentialSafetyChecks(
	L: string,
	checks: Checks,
	test: CredentialTest,
	ids: { token: string; oauth: string },
	storedOAuth: Record<string, unknown>,
	sandbox: Sandbox,
): Promise<void> {
	const reached: Array<string | undefined> = [];
	const elsewhere = createServer((request, response) => {
		reached.push(request.headers.authorization);
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"results":[]}');
	});
	const elsewherePort = await listen(elsewhere);
	const redirector = createServer((request, response) => {
		response.writeHead(307, { location: `http://127.0.0.1:${elsewherePort}${request.url}` });
		response.end();
	});
	const redirectUrl = `http://127.0.0.1:${await listen(redirector)}`;
	try {
		const token = await test(ids.token, 'hubSpotGoalTargetsTokenApi', {
			accessToken: sandbox.tokens.readWrite,
			baseUrl: redirectUrl,
		});
		checks.check(
			`${L}: credential test fails for a Base URL that redirects, saying so`,
			token.status === 'Error' && /redirect/i.test(String(token.message)),
			JSON.stringify(token),
		);
		const oauth = await test(ids.oauth, 'hubSpotGoalTargetsOAuth2Api', {
			...storedOAuth,
			baseUrl: redirectUrl,
		});
		checks.check(
			`${L}: OAuth2 credential test fails for a Base URL that redirects`,
			oauth.status === 'Error',
			JSON.stringify(oauth),
		);
		checks.check(
			`${L}: nothing reached the redirect's host`,
			reached.length === 0,
			JSON.stringify(reached),
		);

		const port = new URL(sandbox.url).port;
		const before = sandbox.counters().requests;
		const userinfo = await test(ids.token, 'hubSpotGoalTargetsTokenApi', {
			accessToken: sandbox.tokens.readWrite,
			baseUrl: `http://user:e2e-secret-pw@127.0.0.1:${port}`,
		});
		checks.check(
			`${L}: credential test refuses a Base URL with user:password@, without showing it`,
			userinfo.status === 'Error' &&
				/must not contain a user name or password/.test(String(userinfo.message)) &&
				!String(userinfo.message).includes('e2e-secret-pw'),
			JSON.stringify(userinfo),
		);
		const query = await test(ids.oauth, 'hubSpotGoalTargetsOAuth2Api', {
			...storedOAuth,
			baseUrl: `http://127.0.0.1:${port}/?x=1`,
		});
		checks.check(
			`${L}: OAuth2 credential test fails for a Base URL with a query`,
			query.status === 'Error',
			JSON.stringify(query),
		);
		checks.check(
			`${L}: refused Base URLs sent nothing`,
			sandbox.counters().requests === before,
			`${sandbox.counters().requests - before} requests`,
		);
	} finally {
		for (const server of [elsewhere, redirector])
			await new Promise((resolve) => server.close(resolve));
	}
}
