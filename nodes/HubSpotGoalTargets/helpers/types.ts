import type { IDataObject } from 'n8n-workflow';

/** One input of HubSpot's batch upsert body, exactly as sent. */
export interface UpsertInput {
	id: string;
	idProperty: string;
	properties: Record<string, string>;
	objectWriteTraceId: string;
}

/** An upsert input together with where it came from. */
export interface PreparedInput {
	/** Position in the run's list of inputs: output order and identity. */
	seq: number;
	itemIndex: number;
	input: UpsertInput;
}

/** What the node reports for one input HubSpot (or the node) rejected. */
export interface InputErrorDetails {
	message: string;
	httpCode?: string;
	category?: string;
	subCategory?: string;
	context?: IDataObject;
	correlationId?: string;
	/** Set when the node itself refused the input before sending it. */
	field?: string;
}

/** An input that could not be turned into an upsert input. */
export interface InputProblem {
	seq: number;
	itemIndex: number;
	error: InputErrorDetails;
	/** What the node would have sent, as far as it could be built. */
	input: IDataObject;
}

export type BuiltInput = PreparedInput | InputProblem;

export function isInputProblem(built: BuiltInput): built is InputProblem {
	return 'error' in built;
}

/** HubSpot's result object for one upserted goal target. */
export interface UpsertResult extends IDataObject {
	id: string;
	properties: IDataObject;
	objectWriteTraceId?: string;
	new?: boolean;
}

/** HubSpot's StandardError inside a 207, every field optional in practice. */
export interface HubSpotStandardError extends IDataObject {
	status?: string;
	category?: string;
	subCategory?: string;
	message?: string;
	context?: IDataObject;
	errors?: IDataObject[];
	id?: string;
}

export interface BatchUpsertResponseBody extends IDataObject {
	status?: string;
	results?: UpsertResult[];
	errors?: HubSpotStandardError[];
	numErrors?: number;
}

/** The outcome of one input once its request is settled. */
export type InputOutcome =
	| { seq: number; itemIndex: number; ok: true; result: UpsertResult }
	| { seq: number; itemIndex: number; ok: false; error: InputErrorDetails; input: IDataObject };
