/**
 * What went wrong, read from an error thrown by n8n's request helper: the HTTP answer, the
 * network failure, or an OAuth2 renewal HubSpot refused.
 */
import type { HttpAttempt } from './httpAttempt';
import { isAnswerStream } from './answerSize';
import { isTlsFailure } from './tls';

/** Answer headers as a plain object, names in lower case. */
export function plainHeaders(headers: unknown): Record<string, string> {
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

/** A network failure's code: Node's (`ECONNRESET`, `ERR_…`) or OpenSSL's for certificates. */
const isFailureCode = (code: string) => /^E[A-Z_]+$/.test(code) || isTlsFailure(code);

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
	let contextData: unknown;
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
		if (httpCode === undefined && typeof status === 'string' && /^\d{3}$/.test(status)) {
			httpCode = status;
			contextData = (candidate as { context?: { data?: unknown } }).context?.data;
		}
		// n8n 1.x's NodeApiError keeps a network failure's code only as its `httpCode`.
		for (const found of [candidate.code, status]) {
			if (code === undefined && typeof found === 'string' && isFailureCode(found)) {
				code = found;
				message = typeof candidate.message === 'string' ? candidate.message : code;
			}
		}
		current = candidate.cause;
	}
	if (code === 'ERR_CANCELED') return undefined;
	if (code !== undefined) return { kind: 'network', code, message: message ?? code };
	// n8n 1.x's helper throws a NodeApiError that keeps only the status (e.g. "429") and, when it
	// was asked for a stream, the answer's body stream as `context.data`: still an answer from
	// HubSpot, to be retried or reported like one.
	if (httpCode !== undefined) {
		const body = isAnswerStream(contextData) ? contextData : undefined;
		return { kind: 'response', statusCode: Number(httpCode), body, headers: {} };
	}
	return undefined;
}
