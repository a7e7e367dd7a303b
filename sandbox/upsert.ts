/**
 * POST .../batch/upsert (v3, 2026-03, and 2026-09's generic objects path): applies validated inputs to the store
 * and builds BatchResponseSimplePublicUpsertObject (200) or ...WithErrors (207) bodies.
 */
import { BatchBody, batchAnswer } from './batchResponse';
import {
	HubSpotError,
	StandardError,
	inputError,
	propertyDetail,
	propertyValuesMessage,
} from './errors';
import { OperationRequest } from './operation';
import { GoalTargetRecord } from './store';
import { UpsertInput, parseUpsertRequest, validateInput } from './validate';
import { missingRequiredError, uniqueConflictError } from './writeChecks';

export interface UpsertResult {
	id: string;
	properties: Record<string, string>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	new: boolean;
	objectWriteTraceId?: string;
}

export type UpsertResponseBody = BatchBody<UpsertResult>;

export type UpsertOutcome =
	| {
			status: 200 | 201 | 207;
			body: UpsertResponseBody;
			created: number;
			updated: number;
			rejected: number;
	  }
	| { status: 400; body: HubSpotError; created: 0; updated: 0; rejected: number };

function toResult(
	record: GoalTargetRecord,
	sent: Record<string, string>,
	isNew: boolean,
	input: UpsertInput,
): UpsertResult {
	const result: UpsertResult = {
		id: record.id,
		properties: {
			...sent,
			hs_object_id: record.id,
			hs_createdate: record.properties.hs_createdate,
			hs_lastmodifieddate: record.properties.hs_lastmodifieddate,
		},
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		archived: false,
		new: isNew,
	};
	if (input.objectWriteTraceId !== undefined) result.objectWriteTraceId = input.objectWriteTraceId;
	return result;
}

export function executeUpsert(req: OperationRequest): UpsertOutcome {
	const { raw, store, version } = req;
	const startedAt = new Date().toISOString();
	const parsed = parseUpsertRequest(raw);
	if (!parsed.ok)
		return { status: 400, body: parsed.error, created: 0, updated: 0, rejected: parsed.inputCount };

	const results: UpsertResult[] = [];
	const errors: StandardError[] = [];
	let created = 0;
	let updated = 0;
	for (const input of parsed.inputs) {
		const check = validateInput(input);
		if (!check.ok) {
			errors.push(
				inputError(
					'VALIDATION_ERROR',
					propertyValuesMessage(check.results),
					check.results.map(propertyDetail),
					input,
				),
			);
			continue;
		}
		const sent = { ...check.properties, [input.idProperty]: check.idValue };
		const existing = store.findIdByUnique(input.idProperty, check.idValue);
		const refusal =
			uniqueConflictError(store, sent, existing, input) ??
			(version === '2026-09'
				? missingRequiredError(
						req.requiredProperties,
						sent,
						existing ? store.get(existing)?.properties : undefined,
						input,
					)
				: undefined);
		if (refusal) {
			errors.push(refusal);
			continue;
		}
		if (existing === undefined) {
			results.push(toResult(store.create(sent), sent, true, input));
			created++;
		} else {
			results.push(toResult(store.update(existing, sent), sent, false, input));
			updated++;
		}
	}
	const answer = batchAnswer(version, 200, startedAt, results, errors, req.shuffle);
	return { ...answer, created, updated, rejected: errors.length };
}

/** What a 200 would look like, without touching the store (for the `truncated` fault). */
export function fakeUpsertBody(raw: string): UpsertResponseBody {
	const now = new Date().toISOString();
	const parsed = parseUpsertRequest(raw);
	const inputs = parsed.ok ? parsed.inputs : [];
	return {
		status: 'COMPLETE',
		results: inputs.map((input, i) => ({
			id: String(90_000_000_000 + i),
			properties: {
				...input.properties,
				hs_object_id: String(90_000_000_000 + i),
				hs_createdate: now,
				hs_lastmodifieddate: now,
			},
			createdAt: now,
			updatedAt: now,
			archived: false,
			new: true,
			...(input.objectWriteTraceId !== undefined
				? { objectWriteTraceId: input.objectWriteTraceId }
				: {}),
		})),
		startedAt: now,
		completedAt: now,
	};
}
