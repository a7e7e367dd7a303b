import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RateLimitPacer } from '../../../engine/pacer';
import type { PropertyLookup } from '../../../helpers/inputs';
import { fetchGoalTargetProperties } from '../../../methods/goalTargetProperties';

/**
 * The account's goal target properties, read once per run: values are converted to each
 * property's format and unknown or read-only properties refused per item, instead of HubSpot
 * refusing whole requests. Without them (no access, HubSpot down) values go as plain text,
 * unless the run cannot do without them (`neededFor`: it then stops, saying why).
 */
export async function loadPropertyLookup(
	context: IExecuteFunctions,
	pacer: RateLimitPacer,
	neededFor?: string,
): Promise<PropertyLookup | undefined> {
	// The read counts in HubSpot's window like any request: it takes its slot in the pacer.
	const answered = await pacer.acquire(context.getExecutionCancelSignal?.());
	// Its headers tell the pacer the window's size and use: the requests after it need not probe.
	let headers: Record<string, string> | undefined;
	try {
		const properties = await fetchGoalTargetProperties(context, undefined, (h) => (headers = h));
		return new Map(properties.map((property) => [property.name, property]));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		if (neededFor) {
			throw new NodeOperationError(
				context.getNode(),
				`Could not read the account's goal target properties, which ${neededFor}: ${reason}. Nothing was sent.`,
			);
		}
		context.logger.warn(
			`HubSpot Goal Targets: could not read the goal target properties, values are sent unchecked: ${reason}`,
		);
		return undefined;
	} finally {
		answered(headers);
	}
}
