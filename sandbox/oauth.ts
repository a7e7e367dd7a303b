/**
 * POST /oauth/v1/token (oauth-v1.json): grant_type refresh_token or authorization_code, form-encoded body
 * (client_secret / refresh_token may also come as query parameters, as the spec lists them; client id/secret
 * may come as HTTP Basic auth). Returns AccessTokenResponse. Errors use HubSpot's OAuth `status` codes
 * (BAD_CLIENT_ID, BAD_REFRESH_TOKEN, ...) plus a `category` so they also fit the default Error schema.
 */
import { apiError, HubSpotError } from './errors';
import { SANDBOX_HUB_ID, TokenRegistry } from './auth';
import { SANDBOX_USER_ID } from './store';

export interface AccessTokenResponse {
	token_type: 'bearer';
	access_token: string;
	refresh_token: string;
	expires_in: number;
	token_use: 'access_token';
	hub_id: number;
	user_id: number;
	scopes: string[];
}

export type TokenOutcome =
	| { status: 200; body: AccessTokenResponse }
	| { status: 400; body: HubSpotError };

function oauthError(code: string, message: string): TokenOutcome {
	// HubSpot's OAuth errors put the error code into `status`.
	return { status: 400, body: { ...apiError('VALIDATION_ERROR', message), status: code } };
}

function basicCredentials(authorization: string | undefined): { id?: string; secret?: string } {
	const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
	if (!m) return {};
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	return i < 0
		? {}
		: {
				id: decodeURIComponent(decoded.slice(0, i)),
				secret: decodeURIComponent(decoded.slice(i + 1)),
			};
}

export function handleTokenRequest(
	rawBody: string,
	query: URLSearchParams,
	authorization: string | undefined,
	registry: TokenRegistry,
	ttlSec: number,
): TokenOutcome {
	const form = new URLSearchParams(rawBody);
	const get = (k: string): string | undefined => form.get(k) ?? query.get(k) ?? undefined;
	const basic = basicCredentials(authorization);
	const clientId = get('client_id') ?? basic.id;
	const clientSecret = get('client_secret') ?? basic.secret;
	const grantType = get('grant_type');

	if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
		return oauthError(
			'BAD_GRANT_TYPE',
			'missing or unsupported grant_type (use refresh_token or authorization_code)',
		);
	}
	if (clientId !== registry.oauth.clientId)
		return oauthError('BAD_CLIENT_ID', 'missing or invalid client_id');
	if (clientSecret !== registry.oauth.clientSecret)
		return oauthError('BAD_CLIENT_SECRET', 'missing or invalid client_secret');
	if (grantType === 'refresh_token') {
		if (get('refresh_token') !== registry.oauth.refreshToken) {
			return oauthError('BAD_REFRESH_TOKEN', 'missing or invalid refresh token');
		}
	} else {
		// Any non-empty code is accepted: the sandbox has no authorize page that would mint one.
		if (!get('code')) return oauthError('BAD_AUTH_CODE', 'missing or unknown auth code');
		if (!get('redirect_uri'))
			return oauthError('BAD_REDIRECT_URI', 'missing or mismatched redirect_uri');
	}
	const issued = registry.issueAccessToken(ttlSec);
	return {
		status: 200,
		body: {
			token_type: 'bearer',
			access_token: issued.token,
			refresh_token: registry.oauth.refreshToken,
			expires_in: issued.expiresIn,
			token_use: 'access_token',
			hub_id: SANDBOX_HUB_ID,
			user_id: Number(SANDBOX_USER_ID),
			scopes: issued.scopes,
		},
	};
}
