import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BatchOperation, BatchRequest } from '../engine/operation';
import { RateLimitPacer, type PacerClock } from '../engine/pacer';
import { pacerFor } from '../engine/pacerRegistry';
import type { RunnerOptions } from '../engine/runnerOptions';
import { WaitBudget } from '../engine/waitBudget';
import type { RateLimitState } from '../engine/windowLog';
import { apiVersionOf, type ApiVersion } from '../transport/apiVersion';
import {
	credentialTypeOf,
	runCredentialOf,
	rateLimitKeyOf,
	type RateLimitName,
} from '../transport/credential';
import type { HttpAttempt } from '../transport/httpAttempt';
import { hubSpotApiRequest } from '../transport/request';

/** How a run sends its requests: its Options, or the read operations' fixed values. */
export interface SendingSettings {
	/** Max Retries: retries after outages and lost connections. */
	maxRetries: number;
	/** Max Concurrent Requests. */
	maxConcurrency: number;
	/** Isolate Failures: split requests HubSpot refuses as a whole. */
	isolateFailures: boolean;
	/** Timeout (Ms) of one request; HubSpot's answers take far less (30 s unless given). */
	timeoutMs?: number;
}

/** Get Many and Search: one page at a time, retried, never split. */
export const READ_SENDING: SendingSettings = {
	maxRetries: 5,
	maxConcurrency: 1,
	isolateFailures: false,
};

/** The rate limit a run's requests count in: HubSpot's rolling window unless said otherwise. */
export interface RateLimit {
	name: RateLimitName;
	/** The window until HubSpot's headers tell it (search's answers carry none). */
	window?: RateLimitState;
}

/** Waits for the rate-limit window do not count as retries, but are bounded too. */
const MAX_RATE_LIMIT_WAITS = 20;

/**
 * What every request of one run shares, built once when the run starts: the credential, the Base
 * URL, the API version, the pacer (shared with the other runs on the same app in this process, see
 * pacerRegistry), the cancel signal and the wait budget. Every request of the run goes through
 * `send` and the engine with `senderOptions` (batch requests, Write Mode's reads, the pages of Get
 * Many and Search, the property lookup), so all are paced, timed, retried and cancelled alike.
 */
export interface RunContext {
	/** n8n's functions of this execution. */
	readonly node: IExecuteFunctions;
	readonly credentialType: string;
	readonly baseUrl: string;
	readonly apiVersion: ApiVersion;
	readonly signal: AbortSignal | undefined;
	readonly clock: PacerClock;
	readonly pacer: RateLimitPacer;
	readonly waitBudget: WaitBudget;
	readonly sending: SendingSettings;
	/** Sends one request with the run's credential, host, Timeout and cancel signal. */
	send(request: BatchRequest): Promise<HttpAttempt>;
	/** How the engine sends `operation`'s requests in this run; `isolate: false` never splits them. */
	senderOptions<I>(operation: BatchOperation<I>, isolate?: boolean): RunnerOptions<I>;
}

/** The run's context; a Base URL the token must not go to stops the node here, before any request. */
export async function createRunContext(
	node: IExecuteFunctions,
	sending: SendingSettings,
	rateLimit: RateLimit = { name: 'window' },
): Promise<RunContext> {
	const clock: PacerClock = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };
	const credentialType = credentialTypeOf(node);
	const { baseUrl, credential } = await runCredentialOf(node, credentialType);
	const pacer = pacerFor(
		rateLimitKeyOf(node, credentialType, baseUrl, rateLimit.name),
		() => new RateLimitPacer(clock, rateLimit.window),
		clock.now(),
	);
	const signal = node.getExecutionCancelSignal?.();
	const waitBudget = new WaitBudget(clock);
	const log = (message: string, meta?: Record<string, unknown>) =>
		node.logger.debug(`HubSpot Goal Targets: ${message}`, meta);
	return {
		node,
		credentialType,
		baseUrl,
		apiVersion: apiVersionOf(node),
		signal,
		clock,
		pacer,
		waitBudget,
		sending,
		send: async (request) =>
			await hubSpotApiRequest(node, {
				...request,
				credentialType,
				baseUrl,
				timeoutMs: sending.timeoutMs,
				abortSignal: signal,
				credential,
			}),
		senderOptions: (operation, isolate = true) => ({
			maxRetries: sending.maxRetries,
			maxConcurrency: sending.maxConcurrency,
			isolateFailures: sending.isolateFailures && isolate,
			maxRateLimitWaits: MAX_RATE_LIMIT_WAITS,
			pacer,
			clock,
			random: Math.random,
			log,
			operation,
			waitBudget,
			signal,
		}),
	};
}
