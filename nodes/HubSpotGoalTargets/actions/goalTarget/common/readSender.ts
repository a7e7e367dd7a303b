import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BatchOperation } from '../../../engine/operation';
import { RateLimitPacer, type PacerClock } from '../../../engine/pacer';
import { pacerFor } from '../../../engine/pacerRegistry';
import { RequestSender } from '../../../engine/requestSender';
import { WaitBudget } from '../../../engine/waitBudget';
import { baseUrlOf, credentialTypeOf, rateLimitKeyOf } from '../../../transport/credential';
import { hubSpotApiRequest } from '../../../transport/request';
import { SEARCH_REQUESTS_PER_SECOND } from '../search/searchLimits';
import { ReadFailure, type ReadRequest, type SendRead } from './readRequest';

/**
 * A page read as the engine sees it: one request with one input (the request itself), answered
 * 200 with a page, safe to send again when its answer was lost (it changes nothing).
 */
const pageRead: BatchOperation<ReadRequest> = {
	maxBatchSize: 1,
	buildRequest: ([page]) => page.input,
	answerStatuses: [200],
	readAnswer: ([page], _statusCode, body) =>
		typeof body === 'object' && body !== null && Array.isArray((body as IDataObject).results)
			? [{ seq: page.seq, itemIndex: page.itemIndex, ok: true, result: body as IDataObject }]
			: undefined,
	writes: false,
	resendAfterLostAnswer: true,
};

/**
 * The sender of one run's read requests, through the engine that sends the batch operations' (the
 * same pacing, retries, waits and error details): `list` paces to HubSpot's rolling window, learnt
 * from its headers; `search` to HubSpot's search limit, whose answers carry no headers.
 */
export async function createReadSender(
	context: IExecuteFunctions,
	kind: 'list' | 'search',
): Promise<SendRead> {
	const clock: PacerClock = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };
	const credentialType = credentialTypeOf(context);
	const baseUrl = await baseUrlOf(context, credentialType);
	// Shared with the runs on the same app in this process (see pacerRegistry); search has a limit
	// of its own.
	const pacer = pacerFor(
		rateLimitKeyOf(context, credentialType, baseUrl, kind === 'search' ? 'search' : 'window'),
		() =>
			kind === 'search'
				? new RateLimitPacer(clock, { max: SEARCH_REQUESTS_PER_SECOND, intervalMs: 1000 })
				: new RateLimitPacer(clock),
		clock.now(),
	);
	const signal = context.getExecutionCancelSignal?.();
	const sender = new RequestSender<ReadRequest>(
		async ([page]) =>
			await hubSpotApiRequest(context, {
				...page.input,
				credentialType,
				baseUrl,
				abortSignal: signal,
			}),
		{
			maxRetries: 5,
			maxConcurrency: 1,
			isolateFailures: false,
			maxRateLimitWaits: 20,
			pacer,
			clock,
			random: Math.random,
			log: (message, meta) => context.logger.debug(`HubSpot Goal Targets: ${message}`, meta),
			operation: pageRead,
			waitBudget: new WaitBudget(clock),
			signal,
		},
	);
	let seq = 0;
	return async (request) => {
		const [outcome] = await sender.settle([{ seq: seq++, itemIndex: 0, input: request }]);
		if (outcome.ok) return outcome.result;
		throw new ReadFailure(outcome.error, sender.fatal?.reason);
	};
}
