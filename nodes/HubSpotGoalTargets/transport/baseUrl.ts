/**
 * Where the token may go: the credential's Base URL, checked before any request. Only https://,
 * or plain http:// to this machine (the local sandbox); no user:password@ (a second secret that
 * would end up in messages and logs), no query or fragment (paths are appended to it).
 */
import type {
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	INodeProperties,
} from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** The rules, as the credential forms show them. */
export const BASE_URL_RULES =
	'https:// only (plain http:// only for localhost, 127.0.0.1 or [::1]); no user:password@, no ?query or #fragment';

/**
 * checkBaseUrl's rules as one pattern, for the credential test's URL expression (an expression
 * cannot call this module); a test holds the two in agreement.
 */
export const ALLOWED_BASE_URL =
	/^(https:\/\/[^/?#@\s]+|http:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?)(\/[^?#@\s]*)?$/i;

/**
 * The credential test's base URL: the configured one when the token may go there, otherwise an
 * address of no protocol, which the request helper refuses before connecting anywhere.
 */
export const TEST_BASE_URL_EXPRESSION =
	'={{ ' +
	`${ALLOWED_BASE_URL.toString()}.test(($credentials.baseUrl || "${DEFAULT_BASE_URL}").trim()) ` +
	`? ($credentials.baseUrl || "${DEFAULT_BASE_URL}").trim().replace(/\\/+$/, "") ` +
	': "refused-base-url:see-the-hint-under-base-url" }}';

/** The credential test follows no redirect either; these say why it failed when the Base URL redirects. */
export const REDIRECT_RULES: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map(
	(code) => ({
		type: 'responseCode',
		properties: {
			value: code,
			message: `The Base URL answered HTTP ${code}, a redirect to another address. The token is not sent there: set the Base URL to the host that serves HubSpot's API (https://api.hubapi.com unless HubSpot says otherwise).`,
		},
	}),
);

/** The Base URL field of both credentials. */
export const BASE_URL_PROPERTY: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: DEFAULT_BASE_URL,
	description: "HubSpot's API host. Change it only for a regional host or a local sandbox.",
	hint: BASE_URL_RULES,
};

/**
 * Both credentials' test: one goal target read (the read scope), from the Base URL when the token
 * may go there, following no redirect.
 */
export const CREDENTIAL_TEST: ICredentialTestRequest = {
	request: {
		baseURL: TEST_BASE_URL_EXPRESSION,
		url: '/crm/v3/objects/goal_targets',
		qs: { limit: 1 },
		disableFollowRedirect: true,
	},
	rules: REDIRECT_RULES,
};

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** `user:password@` right after the scheme (or at the start, without one). */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i;

/** The text with any `user:password@` taken out, for messages and logs. */
export function withoutUserinfo(text: string): string {
	return text.replace(USERINFO, '$1');
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The Base URL as requests use it (no trailing slash), or a message saying what is wrong with it. */
export function checkBaseUrl(configured: unknown): BaseUrlCheck {
	const text = typeof configured === 'string' ? configured.trim() : '';
	if (text === '') return { ok: true, url: DEFAULT_BASE_URL };
	const shown = withoutUserinfo(text);
	const refuse = (why: string): BaseUrlCheck => ({
		ok: false,
		message: `The credential's Base URL '${shown.length > 100 ? `${shown.slice(0, 100)}…` : shown}' ${why}`,
	});
	if (USERINFO.test(text)) {
		return refuse(
			'must not contain a user name or password (user:password@): the credential sends the token itself',
		);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return refuse(`is not a URL: use ${DEFAULT_BASE_URL} or your HubSpot API host`);
	}
	if (text.includes('?') || text.includes('#'))
		return refuse('must not contain a query (?…) or a fragment (#…)');
	if (url.protocol === 'http:') {
		if (!isLoopbackHost(url.hostname)) {
			return refuse(
				'must start with https://; plain http:// is allowed only for this machine (localhost, 127.0.0.1, [::1])',
			);
		}
	} else if (url.protocol !== 'https:') {
		return refuse('must start with https://');
	}
	return { ok: true, url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` };
}
