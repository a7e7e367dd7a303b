/**
 * POST .../batch/archive: inputs `[{id}]` (record ids). Archives the live ones and answers 204 with no body.
 * Ids that name no live record are ignored, as HubSpot's DELETE answers 204 for them too (guess, noted).
 */
import { parseId, parseInputs } from './batchInput';
import { OperationOutcome, OperationRequest, refused } from './operation';

export function executeBatchArchive(req: OperationRequest): OperationOutcome {
	const parsed = parseInputs(req.raw);
	if (!parsed.ok) return refused(400, parsed.error, parsed.inputCount);
	const n = parsed.value.inputs.length;
	const ids: string[] = [];
	for (const [i, input] of parsed.value.inputs.entries()) {
		const id = parseId(input.id, `inputs[${i}]`, n);
		if (!id.ok) return refused(400, id.error, n);
		ids.push(id.value);
	}
	let archived = 0;
	for (const id of ids) if (req.store.archive(id)) archived++;
	return { status: 204, archived };
}
