import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { requestErrorDetails } from '../helpers/errors';
import type { HttpAttempt } from '../helpers/retryPolicy';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

type HubSpotContext = IExecuteFunctions | ILoadOptionsFunctions;

export function credentialTypeOf(context: HubSpotContext): string {
	const authentication = context.getNodeParameter('authentication', 0, 'accessToken') as string;
	return authentication === 'oAuth2' ? 'hubSpotGoalTargetsOAuth2Api' : 'hubSpotGoalTargetsTokenApi';
}

/** The API host from the credential: HubSpot's own by default, a regional host or the sandbox otherwise. */
export async function baseUrlOf(context: HubSpotContext): Promise<string> {
	const credentials = await context.getCredentials(credentialTypeOf(context));
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export interface HubSpotRequest {
	method: IHttpRequestMethods;
	baseUrl: string;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	timeoutMs?: number;
}

function plainHeaders(headers: unknown): Record<string, string> {
	if (typeof headers !== 'object' || headers === null) return {};
	const source = typeof (headers as { toJSON?: unknown }).toJSON === 'function'
		? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
		: (headers as Record<string, unknown>);
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(source)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
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
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const candidate = current as {
			response?: { status?: unknown; data?: unknown; headers?: unknown };
			code?: unknown;
			message?: unknown;
			cause?: unknown;
		};
		const response = candidate.response;
		if (response && typeof response === 'object' && typeof response.status === 'number') {
			return { kind: 'response', statusCode: response.status, body: response.data, headers: plainHeaders(response.headers) };
		}
		if (code === undefined && typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
			code = candidate.code;
			message = typeof candidate.message === 'string' ? candidate.message : code;
		}
		current = candidate.cause;
	}
	if (code === undefined || code === 'ERR_CANCELED') return undefined;
	return { kind: 'network', code, message: message ?? code };
}

/**
 * The node's one HTTP call, through n8n's authenticated request helper (credential applied,
 * OAuth2 refreshed, proxy settings honoured). It returns every HTTP answer as data instead of
 * throwing, so the caller decides what to retry; errors that are not answers are rethrown.
 */
export async function hubSpotApiRequest(context: HubSpotContext, request: HubSpotRequest): Promise<HttpAttempt> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${request.baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		timeout: request.timeoutMs ?? 30_000,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.qs !== undefined) options.qs = request.qs;
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialTypeOf(context),
			options,
		)) as { statusCode: number; body: unknown; headers: unknown };
		return { kind: 'response', statusCode: response.statusCode, body: response.body, headers: plainHeaders(response.headers) };
	} catch (error) {
		const attempt = attemptFromError(error);
		if (attempt) return attempt;
		// Not an answer from HubSpot (missing credential, cancelled run): n8n's own error, passed on.
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}

/** A request whose answer must be 2xx JSON (property listing, for the editor); otherwise a clear NodeApiError. */
export async function hubSpotApiRequestJson(context: HubSpotContext, request: HubSpotRequest): Promise<IDataObject> {
	const attempt = await hubSpotApiRequest(context, request);
	if (attempt.kind === 'network') {
		throw new NodeApiError(context.getNode(), { message: attempt.message, code: attempt.code } as JsonObject, {
			message: `Could not reach HubSpot at ${request.baseUrl}: ${attempt.message}`,
		});
	}
	if (attempt.statusCode >= 200 && attempt.statusCode < 300 && typeof attempt.body === 'object' && attempt.body !== null) {
		return attempt.body as IDataObject;
	}
	const details = requestErrorDetails(attempt.statusCode, attempt.body);
	throw new NodeApiError(context.getNode(), { ...details } as JsonObject, {
		message: details.message,
		httpCode: String(attempt.statusCode),
		description: details.category ? `HubSpot category: ${details.category}` : undefined,
	});
}
