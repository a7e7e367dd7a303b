/**
 * The credential a run authenticates with (from the node's Authentication parameter), the host its
 * token may go to, and which rate limit its requests count in.
 */
import type { ICredentialsDecrypted, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';

export type HubSpotContext = IExecuteFunctions | ILoadOptionsFunctions;

/** The rate limits the process keeps a pacer for: the rolling window, and search's own. */
export type RateLimitName = 'window' | 'search';

export function credentialTypeOf(context: HubSpotContext): string {
	const authentication = context.getNodeParameter('authentication', 0, 'accessToken') as string;
	return authentication === 'oAuth2' ? 'hubSpotGoalTargetsOAuth2Api' : 'hubSpotGoalTargetsTokenApi';
}

/**
 * Which rate limit the run's requests count in, as far as this process can tell: the 10-second
 * window or search's own, of the credential (by its id, never its secret) on the host. Undefined
 * when the credential has no id.
 */
export function rateLimitKeyOf(
	context: HubSpotContext,
	type: string,
	baseUrl: string,
	limit: RateLimitName,
): string | undefined {
	const id = context.getNode().credentials?.[type]?.id;
	return id ? `${limit} ${type} ${id} ${baseUrl}` : undefined;
}

/**
 * The API host from the credential: HubSpot's own by default, a regional host or the sandbox
 * otherwise. A Base URL the token must not go to stops the node here, before any request.
 */
export async function baseUrlOf(context: HubSpotContext, type: string): Promise<string> {
	return (await runCredentialOf(context, type)).baseUrl;
}

/**
 * The Base URL, and for an access token the credential itself, read once for a run: n8n's helper
 * would otherwise read and decrypt it from its database for every request, one after the other,
 * which at a window's worth of requests at once costs seconds. n8n still applies it (and its
 * proxy settings) to each request. An OAuth2 credential is left to n8n, which refreshes its token.
 */
export async function runCredentialOf(
	context: HubSpotContext,
	type: string,
): Promise<{ baseUrl: string; credential?: ICredentialsDecrypted }> {
	const data = await context.getCredentials(type);
	const checked = checkBaseUrl(data.baseUrl);
	if (!checked.ok) throw new NodeOperationError(context.getNode(), checked.message);
	if (type !== 'hubSpotGoalTargetsTokenApi') return { baseUrl: checked.url };
	const { id, name } = context.getNode().credentials?.[type] ?? {};
	return { baseUrl: checked.url, credential: { id: id ?? '', name: name ?? '', type, data } };
}
