/**
 * HubSpot's error bodies, read into what the node reports: a whole request's refusal (any non-2xx
 * JSON body), one StandardError inside a 207, and n8n's NodeApiError made from either.
 */
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asObject } from '../helpers/objects';

/** What the node reports of an error HubSpot (or the network) gave. */
export interface ErrorDetails {
	message: string;
	httpCode?: string;
	category?: string;
	subCategory?: string;
	context?: IDataObject;
	correlationId?: string;
}

/** HubSpot's StandardError inside a 207, every field optional in practice. */
export interface HubSpotStandardError extends IDataObject {
	status?: string;
	category?: string;
	subCategory?: string;
	message?: string;
	context?: IDataObject;
	errors?: IDataObject[];
	id?: string;
}

function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The messages of HubSpot's nested `errors[]`, which often say more than the top-level message. */
function detailMessages(body: IDataObject): string[] {
	const errors = Array.isArray(body.errors) ? body.errors : [];
	return errors
		.map((entry) => asString(asObject(entry)?.message))
		.filter((message): message is string => message !== undefined);
}

/** Scopes HubSpot says are missing, wherever it put them. */
export function missingScopes(body: unknown): string[] {
	const found = new Set<string>();
	const collect = (context: unknown) => {
		const ctx = asObject(context);
		if (!ctx) return;
		for (const key of ['requiredGranularScopes', 'missingScopes', 'requiredScopes']) {
			const list = ctx[key];
			if (Array.isArray(list))
				list.forEach((scope) => typeof scope === 'string' && found.add(scope));
		}
	};
	const root = asObject(body);
	if (!root) return [];
	collect(root.context);
	if (Array.isArray(root.errors)) root.errors.forEach((entry) => collect(asObject(entry)?.context));
	return [...found];
}

/** Details of an error HubSpot returned for a whole request (any non-2xx JSON body). */
export function requestErrorDetails(httpCode: number, body: unknown): ErrorDetails {
	const root = asObject(body);
	if (!root) {
		const text =
			typeof body === 'string' && body.trim() !== '' ? `: ${body.trim().slice(0, 200)}` : '';
		return { message: `HubSpot answered HTTP ${httpCode}${text}`, httpCode: String(httpCode) };
	}
	const base = readablePropertyMessage(
		asString(root.message) ?? `HubSpot answered HTTP ${httpCode}`,
	);
	const details = detailMessages(root).filter((detail) => !base.includes(detail));
	let message = details.length > 0 ? `${base} (${details.join('; ')})` : base;
	const category = asString(root.category) ?? asString(root.policyName);
	if (category === 'MISSING_SCOPES') {
		const scopes = missingScopes(root);
		if (scopes.length > 0) message = `${base} Missing scopes: ${scopes.join(', ')}`;
	}
	const errors = Array.isArray(root.errors) ? root.errors : undefined;
	const context = asObject(root.context);
	return {
		message,
		httpCode: String(httpCode),
		category,
		subCategory: asString(root.subCategory) ?? asString(root.errorType),
		context: errors ? { ...(context ?? {}), errors } : context,
		correlationId: asString(root.correlationId),
	};
}

/**
 * HubSpot's "Property values were not valid: [{...json...}]" made readable:
 * "Property values were not valid: hs_target_amount: lots was not a valid number."
 */
export function readablePropertyMessage(message: string): string {
	const match = /^(Property values were not valid):\s*(\[.*\])\s*$/s.exec(message);
	if (!match) return message;
	try {
		const entries = JSON.parse(match[2]) as unknown;
		if (!Array.isArray(entries)) return message;
		const parts = entries.map((entry) => {
			const e = (entry ?? {}) as IDataObject;
			const text =
				asString(e.localizedErrorMessage) ?? asString(e.message) ?? asString(e.error) ?? 'invalid';
			return asString(e.name) ? `${String(e.name)}: ${text}` : text;
		});
		return parts.length > 0 ? `${match[1]}: ${parts.join('; ')}` : message;
	} catch {
		return message;
	}
}

/** Details of one StandardError inside a 207 response. */
export function standardErrorDetails(error: HubSpotStandardError, httpCode: number): ErrorDetails {
	const details = detailMessages(error);
	const original = asString(error.message);
	const base = original
		? readablePropertyMessage(original)
		: (details[0] ?? 'HubSpot rejected this input without a message');
	const extra = details.filter((detail) => !base.includes(detail));
	const subCategory = typeof error.subCategory === 'string' ? error.subCategory : undefined;
	return {
		message: extra.length > 0 ? `${base} (${extra.join('; ')})` : base,
		httpCode: String(httpCode),
		category: asString(error.category),
		subCategory,
		context: asObject(error.context),
	};
}

/**
 * The error the node stops with for HubSpot's (or the network's) `details`; its description says
 * HubSpot's category unless the caller gives one.
 */
export function hubSpotApiError(
	node: INode,
	details: ErrorDetails,
	options: { description?: string; itemIndex?: number } = {},
): NodeApiError {
	const description =
		'description' in options
			? options.description
			: details.category
				? `HubSpot category: ${details.category}`
				: undefined;
	return new NodeApiError(node, { ...details } as JsonObject, {
		message: details.message,
		description,
		httpCode: details.httpCode,
		...(options.itemIndex !== undefined ? { itemIndex: options.itemIndex } : {}),
	});
}
