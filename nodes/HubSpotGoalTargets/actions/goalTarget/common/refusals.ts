/**
 * What HubSpot's whole-request refusals say about the request's parameters and inputs: a
 * non-unique idProperty, the request fields it names, the properties that do not exist.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RefusedParameter } from '../../../engine/operation';
import type { PreparedInput } from '../../../engine/types';
import { asObject } from '../../../helpers/objects';

function propertyNamesIn(body: IDataObject): string[] {
	const names = new Set<string>();
	const errors = Array.isArray(body.errors) ? body.errors : [];
	for (const entry of errors) {
		const error = entry as IDataObject;
		const context = (error.context ?? {}) as IDataObject;
		const listed = context.propertyName;
		if (Array.isArray(listed))
			listed.forEach((name) => typeof name === 'string' && names.add(name));
		const message = typeof error.message === 'string' ? error.message : '';
		const quoted = /Property "([^"]+)" does not exist/.exec(message);
		if (quoted) names.add(quoted[1]);
	}
	return [...names];
}

/** HubSpot's `errors[]` of a whole-request refusal, the entries that are objects. */
function errorDetails(body: unknown): IDataObject[] {
	const errors: unknown = asObject(body)?.errors;
	if (!Array.isArray(errors)) return [];
	const details: IDataObject[] = [];
	for (const entry of errors as unknown[]) {
		const detail = asObject(entry);
		if (detail) details.push(detail);
	}
	return details;
}

/**
 * The idProperty a whole-request refusal says is not unique ("Unable to perform update/upsert by
 * non-unique 0-74 property hs_goal_name", "Unable to read by non-unique ..."), if it says so.
 */
export function nonUniqueIdProperty(body: unknown): string | undefined {
	const messages = [asObject(body)?.message, ...errorDetails(body).map((error) => error.message)];
	for (const message of messages) {
		const named = typeof message === 'string' && /non-unique \S+ property (\S+)/.exec(message);
		if (named) return named[1].replace(/[.,;:'"]+$/, '');
	}
	return undefined;
}

/**
 * The request fields (not under `inputs`) HubSpot's `errors[].in` names among `fields`, e.g.
 * `archived` or `properties`: a refusal for one of them is not any input's doing.
 */
export function refusedRequestFields(body: unknown, fields: readonly string[]): string[] {
	const named = errorDetails(body).flatMap((error) =>
		typeof error.in === 'string' ? error.in : [],
	);
	// `properties`, `properties[2]` or `properties.x`, not `propertiesWithHistory`.
	const isIn = (where: string, field: string) =>
		where === field || where.startsWith(`${field}[`) || where.startsWith(`${field}.`);
	return fields.filter((field) => named.some((where) => isIn(where, field)));
}

/**
 * A refusal of a write's idProperty that is not unique: HubSpot refuses the whole request, and
 * would refuse every request with an input keyed by that property.
 */
export function refusedIdProperty<I extends { idProperty?: string }>(
	_inputs: Array<PreparedInput<I>>,
	statusCode: number,
	body: unknown,
): RefusedParameter<I> | undefined {
	const name = statusCode === 400 ? nonUniqueIdProperty(body) : undefined;
	if (name === undefined) return undefined;
	return { name: `idProperty '${name}'`, carriedBy: (input) => input.idProperty === name };
}

/**
 * When HubSpot rejects a whole request for a property that does not exist, the inputs that carry
 * it. Empty when the answer names nothing the node can tie to inputs; then only splitting the
 * request can find them. (A non-unique idProperty is a request-level refusal: refusedIdProperty.)
 */
export function inputsNamedByRejection<I extends { properties: Record<string, string> }>(
	inputs: Array<PreparedInput<I>>,
	body: unknown,
): Array<PreparedInput<I>> {
	const root = asObject(body);
	if (!root) return [];
	const missing = propertyNamesIn(root);
	if (missing.length === 0) return [];
	// Own keys only: `in` would find "toString" or "constructor" on every input.
	return inputs.filter((p) =>
		missing.some((name) => Object.prototype.hasOwnProperty.call(p.input.properties, name)),
	);
}
