import type { IExecuteFunctions } from 'n8n-workflow';

import type { RateLimitPacer } from '../../../engine/pacer';
import type { RunOptions } from '../../../engine/runBatchOperation';
import type { PropertyLookup } from '../../../helpers/inputs';
import { WRITE_MODE_NAMES } from '../../../helpers/writeMode';
import { loadPropertyLookup } from './propertyLookup';

/** The account's properties as a write run uses them. */
export interface WriteSchemas {
	/** To convert and check values (Check Values Against HubSpot Properties). */
	forValues?: PropertyLookup;
	/** To compare values with the records' (Write Mode changed or preview). */
	forComparison?: PropertyLookup;
}

/**
 * Reads the account's properties once for the run when it needs them: to check values (on by
 * default), and always in Write Mode `changed` and `preview`, which compare each value by its
 * property's type (the run stops when they cannot be read: it cannot compare without them).
 */
export async function loadWriteSchemas(
	context: IExecuteFunctions,
	pacer: RateLimitPacer,
	options: RunOptions,
): Promise<WriteSchemas> {
	if (options.writeMode === 'all') {
		return {
			forValues: options.validateProperties ? await loadPropertyLookup(context, pacer) : undefined,
		};
	}
	const schema = await loadPropertyLookup(
		context,
		pacer,
		`Write Mode '${WRITE_MODE_NAMES[options.writeMode]}' needs to compare values by their type`,
	);
	return { forValues: options.validateProperties ? schema : undefined, forComparison: schema };
}
