import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { requestErrorDetails } from '../engine/errors';
import type { HttpAttempt } from '../engine/retryPolicy';
import { checkBaseUrl } from './baseUrl';

type HubSpotContext = IExecuteFunctions | ILoadOptionsFunctions;

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
	baseUrl: string,
	limit: 'window' | 'search',
): string | undefined {
	const type = credentialTypeOf(context);
	const id = context.getNode().credentials?.[type]?.id;
	return id ? `${limit} ${type} ${id} ${baseUrl}` : undefined;
}

/**
 * The API host from the credential: HubSpot's own by default, a regional host or the sandbox
 * otherwise. A Base URL the token must not go to stops the node here, before any request.
 */
export async function baseUrlOf(context: HubSpotContext): Promise<string> {
	const credentials = await context.getCredentials(credentialTypeOf(context));
	const checked = checkBaseUrl(credentials.baseUrl);
	if (!checked.ok) throw new NodeOperationError(context.getNode(), checked.message);
	return checked.url;
}

export interface HubSpotRequest {
	method: IHttpRequestMethods;
	baseUrl: string;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	timeoutMs?: number;
	/** The execution's cancel signal: n8n aborts the request when the execution is cancelled. */
	abortSignal?: AbortSignal;
}

function plainHeaders(headers: unknown): Record<string, string> {
	if (typeof headers !== 'object' || headers === null) return {};
	const source =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
			: (headers as Record<string, unknown>);
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(source)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
}

function shortText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
}

/** The token endpoint's answer as the OAuth client kept it: parsed, or the raw JSON text. */
function tokenEndpointBody(body: unknown): Record<string, unknown> {
	if (typeof body === 'string') {
		try {
			return tokenEndpointBody(JSON.parse(body));
		} catch {
			return {};
		}
	}
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: {};
}

/**
 * An OAuth2 token endpoint's refusal to renew the access token, as n8n passes it on: the OAuth
 * client's error (code ESTATUS or EAUTH, with the endpoint's status and body, no `response`), or
 * n8n's own "needs to be reconnected" error (OAuth's invalid_grant).
 */
function refreshRefusal(candidate: {
	code?: unknown;
	response?: unknown;
	status?: unknown;
	body?: unknown;
	message?: unknown;
	failure?: unknown;
}): HttpAttempt | undefined {
	const reconnect =
		(candidate.failure as { cause?: unknown } | undefined)?.cause === 'credential-invalid';
	const fromOAuthClient =
		(candidate.code === 'ESTATUS' || candidate.code === 'EAUTH') &&
		candidate.response === undefined;
	if (!reconnect && !fromOAuthClient) return undefined;
	const body = tokenEndpointBody(candidate.body);
	const code = [body.status, body.error].find(
		(value) => typeof value === 'string' && /^[A-Za-z_]+$/.test(value),
	) as string | undefined;
	const own =
		typeof candidate.message === 'string' && !/^HTTP status \d+$/.test(candidate.message)
			? candidate.message
			: undefined;
	const said = shortText(body.message) ?? shortText(body.error_description) ?? shortText(own);
	const status = typeof candidate.status === 'number' ? `HTTP ${candidate.status}` : undefined;
	const detail = [status, code, said].filter((part) => part !== undefined).join(': ');
	return {
		// The API answered 401 to the expired token and the renewal failed: for the run it is a 401.
		kind: 'response',
		statusCode: 401,
		headers: {},
		body: {
			status: 'error',
			category: 'INVALID_AUTHENTICATION',
			subCategory: code ?? 'OAUTH_REFRESH_REFUSED',
			message:
				`HubSpot refused to renew the OAuth2 access token${detail ? ` (${detail})` : ''}. ` +
				'Reconnect the credential: open it in n8n and connect the HubSpot account again.',
			correlationId: shortText(body.correlationId),
		},
	};
}

/**
 * Reads what went wrong from an error thrown by n8n's request helper: the HTTP answer (status,
 * body, headers) or the network failure. Only those fields are kept: the error also carries the
 * request configuration, with the Authorization header, which must never leave the node.
 */
export function attemptFromError(error: unknown): HttpAttempt | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	let code: string | undefined;
	let message: string | undefined;
	let httpCode: string | undefined;
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const candidate = current as {
			response?: { status?: unknown; data?: unknown; headers?: unknown };
			code?: unknown;
			message?: unknown;
			cause?: unknown;
			status?: unknown;
			body?: unknown;
			failure?: unknown;
		};
		const refused = refreshRefusal(candidate);
		if (refused) return refused;
		const response = candidate.response;
		if (response && typeof response === 'object' && typeof response.status === 'number') {
			return {
				kind: 'response',
				statusCode: response.status,
				body: response.data,
				headers: plainHeaders(response.headers),
			};
		}
		const status = (candidate as { httpCode?: unknown }).httpCode;
		if (httpCode === undefined && typeof status === 'string' && /^\d{3}$/.test(status))
			httpCode = status;
		if (
			code === undefined &&
			typeof candidate.code === 'string' &&
			/^E[A-Z_]+$/.test(candidate.code)
		) {
			code = candidate.code;
			message = typeof candidate.message === 'string' ? candidate.message : code;
		}
		current = candidate.cause;
	}
	if (code === 'ERR_CANCELED') return undefined;
	if (code !== undefined) return { kind: 'network', code, message: message ?? code };
	// n8n 1.x's helper throws a NodeApiError that keeps only the status (e.g. "429"), not the answer:
	// still an answer from HubSpot, to be retried or reported like one.
	if (httpCode !== undefined)
		return { kind: 'response', statusCode: Number(httpCode), body: undefined, headers: {} };
	return undefined;
}

/**
 * The node's one HTTP call, through n8n's authenticated request helper (credential applied,
 * OAuth2 refreshed, proxy settings honoured). It returns every HTTP answer as data instead of
 * throwing, so the caller decides what to retry; errors that are not answers are rethrown.
 */
export async function hubSpotApiRequest(
	context: HubSpotContext,
	request: HubSpotRequest,
): Promise<HttpAttempt> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${request.baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		timeout: request.timeoutMs ?? 30_000,
		// n8n's helper would repeat the request, Authorization header included, wherever a
		// redirect points: the token goes to the configured host only.
		disableFollowRedirect: true,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;
	if (request.abortSignal !== undefined) options.abortSignal = request.abortSignal;
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialTypeOf(context),
			options,
		)) as { statusCode: number; body: unknown; headers: unknown };
		return {
			kind: 'response',
			statusCode: response.statusCode,
			body: response.body,
			headers: plainHeaders(response.headers),
		};
	} catch (error) {
		const attempt = attemptFromError(error);
		if (attempt?.kind === 'response' && attempt.statusCode >= 300 && attempt.statusCode < 400) {
			return redirectRefusal(request.baseUrl, attempt.statusCode, attempt.headers);
		}
		if (attempt) return attempt;
		// Not an answer from HubSpot (missing credential, cancelled run): n8n's own error, passed on.
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/**
 * A redirect, not followed: a configuration error naming where it pointed (its host only: a
 * Location may carry more than that).
 */
export function redirectRefusal(
	baseUrl: string,
	statusCode: number,
	headers: Record<string, string>,
): HttpAttempt {
	let target = 'a location it did not say';
	const location = headers.location;
	if (location) {
		try {
			target = new URL(location, `${baseUrl}/`).host || target;
		} catch {
			target = 'an unreadable location';
		}
	}
	const { location: _location, ...rest } = headers;
	return {
		kind: 'response',
		statusCode,
		headers: rest,
		body: {
			status: 'error',
			category: 'CONFIGURATION_ERROR',
			message:
				`The Base URL ${baseUrl} answered HTTP ${statusCode}, a redirect to ${target}. The node follows no redirects, ` +
				`so nothing was sent there: set the credential's Base URL to the host that serves HubSpot's API (https://api.hubapi.com unless HubSpot says otherwise).`,
		},
	};
}

/** A request whose answer must be 2xx JSON (property listing, for the editor); otherwise a clear NodeApiError. */
export async function hubSpotApiRequestJson(
	context: HubSpotContext,
	request: HubSpotRequest,
	/** Given the answer's headers, whatever its status (the pacer learns the window from them). */
	onHeaders?: (headers: Record<string, string>) => void,
): Promise<IDataObject> {
	const attempt = await hubSpotApiRequest(context, request);
	if (attempt.kind === 'response') onHeaders?.(attempt.headers);
	if (attempt.kind === 'network') {
		throw new NodeApiError(
			context.getNode(),
			{ message: attempt.message, code: attempt.code } as JsonObject,
			{
				message: `Could not reach HubSpot at ${request.baseUrl}: ${attempt.message}`,
			},
		);
	}
	if (
		attempt.statusCode >= 200 &&
		attempt.statusCode < 300 &&
		typeof attempt.body === 'object' &&
		attempt.body !== null
	) {
		return attempt.body as IDataObject;
	}
	const details = requestErrorDetails(attempt.statusCode, attempt.body);
	throw new NodeApiError(context.getNode(), { ...details } as JsonObject, {
		message: details.message,
		httpCode: String(attempt.statusCode),
		description: details.category ? `HubSpot category: ${details.category}` : undefined,
	});
}
