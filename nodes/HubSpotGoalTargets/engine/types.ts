import type { IDataObject } from 'n8n-workflow';

import type { ErrorDetails } from '../transport/errors';

/** One input of a batch request (its shape is the operation's), together with where it came from. */
export interface PreparedInput<I = unknown> {
	/** Position in the run's list of inputs: output order and identity. */
	seq: number;
	itemIndex: number;
	input: I;
}

/** What the node reports for one input HubSpot (or the node) rejected. */
export interface InputErrorDetails extends ErrorDetails {
	/** Set when the node itself refused the input before sending it. */
	field?: string;
}

/** An input that could not be built from its item. */
export interface InputProblem {
	seq: number;
	itemIndex: number;
	error: InputErrorDetails;
	/** What the node would have sent, as far as it could be built. */
	input: IDataObject;
}

export type BuiltInput<I = unknown> = PreparedInput<I> | InputProblem;

export function isInputProblem<I>(built: BuiltInput<I>): built is InputProblem {
	return 'error' in built;
}

/** The outcome of one input once its request is settled. */
export type InputOutcome =
	| { seq: number; itemIndex: number; ok: true; result: IDataObject }
	| { seq: number; itemIndex: number; ok: false; error: InputErrorDetails; input: IDataObject };

/** Error categories the node sets itself (HubSpot's own categories pass through unchanged). */
export const NODE_CATEGORIES = {
	invalidInput: 'INVALID_INPUT',
	noResult: 'NO_RESULT',
	/** The request may have been carried out, but its answer was lost. */
	unknownOutcome: 'UNKNOWN_OUTCOME',
	cancelled: 'CANCELLED',
	network: 'NETWORK_ERROR',
	/** An answer larger than any HubSpot answer can be: not read. */
	answerTooLarge: 'ANSWER_TOO_LARGE',
	/** The run cannot reach HubSpot as configured (the Base URL's certificate or TLS). */
	configuration: 'CONFIGURATION_ERROR',
} as const;
