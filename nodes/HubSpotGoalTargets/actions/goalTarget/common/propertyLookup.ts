import type { IExecuteFunctions } from 'n8n-workflow';

import type { RateLimitPacer } from '../../../engine/pacer';
import type { PropertyLookup } from '../../../helpers/inputs';
import { fetchGoalTargetProperties } from '../../../methods/goalTargetProperties';

/**
 * The account's goal target properties, read once per run: values are converted to each
 * property's format and unknown or read-only properties refused per item, instead of HubSpot
 * refusing whole requests. Without them (no access, HubSpot down) values go as plain text.
 */
export async function loadPropertyLookup(
	context: IExecuteFunctions,
	pacer: RateLimitPacer,
): Promise<PropertyLookup | undefined> {
	const read = await readPropertyLookup(context, pacer);
	if (read.ok) return read.lookup;
	context.logger.warn(
		`HubSpot Goal Targets: could not read the goal target properties, values are sent unchecked: ${read.reason}`,
	);
	return undefined;
}

/** The account's goal target properties, or why they could not be read. */
export async function readPropertyLookup(
	context: IExecuteFunctions,
	pacer: RateLimitPacer,
): Promise<{ ok: true; lookup: PropertyLookup } | { ok: false; reason: string }> {
	// The read counts in HubSpot's window like any request: it takes its slot in the pacer.
	const answered = await pacer.acquire(context.getExecutionCancelSignal?.());
	// Its headers tell the pacer the window's size and use: the requests after it need not probe.
	let headers: Record<string, string> | undefined;
	try {
		const properties = await fetchGoalTargetProperties(context, undefined, (h) => (headers = h));
		return { ok: true, lookup: new Map(properties.map((property) => [property.name, property])) };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	} finally {
		answered(headers);
	}
}
