import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BuiltInput, InputOutcome } from '../engine/types';
import { isInputProblem } from '../engine/types';

/** Inputs the node refused before sending, as outcomes like HubSpot's. */
export function problemOutcomes(built: BuiltInput[]): InputOutcome[] {
	return built.filter(isInputProblem).map((problem) => ({
		seq: problem.seq,
		itemIndex: problem.itemIndex,
		ok: false as const,
		error: problem.error,
		input: problem.input,
	}));
}

/**
 * The node's two outputs, Success then Error, each in input order, each item linked to the item
 * it came from. Error items carry `input` besides `error`, which keeps n8n's own "continue
 * (using error output)" handling from taking them for bare error objects and moving them away.
 */
export function toOutputs(outcomes: InputOutcome[]): [INodeExecutionData[], INodeExecutionData[]] {
	const success: INodeExecutionData[] = [];
	const errors: INodeExecutionData[] = [];
	for (const outcome of [...outcomes].sort((a, b) => a.seq - b.seq)) {
		if (outcome.ok) {
			success.push({ json: outcome.result, pairedItem: { item: outcome.itemIndex } });
			continue;
		}
		const { error } = outcome;
		const json: IDataObject = {
			error: {
				message: error.message,
				httpCode: error.httpCode ?? null,
				category: error.category ?? null,
				subCategory: error.subCategory ?? null,
				context: error.context ?? null,
				correlationId: error.correlationId ?? null,
				...(error.field ? { field: error.field } : {}),
			},
			input: outcome.input,
		};
		errors.push({ json, pairedItem: { item: outcome.itemIndex } });
	}
	return [success, errors];
}
