import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { InputOutcome, PreparedInput } from './types';

/** One HTTP request to HubSpot, built from a request's inputs; the path is relative to the base URL. */
export interface BatchRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/**
 * A request-level parameter HubSpot refused (an idProperty that is not unique, a property list it
 * does not take): every request carrying it would be refused the same way, whatever its inputs.
 */
export interface RefusedParameter<I> {
	/** What was refused, for the messages of inputs not sent for it: e.g. `idProperty 'hs_goal_name'`. */
	name: string;
	/** Whether an input's request carries the parameter. */
	carriedBy: (input: I) => boolean;
}

/**
 * What the engine needs to know about one batch operation of HubSpot's API. The engine does the
 * rest the same for every operation: cutting inputs into requests, pacing to the rate limit,
 * retries, isolating the inputs HubSpot refuses, and settling every input exactly once.
 */
export interface BatchOperation<I> {
	/** Inputs per request HubSpot accepts at most. */
	maxBatchSize: number;
	/**
	 * Inputs with the same key may not share a request (two writes of one record): the later one
	 * goes into a later request, sent once the earlier request is done, so both happen in order.
	 */
	conflictKey?: (input: I) => string;
	/** Only inputs with the same key may share a request (a request-level parameter such as batch read's idProperty). */
	requestKey?: (input: I) => string;
	buildRequest: (inputs: Array<PreparedInput<I>>) => BatchRequest;
	/** The HTTP statuses whose body answers the request input by input (e.g. 200 and 207, or 204 for archive). */
	answerStatuses: readonly number[];
	/**
	 * Reads an answer into one outcome per input (inputs it leaves out fail as "no result"), or
	 * undefined when the body cannot be read (cut off): the answer then counts as lost.
	 */
	readAnswer: (
		inputs: Array<PreparedInput<I>>,
		statusCode: number,
		body: unknown,
	) => InputOutcome[] | undefined;
	/**
	 * When HubSpot refuses a request whole for a request-level parameter, one no input of it can
	 * cause alone (batch read's idProperty, properties or archived; the idProperty of a write, which
	 * HubSpot refuses for the whole request): which parameter. Every input of the run carrying it
	 * then fails with that reason, and no later request carrying it is sent. Undefined for refusals
	 * that one input can cause: those are isolated. Operations without request-level parameters
	 * (create, archive) leave it out.
	 */
	refusedParameter?: (
		inputs: Array<PreparedInput<I>>,
		statusCode: number,
		body: unknown,
	) => RefusedParameter<I> | undefined;
	/** The inputs a whole-request refusal names (a property that does not exist): they fail, the rest go again. */
	namedByRefusal?: (inputs: Array<PreparedInput<I>>, body: unknown) => Array<PreparedInput<I>>;
	/** Whether the request changes records: a lost answer then means they may have been changed. */
	writes: boolean;
	/**
	 * Whether the same request may be sent again after its answer was lost (a timeout, a reset
	 * connection, a cut-off body). Upsert, update and archive may: repeating them changes nothing
	 * more. Create may not: it would create the records twice.
	 */
	resendAfterLostAnswer: boolean;
	/** What "may have been written" means for this operation, e.g. "may have been created". */
	lostAnswerMeans?: string;
}
