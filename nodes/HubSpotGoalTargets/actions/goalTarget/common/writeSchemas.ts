import { NodeOperationError } from 'n8n-workflow';

import type { PropertyLookup } from '../../../helpers/propertySchema';
import { WRITE_MODE_NAMES } from '../../../helpers/writeMode';
import { loadPropertyLookup, readPropertyLookup } from '../../../run/propertyLookup';
import type { ItemReader } from '../../../run/readItems';
import type { RunContext } from '../../../run/runContext';
import type { RunOptions } from '../../../run/runOptions';

/** The account's properties as a write run uses them. */
export interface WriteSchemas {
	/** To convert and check values (Check Values Against HubSpot Properties). */
	forValues?: PropertyLookup;
	/** To compare values with the records' (Write Mode changed or preview). */
	forComparison?: PropertyLookup;
	/** Why the run cannot compare (the properties could not be read, and the node continues on error). */
	unavailable?: string;
}

/**
 * Reads the account's properties once for the run when it needs them: to check values (on by
 * default), and always in Write Mode `changed` and `preview`, which compare each value by its
 * property's type. When they cannot be read, such a run stops; with Settings > On Error set to
 * continue, `unavailable` says why and nothing is sent.
 */
export async function loadWriteSchemas(
	run: RunContext,
	options: RunOptions,
): Promise<WriteSchemas> {
	if (options.writeMode === 'all') {
		return { forValues: options.validateProperties ? await loadPropertyLookup(run) : undefined };
	}
	const read = await readPropertyLookup(run);
	if (!read.ok) {
		const message = `Could not read the account's goal target properties, which Write Mode '${WRITE_MODE_NAMES[options.writeMode]}' needs to compare values by their type: ${read.reason}. Nothing was sent.`;
		if (run.node.continueOnFail()) return { unavailable: message };
		throw new NodeOperationError(run.node.getNode(), message);
	}
	const schema = read.lookup;
	return { forValues: options.validateProperties ? schema : undefined, forComparison: schema };
}

/** Every item to the Error output with `reason`, nothing sent (the run cannot compare). */
export function notSentReader<I>(reason: string): ItemReader<I> {
	return (_params, itemIndex, seq) => [
		{ seq, itemIndex, error: { message: `Not sent: ${reason}` }, input: {} },
	];
}
