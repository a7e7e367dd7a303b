/**
 * HubSpot error bodies. Whole-request errors follow the default `Error` schema
 * (category, correlationId, message; optional context, links, errors[], subCategory) plus HubSpot's
 * `status: "error"`. Per-input errors inside a 207 follow `StandardError`.
 */
import { randomUUID } from 'node:crypto';

export interface ErrorDetail {
	message: string;
	code?: string;
	in?: string;
	context?: Record<string, string[]>;
	subCategory?: string;
}

export interface HubSpotError {
	/** 'error' for API errors; the OAuth endpoint puts its error code here (e.g. BAD_REFRESH_TOKEN). */
	status: string;
	message: string;
	correlationId: string;
	category: string;
	subCategory?: string;
	context?: Record<string, string[]>;
	errors?: ErrorDetail[];
	links?: Record<string, string>;
	[extra: string]: unknown;
}

export interface StandardError {
	status: string;
	category: string;
	message: string;
	context: Record<string, string[]>;
	errors: ErrorDetail[];
	links: Record<string, string>;
	id?: string;
}

/** What HubSpot's property validation reports for one property, serialised into messages. */
export interface PropertyValidationResult {
	isValid: false;
	message: string;
	error: string;
	name: string;
}

export const newCorrelationId = (): string => randomUUID();

export interface ErrorExtras {
	correlationId?: string;
	subCategory?: string;
	context?: Record<string, string[]>;
	errors?: ErrorDetail[];
	links?: Record<string, string>;
	/** 429 bodies */
	errorType?: string;
	policyName?: string;
}

export function apiError(category: string, message: string, extra: ErrorExtras = {}): HubSpotError {
	return { status: 'error', message, correlationId: newCorrelationId(), category, ...extra };
}

/** HubSpot's message for property problems: `Property values were not valid: [{...}]` (a JSON list). */
export function propertyValuesMessage(results: PropertyValidationResult[]): string {
	const list = results.map((r) => ({ ...r, localizedErrorMessage: r.message }));
	return `Property values were not valid: ${JSON.stringify(list)}`;
}

export function propertyDetail(r: PropertyValidationResult): ErrorDetail {
	return { message: r.message, code: r.error, context: { propertyName: [r.name] } };
}

export function validationError(
	message: string,
	errors: ErrorDetail[],
	context?: Record<string, string[]>,
): HubSpotError {
	const body = apiError('VALIDATION_ERROR', message, { errors });
	if (context) body.context = context;
	return body;
}

export const AUTH_MISSING_MESSAGE =
	'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function unauthorized(message: string = AUTH_MISSING_MESSAGE): HubSpotError {
	return apiError('INVALID_AUTHENTICATION', message);
}

export function expiredTokenMessage(expiredMsAgo: number): string {
	const s = Math.max(1, Math.round(expiredMsAgo / 1000));
	if (s < 120) return `The OAuth token used to make this call expired ${s} second(s) ago.`;
	const m = Math.round(s / 60);
	if (m < 120) return `The OAuth token used to make this call expired ${m} minute(s) ago.`;
	return `The OAuth token used to make this call expired ${Math.round(m / 60)} hour(s) ago.`;
}

export function missingScopes(requiredScopes: string[]): HubSpotError {
	return apiError(
		'MISSING_SCOPES',
		"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
		{
			errors: [
				{
					message: 'One or more of the following scopes are required.',
					context: { requiredGranularScopes: requiredScopes },
				},
			],
			links: { scopes: 'https://developers.hubspot.com/scopes' },
		},
	);
}

export function notFound(message = 'Resource not found'): HubSpotError {
	return apiError('OBJECT_NOT_FOUND', message);
}

/**
 * 429 bodies as HubSpot documents them (status, message, errorType, correlationId, policyName). SECONDLY is the
 * policy of the search endpoints' per-second limit.
 * `category: "RATE_LIMITS"` is added so the body also satisfies the OpenAPI default `Error` schema
 * (which requires category); clients must not rely on it.
 */
export function rateLimited(policy: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY'): HubSpotError {
	const message = {
		DAILY: 'You have reached your daily limit.',
		TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
		SECONDLY: 'You have reached your secondly limit.',
	}[policy];
	return apiError('RATE_LIMITS', message, { errorType: 'RATE_LIMIT', policyName: policy });
}

/** Per-input error inside a 207 (StandardError). Correlation key: trace id when sent, else the id. */
export function inputError(
	category: string,
	message: string,
	errors: ErrorDetail[],
	input: { id?: unknown; objectWriteTraceId?: unknown },
): StandardError {
	const context: Record<string, string[]> =
		typeof input.objectWriteTraceId === 'string'
			? { objectWriteTraceId: [input.objectWriteTraceId] }
			: { id: [typeof input.id === 'string' ? input.id : String(input.id)] };
	return { status: 'error', category, message, context, errors, links: {} };
}
