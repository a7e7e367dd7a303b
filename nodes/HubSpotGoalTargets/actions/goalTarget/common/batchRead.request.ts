import type { IDataObject } from 'n8n-workflow';

import { asBatchBody, failedOutcome } from '../../../engine/correlate';
import type { BatchOperation, RefusedParameter } from '../../../engine/operation';
import type { InputOutcome, PreparedInput } from '../../../engine/types';
import { asObject } from '../../../helpers/objects';
import { objectsPath, type ApiVersion } from '../../../transport/apiVersion';
import { standardErrorDetails, type HubSpotStandardError } from '../../../transport/errors';
import { uniqueIds, type RecordRef } from './recordIds';
import { nonUniqueIdProperty, refusedRequestFields } from './refusals';

export interface ReadSettings {
	/** Properties each record comes with; empty: HubSpot's default set. */
	properties: string[];
	archived: boolean;
}

function contextIds(context: unknown): string[] {
	const ctx = asObject(context);
	if (!ctx) return [];
	return ['ids', 'id'].flatMap((key) => {
		const value = ctx[key];
		const list = Array.isArray(value) ? value : [value];
		return list
			.filter(
				(entry): entry is string | number => typeof entry === 'string' || typeof entry === 'number',
			)
			.map(String);
	});
}

/** The value of a record that an input's id refers to: the record id, or its idProperty's value. */
function keyOf(record: IDataObject, idProperty: string): string | undefined {
	const value = idProperty === '' ? record.id : asObject(record.properties)?.[idProperty];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Reads a batch read answer: each record goes to every input with its id (the same id twice in a
 * run gets the record twice), ids HubSpot names in an error (not found) fail one input each.
 */
function readRecords(
	inputs: Array<PreparedInput<RecordRef>>,
	statusCode: number,
	body: IDataObject,
): InputOutcome[] {
	const byKey = new Map<string, Array<PreparedInput<RecordRef>>>();
	for (const p of inputs) byKey.set(p.input.id, [...(byKey.get(p.input.id) ?? []), p]);
	const outcomes: InputOutcome[] = [];
	const settled = new Set<number>();
	const idProperty = inputs[0]?.input.idProperty ?? '';
	for (const entry of Array.isArray(body.results) ? body.results : []) {
		const record = asObject(entry);
		const key = record ? keyOf(record, idProperty) : undefined;
		if (!record || key === undefined) continue;
		for (const p of byKey.get(key) ?? []) {
			if (settled.has(p.seq)) continue;
			settled.add(p.seq);
			outcomes.push({ seq: p.seq, itemIndex: p.itemIndex, ok: true, result: record });
		}
	}
	for (const entry of Array.isArray(body.errors) ? body.errors : []) {
		const error = asObject(entry);
		if (!error) continue;
		const ids = contextIds(error.context);
		for (const id of ids) {
			for (const p of byKey.get(id) ?? []) {
				if (settled.has(p.seq)) continue;
				settled.add(p.seq);
				// One Error item per id: the context names only this input's id.
				const details = standardErrorDetails(error as HubSpotStandardError, statusCode);
				outcomes.push(
					failedOutcome(p, { ...details, context: { ...(details.context ?? {}), ids: [id] } }),
				);
			}
		}
	}
	return outcomes;
}

/** What a batch read request has besides its inputs' ids: each may be refused for every input. */
const REQUEST_FIELDS = ['idProperty', 'properties', 'propertiesWithHistory', 'archived'] as const;

/**
 * A read refused for its idProperty (not unique), its properties or its archived flag is no id's
 * doing, so it is not isolated. A refused idProperty concerns the inputs read by it; properties
 * and archived are the same for every request of the run. Other refusals are isolated.
 */
function refusedReadParameter(
	inputs: Array<PreparedInput<RecordRef>>,
	statusCode: number,
	body: unknown,
	settings: ReadSettings,
): RefusedParameter<RecordRef> | undefined {
	if (statusCode !== 400) return undefined;
	const fields = refusedRequestFields(body, REQUEST_FIELDS);
	const idProperty =
		nonUniqueIdProperty(body) ??
		(fields.includes('idProperty') ? (inputs[0]?.input.idProperty ?? '') : undefined);
	if (idProperty !== undefined) {
		return {
			name: `idProperty '${idProperty}'`,
			carriedBy: (input) => input.idProperty === idProperty,
		};
	}
	const field = fields[0];
	if (field === undefined) return undefined;
	return {
		name: field === 'archived' ? `archived=${settings.archived}` : `the same ${field}`,
		carriedBy: () => true,
	};
}

/**
 * Batch read (`POST .../batch/read`, display "Get"): records by HubSpot id or by a unique
 * property. The property is request-level, so inputs are grouped by it; reading is safe to repeat.
 */
export function readRequests(
	version: ApiVersion,
	settings: ReadSettings,
): BatchOperation<RecordRef> {
	return {
		maxBatchSize: 100,
		requestKey: (input) => input.idProperty,
		buildRequest: (inputs) => {
			const idProperty = inputs[0]?.input.idProperty ?? '';
			// Reading by a unique property, the answer is matched by that property's value: ask for it.
			const properties =
				idProperty !== '' && !settings.properties.includes(idProperty)
					? [...settings.properties, idProperty]
					: settings.properties;
			const body: IDataObject = {
				inputs: uniqueIds(inputs.map((p) => p.input)).map((id) => ({ id })),
				properties,
				propertiesWithHistory: [],
			};
			if (idProperty !== '') body.idProperty = idProperty;
			return {
				method: 'POST',
				path: objectsPath(version, '/batch/read'),
				body,
				qs: { archived: settings.archived },
			};
		},
		answerStatuses: [200, 207],
		readAnswer: (inputs, statusCode, body) => {
			const batch = asBatchBody(body);
			return batch ? readRecords(inputs, statusCode, batch) : undefined;
		},
		refusedParameter: (inputs, statusCode, body) =>
			refusedReadParameter(inputs, statusCode, body, settings),
		writes: false,
		resendAfterLostAnswer: true,
	};
}
