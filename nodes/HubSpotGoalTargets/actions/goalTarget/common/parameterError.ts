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
