import type { PropertyLookup } from '../helpers/propertySchema';
import { propertiesPath } from '../transport/apiVersion';
import { readPropertyPages } from '../transport/propertyPages';
import { createReadSender } from './readSender';
import type { RunContext } from './runContext';

/**
 * The account's goal target properties, or why they could not be read. The read goes through the
 * run's sender like every request: it counts in HubSpot's window, its headers teach the pacer the
 * window (the requests after it need not probe), and it is retried like the others.
 */
export async function readPropertyLookup(
	run: RunContext,
): Promise<{ ok: true; lookup: PropertyLookup } | { ok: false; reason: string }> {
	const send = createReadSender(run);
	const path = propertiesPath(run.apiVersion);
	try {
		const properties = await readPropertyPages(
			async (qs) => await send({ method: 'GET', path, qs }),
		);
		return { ok: true, lookup: new Map(properties.map((property) => [property.name, property])) };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}

/**
 * The account's goal target properties, read once per run: values are converted to each
 * property's format and unknown or read-only properties refused per item, instead of HubSpot
 * refusing whole requests. Without them (no access, HubSpot down) values go as plain text.
 */
export async function loadPropertyLookup(run: RunContext): Promise<PropertyLookup | undefined> {
	const read = await readPropertyLookup(run);
	if (read.ok) return read.lookup;
	run.node.logger.warn(
		`HubSpot Goal Targets: could not read the goal target properties, values are sent unchecked: ${read.reason}`,
	);
	return undefined;
}
