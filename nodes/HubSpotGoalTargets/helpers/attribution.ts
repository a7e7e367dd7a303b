import type { IDataObject } from 'n8n-workflow';

import type { PreparedInput } from '../engine/types';
import type { UpsertInput } from './inputs';

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

/**
 * When HubSpot rejects a whole request for something it names, the inputs that carry it:
 * a property that does not exist, or an idProperty that is not unique. Empty when the answer
 * names nothing the node can tie to inputs; then only splitting the request can find them.
 */
export function inputsNamedByRejection<
	I extends Pick<UpsertInput, 'properties'> & { idProperty?: string },
>(inputs: Array<PreparedInput<I>>, body: unknown): Array<PreparedInput<I>> {
	if (typeof body !== 'object' || body === null) return [];
	const root = body as IDataObject;
	const message = typeof root.message === 'string' ? root.message : '';
	const nonUnique = /non-unique \S+ property (\S+)/.exec(message);
	if (nonUnique) {
		const name = nonUnique[1].replace(/[.,;:'"]+$/, '');
		return inputs.filter((p) => p.input.idProperty === name);
	}
	const missing = propertyNamesIn(root);
	if (missing.length === 0) return [];
	// Own keys only: `in` would find "toString" or "constructor" on every input.
	return inputs.filter((p) =>
		missing.some((name) => Object.prototype.hasOwnProperty.call(p.input.properties, name)),
	);
}
