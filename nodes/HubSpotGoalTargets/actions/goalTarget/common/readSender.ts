import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { requestErrorDetails } from '../../../helpers/errors';
import { RateLimitPacer, type PacerClock } from '../../../helpers/pacer';
import { backoffMs, judgeAttempt } from '../../../helpers/retryPolicy';
import { baseUrlOf, hubSpotApiRequest } from '../../../transport';
import { SEARCH_REQUESTS_PER_SECOND } from '../search/searchLimits';
import { ReadFailure, type SendRead } from './readRequest';

/**
 * The sender of one run's read requests: `list` paces to HubSpot's rolling window (learnt from its
 * headers), `search` to HubSpot's search limit, whose answers carry no headers.
 */
export async function createReadSender(context: IExecuteFunctions, kind: 'list' | 'search'): Promise<SendRead> {
	const clock: PacerClock = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };
	const pacer =
		kind === 'search' ? new RateLimitPacer(clock, { max: SEARCH_REQUESTS_PER_SECOND, intervalMs: 1000 }) : new RateLimitPacer(clock);
	const baseUrl = await baseUrlOf(context);
	const maxRetries = 5;
	return async (request) => {
		let retries = 0;
		for (;;) {
			const answered = await pacer.acquire();
			let attempt;
			try {
				attempt = await hubSpotApiRequest(context, { ...request, baseUrl });
			} finally {
				answered(attempt?.kind === 'response' ? attempt.headers : undefined);
			}
			const verdict = judgeAttempt(attempt);
			if (verdict.kind === 'answered' && attempt.kind === 'response') return attempt.body;
			const details =
				attempt.kind === 'network'
					? { message: `Could not reach HubSpot: ${attempt.message}`, category: 'NETWORK_ERROR' }
					: requestErrorDetails(attempt.statusCode, attempt.body);
			if (verdict.kind === 'fatal') throw new ReadFailure(details, verdict.reason);
			if (verdict.kind !== 'retry' || retries >= maxRetries) throw new ReadFailure(details);
			if (verdict.rateLimited) pacer.pause(verdict.minWaitMs);
			else await clock.sleep(Math.max(verdict.minWaitMs, backoffMs(++retries, Math.random())));
		}
	};
}
