import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../helpers/objects';
import { standardErrorDetails, type HubSpotStandardError } from '../transport/errors';
import {
	NODE_CATEGORIES,
	type InputErrorDetails,
	type InputOutcome,
	type PreparedInput,
} from './types';

/** What a batch write input (create, update, upsert) carries that HubSpot's answer can be matched by. */
export interface TracedInput {
	objectWriteTraceId: string;
	/** The record's id value (update, upsert); none for create. */
	id?: string;
	/** The unique property `id` refers to; empty or absent: `id` is HubSpot's record id. */
	idProperty?: string;
}

/** HubSpot's answer to a batch write (200, 201 or 207), as far as it is an object. */
export interface BatchWriteResponseBody extends IDataObject {
	status?: string;
	results?: unknown[];
	errors?: unknown[];
	numErrors?: number;
}

function contextValues(context: unknown, key: string): string[] {
	const value = asObject(context)?.[key];
	if (Array.isArray(value))
		return value.filter((entry): entry is string => typeof entry === 'string');
	return typeof value === 'string' ? [value] : [];
}

/** A batch answer's body when it is one: an object with `results` or `errors` arrays. */
export function asBatchBody(body: unknown): BatchWriteResponseBody | undefined {
	const root = asObject(body);
	if (!root || !(Array.isArray(root.results) || Array.isArray(root.errors))) return undefined;
	return root as BatchWriteResponseBody;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

type IdValueOf = (p: PreparedInput<TracedInput>) => string | undefined;

/** Indexes a request's inputs by trace id and by id value, to match HubSpot's answers to them. */
class InputIndex {
	private readonly byTrace = new Map<string, Array<PreparedInput<TracedInput>>>();

	private readonly byId = new Map<string, Array<PreparedInput<TracedInput>>>();

	readonly settled = new Set<number>();

	constructor(inputs: Array<PreparedInput<TracedInput>>) {
		for (const prepared of inputs) {
			push(this.byTrace, prepared.input.objectWriteTraceId, prepared);
			if (prepared.input.id !== undefined) push(this.byId, prepared.input.id, prepared);
		}
	}

	/** The one unsettled input with this trace id; undefined when none or ambiguous. */
	byTraceId(traceId: unknown, idValue?: IdValueOf): PreparedInput<TracedInput> | undefined {
		if (typeof traceId !== 'string') return undefined;
		return this.pick(this.byTrace.get(traceId), idValue);
	}

	/** The one unsettled input whose id equals what HubSpot names, given its idProperty. */
	byIdValue(idValue: IdValueOf): PreparedInput<TracedInput> | undefined {
		const matches: Array<PreparedInput<TracedInput>> = [];
		for (const list of this.byId.values()) {
			for (const p of list)
				if (!this.settled.has(p.seq) && idValue(p) === p.input.id) matches.push(p);
		}
		return matches.length === 1 ? matches[0] : undefined;
	}

	byIds(ids: string[]): Array<PreparedInput<TracedInput>> {
		return ids.flatMap((id) => (this.byId.get(id) ?? []).filter((p) => !this.settled.has(p.seq)));
	}

	private pick(list: Array<PreparedInput<TracedInput>> | undefined, idValue?: IdValueOf) {
		const open = (list ?? []).filter((p) => !this.settled.has(p.seq));
		if (open.length <= 1) return open[0];
		// The same trace id was given twice: only the id value can tell them apart.
		const narrowed = idValue ? open.filter((p) => idValue(p) === p.input.id) : [];
		return narrowed.length === 1 ? narrowed[0] : undefined;
	}
}

/** The value a result has for what an input's id refers to: its idProperty, or the record id. */
function resultIdValue(result: IDataObject): IdValueOf {
	return (p) => {
		const value = p.input.idProperty
			? asObject(result.properties)?.[p.input.idProperty]
			: result.id;
		return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
	};
}

export function failedOutcome<I>(
	prepared: PreparedInput<I>,
	error: InputErrorDetails,
): InputOutcome {
	return {
		seq: prepared.seq,
		itemIndex: prepared.itemIndex,
		ok: false,
		error,
		input: prepared.input as unknown as IDataObject,
	};
}

/**
 * Matches a 200/201/207 batch write answer to the inputs of its request: by objectWriteTraceId,
 * then by the id value; never by position, since HubSpot answers in any order. Every input gets
 * exactly one outcome: an input HubSpot neither accepted nor rejected by name gets an error
 * saying so. Malformed entries (null, not an object, fields missing) are skipped and reported on
 * the inputs left unmatched; they never change the outcome of an input HubSpot did answer.
 */
export function correlateBatchResponse(
	inputs: Array<PreparedInput<TracedInput>>,
	body: BatchWriteResponseBody,
	httpCode: number,
): InputOutcome[] {
	const index = new InputIndex(inputs);
	const outcomes: InputOutcome[] = [];
	let malformed = 0;

	for (const entry of Array.isArray(body.results) ? body.results : []) {
		const result = asObject(entry);
		if (!result) {
			malformed++;
			continue;
		}
		const idValue = resultIdValue(result);
		const match = index.byTraceId(result.objectWriteTraceId, idValue) ?? index.byIdValue(idValue);
		if (!match) {
			if (typeof result.id !== 'string' && typeof result.id !== 'number') malformed++;
			continue;
		}
		index.settled.add(match.seq);
		outcomes.push({ seq: match.seq, itemIndex: match.itemIndex, ok: true, result });
	}

	const unattributed: InputErrorDetails[] = [];
	for (const entry of Array.isArray(body.errors) ? body.errors : []) {
		const error = asObject(entry);
		if (!error) {
			malformed++;
			continue;
		}
		const details = standardErrorDetails(error as HubSpotStandardError, httpCode);
		const traced = contextValues(error.context, 'objectWriteTraceId')
			.map((traceId) => index.byTraceId(traceId))
			.filter((p): p is PreparedInput<TracedInput> => p !== undefined);
		const named =
			traced.length > 0
				? traced
				: index.byIds([
						...contextValues(error.context, 'id'),
						...contextValues(error.context, 'ids'),
					]);
		if (named.length === 0) {
			unattributed.push(details);
			continue;
		}
		for (const prepared of named) {
			if (index.settled.has(prepared.seq)) continue;
			index.settled.add(prepared.seq);
			outcomes.push(failedOutcome(prepared, details));
		}
	}

	for (const prepared of inputs) {
		if (index.settled.has(prepared.seq)) continue;
		const hint =
			unattributed.length > 0
				? ` HubSpot also reported errors it did not tie to an input: ${unattributed.map((e) => e.message).join('; ')}`
				: '';
		const broken =
			malformed > 0
				? ` The answer held ${malformed} malformed ${malformed === 1 ? 'entry' : 'entries'} the node could not match to an input.`
				: '';
		const context: IDataObject = {};
		if (unattributed.length > 0)
			context.unattributedErrors = unattributed as unknown as IDataObject[];
		if (malformed > 0) context.malformedEntries = malformed;
		outcomes.push(
			failedOutcome(prepared, {
				message: `HubSpot returned no result for this input (HTTP ${httpCode}).${broken}${hint}`,
				httpCode: String(httpCode),
				category: NODE_CATEGORIES.noResult,
				context: Object.keys(context).length > 0 ? context : undefined,
			}),
		);
	}
	return outcomes;
}
