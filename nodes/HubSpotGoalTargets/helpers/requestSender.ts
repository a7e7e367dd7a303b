import { inputsNamedByRejection } from './attribution';
import { failedOutcome, correlateBatchResponse } from './correlate';
import { requestErrorDetails } from './errors';
import type { PacerClock, RateLimitPacer } from './pacer';
import { backoffMs, judgeAttempt, type HttpAttempt } from './retryPolicy';
import type { BatchUpsertResponseBody, InputErrorDetails, InputOutcome, PreparedInput } from './types';

export interface RunnerOptions {
	maxRetries: number;
	maxConcurrency: number;
	isolateFailures: boolean;
	/** Waits for the rate-limit window do not count as retries, but are bounded too. */
	maxRateLimitWaits: number;
	pacer: RateLimitPacer;
	clock: PacerClock;
	random: () => number;
	log: (message: string, meta?: Record<string, unknown>) => void;
}

export interface RunStats {
	requests: number;
	retries: number;
	rateLimited: number;
	isolationRequests: number;
	backoffWaitMs: number;
}

export interface FatalStop {
	reason: 'auth' | 'dailyLimit';
	details: InputErrorDetails;
}

export interface RunResult {
	outcomes: InputOutcome[];
	stats: RunStats;
	fatal?: FatalStop;
}

function attemptErrorDetails(attempt: HttpAttempt): InputErrorDetails {
	if (attempt.kind === 'network') {
		return { message: `Could not reach HubSpot: ${attempt.message}`, category: 'NETWORK_ERROR', context: { code: attempt.code } };
	}
	return requestErrorDetails(attempt.statusCode, attempt.body);
}

function fatalDetails(reason: FatalStop['reason'], attempt: HttpAttempt): InputErrorDetails {
	const details = attemptErrorDetails(attempt);
	if (reason === 'dailyLimit') {
		return {
			...details,
			message: `HubSpot's daily request limit for this account is spent (${details.message}). It resets at midnight in the account's time zone.`,
		};
	}
	return details;
}

/** A whole-request refusal: what HubSpot said, to split the request on or to report. */
interface Refusal {
	status: number;
	body: unknown;
	details: InputErrorDetails;
}

/** What one request (with its retries) came to. */
type Sent =
	/** HubSpot answered 200/207: every input has its own outcome. */
	| { kind: 'answered'; outcomes: InputOutcome[] }
	/** No answer worth having (retries spent, run stopped): every input failed with the reason. */
	| { kind: 'failed'; outcomes: InputOutcome[] }
	/** HubSpot refused the request as a whole. */
	| { kind: 'refused'; refusal: Refusal };

/**
 * Sends one request's inputs to HubSpot with everything that may take: pacing, retries after
 * outages and lost connections, waits after 429s, and isolating the inputs HubSpot refused when it
 * refuses a request as a whole. It settles every input it is given exactly once.
 */
export class RequestSender {
	readonly stats: RunStats = { requests: 0, retries: 0, rateLimited: 0, isolationRequests: 0, backoffWaitMs: 0 };

	/** Set when an answer means the run cannot go on; nothing more is sent after it. */
	fatal: FatalStop | undefined;

	constructor(
		private readonly send: (inputs: PreparedInput[]) => Promise<HttpAttempt>,
		private readonly options: RunnerOptions,
	) {}

	failAll(inputs: PreparedInput[], details: InputErrorDetails): InputOutcome[] {
		return inputs.map((prepared) => failedOutcome(prepared, details));
	}

	notSent(inputs: PreparedInput[]): InputOutcome[] {
		return this.failAll(inputs, notSent(this.fatal!));
	}

	/** One request for `inputs`, repeated while worth it (5xx, 423, 477, lost connections, 429). */
	private async sendOne(inputs: PreparedInput[], isolating: boolean): Promise<Sent> {
		const { pacer, clock, log } = this.options;
		const { stats, options } = this;
		let retries = 0;
		let rateLimitWaits = 0;
		for (;;) {
			if (this.fatal) return { kind: 'failed', outcomes: this.notSent(inputs) };
			const answered = await pacer.acquire();
			if (this.fatal) {
				answered();
				return { kind: 'failed', outcomes: this.notSent(inputs) };
			}
			stats.requests++;
			if (isolating) stats.isolationRequests++;
			let attempt: HttpAttempt | undefined;
			try {
				attempt = await this.send(inputs);
			} finally {
				// Not an answer (the run was cancelled): free the slot, let the error go on.
				if (attempt === undefined) answered();
			}
			answered(attempt.kind === 'response' ? attempt.headers : undefined);
			const verdict = judgeAttempt(attempt);

			if (verdict.kind === 'answered' && attempt.kind === 'response') {
				return {
					kind: 'answered',
					outcomes: correlateBatchResponse(inputs, attempt.body as BatchUpsertResponseBody, attempt.statusCode),
				};
			}
			if (verdict.kind === 'fatal') {
				const stop: FatalStop = { reason: verdict.reason, details: fatalDetails(verdict.reason, attempt) };
				this.fatal ??= stop;
				return { kind: 'failed', outcomes: this.failAll(inputs, stop.details) };
			}
			if (verdict.kind === 'retry') {
				if (verdict.rateLimited) {
					stats.rateLimited++;
					rateLimitWaits++;
					if (rateLimitWaits > options.maxRateLimitWaits) {
						const details = attemptErrorDetails(attempt);
						return {
							kind: 'failed',
							outcomes: this.failAll(inputs, {
								...details,
								message: `${details.message} (still rate limited after waiting ${options.maxRateLimitWaits} times)`,
							}),
						};
					}
					pacer.pause(verdict.minWaitMs);
					log(`HubSpot rate limit reached; waiting for the window`, { inputs: inputs.length });
					continue;
				}
				retries++;
				if (retries > options.maxRetries) {
					const details = attemptErrorDetails(attempt);
					const gaveUp = options.maxRetries === 0 ? 'not retried: Max Retries is 0' : `gave up after ${options.maxRetries} retries`;
					return { kind: 'failed', outcomes: this.failAll(inputs, { ...details, message: `${details.message} (${gaveUp})` }) };
				}
				stats.retries++;
				const wait = Math.max(verdict.minWaitMs, backoffMs(retries, options.random()));
				stats.backoffWaitMs += wait;
				log(`HubSpot request failed: ${verdict.reason}; retry ${retries} of ${options.maxRetries} in ${wait} ms`, {
					inputs: inputs.length,
				});
				await clock.sleep(wait);
				continue;
			}
			// Refused whole: the same request gets the same answer.
			const status = attempt.kind === 'response' ? attempt.statusCode : 0;
			const body = attempt.kind === 'response' ? attempt.body : undefined;
			return { kind: 'refused', refusal: { status, body, details: attemptErrorDetails(attempt) } };
		}
	}

	/** Sends `inputs` as one request; when HubSpot refuses it whole, finds the inputs it refused. */
	async settle(inputs: PreparedInput[], isolating = false): Promise<InputOutcome[]> {
		const sent = await this.sendOne(inputs, isolating);
		return sent.kind === 'refused' ? await this.isolate(inputs, sent.refusal) : sent.outcomes;
	}

	/**
	 * `inputs` were refused as a whole. Inputs the refusal names fail and the others go again;
	 * when it names none, halves are sent until every refused input stands alone. A half is not
	 * sent when its sibling went through: the refusal must then come from it, so it is split
	 * straight away. A single input is always sent, so that its error is its own.
	 */
	private async isolate(inputs: PreparedInput[], refusal: Refusal): Promise<InputOutcome[]> {
		const { log } = this.options;
		const { options } = this;
		const splittable =
			options.isolateFailures && inputs.length > 1 && (refusal.status === 400 || refusal.status === 409);
		if (!splittable) return this.failAll(inputs, refusal.details);
		if (this.fatal) return this.notSent(inputs);
		const named = inputsNamedByRejection(inputs, refusal.body);
		if (named.length === inputs.length) return this.failAll(inputs, refusal.details);
		if (named.length > 0) {
			const namedSeqs = new Set(named.map((p) => p.seq));
			log(`HubSpot refused a request for ${named.length} named inputs; sending the other ${inputs.length - named.length} again`);
			const rest = await this.settle(
				inputs.filter((p) => !namedSeqs.has(p.seq)),
				true,
			);
			return [...this.failAll(named, refusal.details), ...rest];
		}
		const half = Math.ceil(inputs.length / 2);
		const left = inputs.slice(0, half);
		const right = inputs.slice(half);
		log(`HubSpot refused a request of ${inputs.length} inputs without naming one; splitting it to find the bad ones`);
		const leftSent = await this.sendOne(left, true);
		const leftOutcomes = leftSent.kind === 'refused' ? await this.isolate(left, leftSent.refusal) : leftSent.outcomes;
		if (leftSent.kind === 'answered' && right.length > 1) {
			return [...leftOutcomes, ...(await this.isolate(right, refusal))];
		}
		return [...leftOutcomes, ...(await this.settle(right, true))];
	}
}

function notSent(fatal: FatalStop): InputErrorDetails {
	return { ...fatal.details, message: `Not sent: ${fatal.details.message}` };
}
