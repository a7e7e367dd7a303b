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
