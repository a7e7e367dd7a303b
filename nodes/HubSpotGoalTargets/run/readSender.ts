import type { IDataObject } from 'n8n-workflow';

import type { BatchOperation } from '../engine/operation';
import { RequestSender } from '../engine/requestSender';
import { ReadFailure, type ReadRequest, type SendRead } from './readRequest';
import type { RunContext } from './runContext';

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
 * The sender of a run's read requests (pages of records or of properties), through the engine that
 * sends the batch operations' requests: the same pacing, retries, waits and error details.
 */
export function createReadSender(run: RunContext): SendRead {
	const sender = new RequestSender<ReadRequest>(
		async ([page]) => await run.send(page.input),
		run.senderOptions(pageRead, false),
	);
	let seq = 0;
	return async (request) => {
		const [outcome] = await sender.settle([{ seq: seq++, itemIndex: 0, input: request }]);
		if (outcome.ok) return outcome.result;
		throw new ReadFailure(outcome.error, sender.fatal?.reason);
	};
}
