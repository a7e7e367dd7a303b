/**
 * POST .../batch/read: body `{inputs: [{id}], idProperty?, properties?, propertiesWithHistory?}`, `archived` as a
 * query parameter (HubSpot's files) or in the body. Ids may be record ids or, with idProperty, values of a unique
 * property. Found records come back as SimplePublicObject; ids not found come back as ONE OBJECT_NOT_FOUND error
 * listing them in `context.ids` (HubSpot's shape), in a 207 (2026-09: see partialStatus). Repeated ids are read once.
 */
import { Parsed, parseId, parseInputs, reject } from './batchInput';
import { batchAnswer } from './batchResponse';
import { StandardError } from './errors';
import { PublicObject, toPublicObject, wantsArchived } from './objectView';
import { OperationOutcome, OperationRequest, refused } from './operation';
import { OBJECT_TYPE_ID, getLiveProperty } from './properties';
import { GoalTargetRecord, GoalTargetStore } from './store';

const NOT_FOUND_MESSAGE =
	'Could not get some GOAL_TARGET objects, they may be deleted or not exist. Check that ids are valid.';

function stringList(value: unknown, field: string, n: number): Parsed<string[]> {
	if (value === undefined || value === null) return { ok: true, value: [] };
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		return reject(
			`Invalid input JSON: ${field} must be an array of strings`,
			[{ message: `${field} must be an array of strings`, in: field }],
			n,
		);
	}
	return { ok: true, value: value as string[] };
}

function find(
	store: GoalTargetStore,
	idProperty: string | undefined,
	id: string,
	archived: boolean,
): GoalTargetRecord | undefined {
	if (!idProperty || idProperty === 'hs_object_id') {
		const r = store.get(id);
		return r && r.archived === archived ? r : undefined;
	}
	if (!archived) {
		const owner = store.findIdByUnique(idProperty, id);
		return owner === undefined ? undefined : store.get(owner);
	}
	return store.list().find((r) => r.archived && r.properties[idProperty] === id);
}

function notFoundError(ids: string[]): StandardError {
	return {
		status: 'error',
		category: 'OBJECT_NOT_FOUND',
		message: NOT_FOUND_MESSAGE,
		context: { ids },
		errors: [],
		links: {},
	};
}

export function executeBatchRead(req: OperationRequest): OperationOutcome {
	const startedAt = new Date().toISOString();
	const parsed = parseInputs(req.raw);
	if (!parsed.ok) return refused(400, parsed.error, parsed.inputCount);
	const { body, inputs } = parsed.value;
	const n = inputs.length;
	const ids: string[] = [];
	for (const [i, input] of inputs.entries()) {
		const id = parseId(input.id, `inputs[${i}]`, n);
		if (!id.ok) return refused(400, id.error, n);
		if (!ids.includes(id.value)) ids.push(id.value);
	}
	const properties = stringList(body.properties, 'properties', n);
	if (!properties.ok) return refused(400, properties.error, n);
	const withHistory = stringList(body.propertiesWithHistory, 'propertiesWithHistory', n);
	if (!withHistory.ok) return refused(400, withHistory.error, n);
	const idProperty =
		typeof body.idProperty === 'string' && body.idProperty !== '' ? body.idProperty : undefined;
	if (
		idProperty !== undefined &&
		idProperty !== 'hs_object_id' &&
		!getLiveProperty(idProperty)?.hasUniqueValue
	) {
		const message = `Unable to read by non-unique ${OBJECT_TYPE_ID} property ${idProperty}`;
		const bad = reject(
			message,
			[
				{
					message,
					code: 'INVALID_ID_PROPERTY',
					in: 'idProperty',
					context: { idProperty: [idProperty] },
				},
			],
			n,
		);
		if (!bad.ok) return refused(400, bad.error, n);
	}
	const archived = wantsArchived(req.query) || body.archived === true;

	// Guess, noted: with idProperty the answer carries that property too, so each result can be tied to its input.
	const shown =
		idProperty && idProperty !== 'hs_object_id'
			? [...properties.value, idProperty]
			: properties.value;
	const view = { properties: shown, propertiesWithHistory: withHistory.value };
	const results: PublicObject[] = [];
	const missing: string[] = [];
	for (const id of ids) {
		const record = find(req.store, idProperty, id, archived);
		if (record) results.push(toPublicObject(record, req.store, view));
		else missing.push(id);
	}
	const errors = missing.length > 0 ? [notFoundError(missing)] : [];
	return {
		...batchAnswer(req.version, 200, startedAt, results, errors, req.shuffle),
		rejected: missing.length,
	};
}
