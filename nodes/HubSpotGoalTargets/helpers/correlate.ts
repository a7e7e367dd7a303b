import type { IDataObject } from 'n8n-workflow';

import { standardErrorDetails } from './errors';
import type {
	BatchUpsertResponseBody,
	HubSpotStandardError,
	InputErrorDetails,
	InputOutcome,
	PreparedInput,
	UpsertResult,
} from './types';

function contextValues(context: unknown, key: string): string[] {
	if (typeof context !== 'object' || context === null) return [];
	const value = (context as IDataObject)[key];
	if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
	return typeof value === 'string' ? [value] : [];
}

/** Indexes a request's inputs by trace id and by id value, to match HubSpot's answers to them. */
class InputIndex {
	private readonly byTrace = new Map<string, PreparedInput[]>();

	private readonly byId = new Map<string, PreparedInput[]>();

	readonly settled = new Set<number>();

	constructor(inputs: PreparedInput[]) {
		for (const prepared of inputs) {
			push(this.byTrace, prepared.input.objectWriteTraceId, prepared);
			push(this.byId, prepared.input.id, prepared);
		}
	}

	/** The one unsettled input with this trace id; undefined when none or ambiguous. */
	byTraceId(traceId: string | undefined, idValue?: (p: PreparedInput) => string | undefined): PreparedInput | undefined {
		if (traceId === undefined) return undefined;
		return this.pick(this.byTrace.get(traceId), idValue);
	}

	/** The one unsettled input whose id equals what HubSpot names, given its idProperty. */
	byIdValue(idValue: (p: PreparedInput) => string | undefined): PreparedInput | undefined {
		const matches: PreparedInput[] = [];
		for (const list of this.byId.values()) {
			for (const p of list) if (!this.settled.has(p.seq) && idValue(p) === p.input.id) matches.push(p);
		}
		return matches.length === 1 ? matches[0] : undefined;
	}

	byIds(ids: string[]): PreparedInput[] {
		return ids.flatMap((id) => (this.byId.get(id) ?? []).filter((p) => !this.settled.has(p.seq)));
	}

	private pick(list: PreparedInput[] | undefined, idValue?: (p: PreparedInput) => string | undefined) {
		const open = (list ?? []).filter((p) => !this.settled.has(p.seq));
		if (open.length <= 1) return open[0];
		// The same trace id was given twice: only the id value can tell them apart.
		const narrowed = idValue ? open.filter((p) => idValue(p) === p.input.id) : [];
		return narrowed.length === 1 ? narrowed[0] : undefined;
	}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function resultIdValue(result: UpsertResult) {
	return (p: PreparedInput) => {
		const value = result.properties?.[p.input.idProperty];
		return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
	};
}

export function failedOutcome(prepared: PreparedInput, error: InputErrorDetails): InputOutcome {
	return {
		seq: prepared.seq,
		itemIndex: prepared.itemIndex,
		ok: false,
		error,
		input: prepared.input as unknown as IDataObject,
	};
}

/**
 * Matches a 200/207 batch response to the inputs of its request: by objectWriteTraceId, then by the
 * id value; never by position, since HubSpot answers in any order. Every input gets exactly one
 * outcome: an input HubSpot neither accepted nor rejected by name gets an error saying so.
 */
export function correlateBatchResponse(
	inputs: PreparedInput[],
	body: BatchUpsertResponseBody,
	httpCode: number,
): InputOutcome[] {
	const index = new InputIndex(inputs);
	const outcomes: InputOutcome[] = [];

	for (const result of Array.isArray(body.results) ? body.results : []) {
		const idValue = resultIdValue(result);
		const match = index.byTraceId(result.objectWriteTraceId, idValue) ?? index.byIdValue(idValue);
		if (!match) continue;
		index.settled.add(match.seq);
		outcomes.push({ seq: match.seq, itemIndex: match.itemIndex, ok: true, result });
	}

	const unattributed: InputErrorDetails[] = [];
	for (const error of Array.isArray(body.errors) ? body.errors : []) {
		const details = standardErrorDetails(error as HubSpotStandardError, httpCode);
		const traced = contextValues(error.context, 'objectWriteTraceId')
			.map((traceId) => index.byTraceId(traceId))
			.filter((p): p is PreparedInput => p !== undefined);
		const named = traced.length > 0 ? traced : index.byIds([...contextValues(error.context, 'id'), ...contextValues(error.context, 'ids')]);
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
		outcomes.push(
			failedOutcome(prepared, {
				message: `HubSpot returned no result for this input (HTTP ${httpCode}).${hint}`,
				httpCode: String(httpCode),
				category: 'NO_RESULT',
				context: unattributed.length > 0 ? { unattributedErrors: unattributed as unknown as IDataObject[] } : undefined,
			}),
		);
	}
	return outcomes;
}
