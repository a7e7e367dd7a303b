/**
 * POST .../batch/create: inputs `{properties, associations?, objectWriteTraceId?}`. Never deduplicates: every
 * accepted input is a new record (201 BatchResponseSimplePublicObject). An input whose unique value another record
 * (or an earlier input of the batch) holds fails, as do invalid values and, on 2026-09, missing required properties.
 * HubSpot answers partial failures with a multi-status only when every input carries an objectWriteTraceId; without
 * them one bad input refuses the whole request (400, or 409 for a unique-value conflict) and nothing is created.
 */
import { checkPropertiesExist, parseInputs, parseProperties, traceIdOf } from './batchInput';
import { batchAnswer } from './batchResponse';
import {
	StandardError,
	apiError,
	inputError,
	propertyDetail,
	propertyValuesMessage,
} from './errors';
import { writtenObject } from './objectView';
import { OperationOutcome, OperationRequest, refused } from './operation';
import { UNIQUE_PROPERTY_NAMES } from './properties';
import { validateProperties } from './validate';
import { missingRequiredError, uniqueConflictError } from './writeChecks';

interface CreateInput {
	properties: Record<string, string>;
	objectWriteTraceId?: string;
}

/** A unique value claimed by an earlier input of the same batch. */
function claimedInBatch(
	claimed: Set<string>,
	properties: Record<string, string>,
	input: CreateInput,
): StandardError | undefined {
	for (const name of UNIQUE_PROPERTY_NAMES) {
		const value = properties[name];
		if (value === undefined || value === '' || !claimed.has(`${name}\u0000${value}`)) continue;
		const message = `A goal target with ${name}=${value} is already created by an earlier input of this batch; values of ${name} must be unique.`;
		return inputError(
			'CONFLICT',
			message,
			[{ message, code: 'UNIQUE_VALUE_CONFLICT', context: { propertyName: [name] } }],
			input,
		);
	}
	return undefined;
}

export function executeBatchCreate(req: OperationRequest): OperationOutcome {
	const { store, version } = req;
	const startedAt = new Date().toISOString();
	const parsed = parseInputs(req.raw);
	if (!parsed.ok) return refused(400, parsed.error, parsed.inputCount);
	const n = parsed.value.inputs.length;
	const inputs: CreateInput[] = [];
	for (const [i, raw] of parsed.value.inputs.entries()) {
		const properties = parseProperties(raw.properties, `inputs[${i}]`, n);
		if (!properties.ok) return refused(400, properties.error, n);
		const input: CreateInput = { properties: properties.value };
		const trace = traceIdOf(raw.objectWriteTraceId);
		if (trace !== undefined) input.objectWriteTraceId = trace;
		inputs.push(input);
	}
	const unknown = checkPropertiesExist(
		inputs.map((i) => i.properties),
		n,
	);
	if (unknown && !unknown.ok) return refused(400, unknown.error, n);

	// First decide every input, then write: a request refused as a whole must create nothing.
	const claimed = new Set<string>();
	const accepted: Array<{ input: CreateInput; properties: Record<string, string> }> = [];
	const errors: StandardError[] = [];
	for (const input of inputs) {
		const check = validateProperties(input.properties);
		const refusal =
			check.results.length > 0
				? inputError(
						'VALIDATION_ERROR',
						propertyValuesMessage(check.results),
						check.results.map(propertyDetail),
						input,
					)
				: (uniqueConflictError(store, check.properties, undefined, input) ??
					claimedInBatch(claimed, check.properties, input) ??
					(version === '2026-09'
						? missingRequiredError(req.requiredProperties, check.properties, undefined, input)
						: undefined));
		if (refusal) {
			errors.push(refusal);
			continue;
		}
		for (const name of UNIQUE_PROPERTY_NAMES)
			if (check.properties[name]) claimed.add(`${name}\u0000${check.properties[name]}`);
		accepted.push({ input, properties: check.properties });
	}
	const multiStatus = inputs.length > 0 && inputs.every((i) => i.objectWriteTraceId !== undefined);
	if (errors.length > 0 && !multiStatus) {
		const first = errors[0];
		const status = first.category === 'CONFLICT' ? 409 : 400;
		return refused(status, apiError(first.category, first.message, { errors: first.errors }), n);
	}
	const results = accepted.map(({ input, properties }) =>
		writtenObject(store.create(properties), properties, input.objectWriteTraceId),
	);
	const answer = batchAnswer(version, 201, startedAt, results, errors, req.shuffle);
	return { ...answer, created: results.length, rejected: errors.length };
}
