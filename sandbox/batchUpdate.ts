/**
 * POST .../batch/update: inputs `{id, idProperty?, properties, objectWriteTraceId?}`. Without idProperty (or with
 * hs_object_id) `id` is HubSpot's record id, else a value of that unique property. Partial update: properties left
 * out keep their values. An id that names no live record fails that input (OBJECT_NOT_FOUND, `context.ids`;
 * guess, noted: archived records count as not found, as for reads without `archived=true`).
 */
import { batchAnswer } from './batchResponse';
import { StandardError, inputError, propertyDetail, propertyValuesMessage } from './errors';
import { PublicObject, writtenObject } from './objectView';
import { OperationOutcome, OperationRequest, refused } from './operation';
import { GoalTargetStore } from './store';
import { UpsertInput, checkIdValue, parseKeyedInputs, validateProperties } from './validate';
import { missingRequiredError, uniqueConflictError } from './writeChecks';

const byRecordId = (idProperty: string): boolean =>
	idProperty === '' || idProperty === 'hs_object_id';

/** The live record an update names, if any. */
function findTarget(
	store: GoalTargetStore,
	input: { id: string; idProperty: string },
): string | undefined {
	if (byRecordId(input.idProperty)) {
		const r = store.get(input.id);
		return r && !r.archived ? r.id : undefined;
	}
	const value = checkIdValue(input.idProperty, input.id);
	return value.ok ? store.findIdByUnique(input.idProperty, value.value) : undefined;
}

function updateNotFound(input: { id: string; objectWriteTraceId?: string }): StandardError {
	const error = inputError(
		'OBJECT_NOT_FOUND',
		`No goal target with id ${input.id} exists (it may be archived).`,
		[],
		input,
	);
	error.context.ids = [input.id];
	return error;
}

/** One update input against the store: the updated object, or the error for this input. */
export function applyUpdate(
	req: OperationRequest,
	input: UpsertInput,
): { ok: true; object: PublicObject } | { ok: false; error: StandardError } {
	const { store } = req;
	const check = validateProperties(input.properties);
	if (check.results.length > 0) {
		return {
			ok: false,
			error: inputError(
				'VALIDATION_ERROR',
				propertyValuesMessage(check.results),
				check.results.map(propertyDetail),
				input,
			),
		};
	}
	const target = findTarget(store, input);
	if (target === undefined) return { ok: false, error: updateNotFound(input) };
	const refusal =
		uniqueConflictError(store, check.properties, target, input) ??
		(req.version === '2026-09'
			? missingRequiredError(
					req.requiredProperties,
					check.properties,
					store.get(target)?.properties,
					input,
				)
			: undefined);
	if (refusal) return { ok: false, error: refusal };
	return {
		ok: true,
		object: writtenObject(
			store.update(target, check.properties),
			check.properties,
			input.objectWriteTraceId,
		),
	};
}

export function executeBatchUpdate(req: OperationRequest): OperationOutcome {
	const startedAt = new Date().toISOString();
	const parsed = parseKeyedInputs(req.raw, true);
	if (!parsed.ok) return refused(400, parsed.error, parsed.inputCount);
	const results: PublicObject[] = [];
	const errors: StandardError[] = [];
	for (const input of parsed.inputs) {
		const out = applyUpdate(req, input);
		if (out.ok) results.push(out.object);
		else errors.push(out.error);
	}
	const answer = batchAnswer(req.version, 200, startedAt, results, errors, req.shuffle);
	return { ...answer, updated: results.length, rejected: errors.length };
}
