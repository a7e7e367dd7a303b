import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ValueReading } from '../../../helpers/options';

/** A parameter the node cannot use; `field` names it as the node's parameters do (e.g. `limit`). */
export class ParameterError extends Error {
	constructor(
		message: string,
		readonly field: string,
	) {
		super(message);
		this.name = 'ParameterError';
	}
}

/** A checked parameter's value, or a ParameterError with the check's message, naming `field`. */
export function checkedValue<T>(reading: ValueReading<T>, field: string): T {
	if (reading.ok) return reading.value;
	throw new ParameterError(reading.message, field);
}

/**
 * Parameters the whole run depends on, read by `read` before anything is sent: one that cannot be
 * used stops the node with the check's message.
 */
export function checkedParameters<T>(node: IExecuteFunctions, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw new NodeOperationError(node.getNode(), error as Error);
	}
}
