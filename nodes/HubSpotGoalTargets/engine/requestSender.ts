import { abortable, cancelledDetails, isCancelled } from './cancel';
import { requestErrorDetails } from '../transport/errors';
import type { HttpAttempt } from '../transport/httpAttempt';
import { failedOutcome } from './correlate';
import type { BatchOperation } from './operation';
import type { PacerClock, RateLimitPacer } from './pacer';
import { RefusedParameters } from './refusedParameters';
import {
	backoffMs,
	judgeAttempt,
	unreadableAnswer,
	type AttemptVerdict,
	type FatalReason,
} from './retryPolicy';
import {
	NODE_CATEGORIES,
	type InputErrorDetails,
	type InputOutcome,
	type PreparedInput,
} from './types';
import type { WaitBudget } from './waitBudget';

export interface RunnerOptions<I = unknown> {
	maxRetries: number;
	maxConcurrency: number;
	isolateFailures: boolean;
	/** Waits for the rate-limit window do not count as retries, but are bounded too. */
	maxRateLimitWaits: number;
	pacer: RateLimitPacer;
	clock: PacerClock;
	random: () => number;
	log: (message: string, meta?: Record<string, unknown>) => void;
	/** What the requests are: how to read their answers, whether they may be repeated. */
	operation: BatchOperation<I>;
	/** Bounds the time spent waiting after errors and rate limits, per request and for the run. */
	waitBudget: WaitBudget;
	/** The execution's cancel signal: once aborted, nothing more is sent and no wait goes on. */
	signal?: AbortSignal;
}

export interface RunStats {
	requests: number;
	retries: number;
	rateLimited: number;
	isolationRequests: number;
	backoffWaitMs: number;
	/** Time the run spent waiting after errors and rate-limit answers (overlapping waits counted once). */
	waitedMs: number;
}

export interface FatalStop {
	reason: FatalReason;
	details: InputErrorDetails;
}

function attemptErrorDetails(attempt: HttpAttempt): InputErrorDetails {
	if (attempt.kind === 'tooLarge') {
		return {
			message: `The answer to this request (HTTP ${attempt.statusCode}) was larger than ${attempt.limit}, more than any HubSpot answer can be: the node stopped reading it`,
			httpCode: String(attempt.statusCode),
			category: NODE_CATEGORIES.answerTooLarge,
		};
	}
	if (attempt.kind === 'network' && attempt.tls) {
		return {
			message: attempt.message,
			category: NODE_CATEGORIES.configuration,
			context: { code: attempt.code },
		};
	}
	if (attempt.kind === 'network') {
		return {
			message: `Could not reach HubSpot: ${attempt.message}`,
			category: NODE_CATEGORIES.network,
			context: { code: attempt.code },
		};
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
	/** HubSpot answered: every input has its own outcome. */
	| { kind: 'answered'; outcomes: InputOutcome[] }
	/** No answer worth having (retries spent, run stopped): every input failed with the reason. */
	| { kind: 'failed'; outcomes: InputOutcome[] }
	/** HubSpot refused the request as a whole. */
	| { kind: 'refused'; refusal: Refusal }
	/** Not sent: some of its inputs carry a parameter HubSpot refused for another request meanwhile. */
	| { kind: 'withheld' };

/** Where one request stands, to tell what a cancellation or a lost answer means for its inputs. */
interface AttemptState {
	/** Sent, no answer yet. */
	inFlight: boolean;
	/** An earlier attempt may have been carried out without its answer reaching the node. */
	answerLost: boolean;
}

/** Whole-request refusals worth splitting: something in the request is bad (400, 409), or it is too large (413). */
const SPLITTABLE_STATUS = new Set([400, 409, 413]);

/**
 * Every input of `inputs` exactly once: the operation's outcome where it gave one (the first, if
 * it gave several), otherwise a failure saying HubSpot's answer had nothing for it.
 */
function completeOutcomes<I>(
	inputs: Array<PreparedInput<I>>,
	outcomes: InputOutcome[],
	missing: InputErrorDetails,
): InputOutcome[] {
	const bySeq = new Map<number, InputOutcome>();
	for (const outcome of outcomes) if (!bySeq.has(outcome.seq)) bySeq.set(outcome.seq, outcome);
	return inputs.map((prepared) => bySeq.get(prepared.seq) ?? failedOutcome(prepared, missing));
}

/**
 * Sends one request's inputs to HubSpot with everything that may take: pacing, retries after
 * outages and lost connections, waits after 429s, and isolating the inputs HubSpot refused when it
 * refuses a request as a whole. It settles every input it is given exactly once.
 */
export class RequestSender<I = unknown> {
	readonly stats: RunStats = {
		requests: 0,
		retries: 0,
		rateLimited: 0,
		isolationRequests: 0,
		backoffWaitMs: 0,
		waitedMs: 0,
	};

	/** Set when an answer means the run cannot go on; nothing more is sent after it. */
	fatal: FatalStop | undefined;

	/** Outcomes known so far, by input: an exception later never replaces them. */
	readonly known = new Map<number, InputOutcome>();

	/** Request-level parameters HubSpot refused: inputs carrying one are not sent. */
	private readonly refusedParameters = new RefusedParameters<I>();

	constructor(
		private readonly send: (inputs: Array<PreparedInput<I>>) => Promise<HttpAttempt>,
		private readonly options: RunnerOptions<I>,
	) {}

	failAll(inputs: Array<PreparedInput<I>>, details: InputErrorDetails): InputOutcome[] {
		return inputs.map((prepared) => failedOutcome(prepared, details));
	}

	/** Inputs that will not be sent: the run stopped (fatal answer) or was cancelled. */
	notSent(inputs: Array<PreparedInput<I>>): InputOutcome[] {
		if (this.fatal) return this.failAll(inputs, notSent(this.fatal));
		return this.failAll(inputs, cancelledDetails(false, this.options.operation));
	}

	/** Whether nothing more may be sent. */
	get stopped(): boolean {
		return this.fatal !== undefined || isCancelled(this.options.signal);
	}

	private record(outcomes: InputOutcome[]): InputOutcome[] {
		for (const outcome of outcomes) this.known.set(outcome.seq, outcome);
		return outcomes;
	}

	/** The inputs of a request whose answer was lost for good: they may have been written. */
	private unknownOutcome(
		inputs: Array<PreparedInput<I>>,
		cause: InputErrorDetails,
		why: string,
	): InputOutcome[] {
		const means = this.options.operation.lostAnswerMeans ?? 'may have been written';
		return this.failAll(inputs, {
			...cause,
			message: `${cause.message} (${why}). HubSpot's answer was lost: this input ${means}; check in HubSpot before sending it again.`,
			category: NODE_CATEGORIES.unknownOutcome,
			subCategory: cause.category,
		});
	}

	/** One request for `inputs`, repeated while worth it (5xx, 423, 477, lost connections, 429). */
	private async sendOne(inputs: Array<PreparedInput<I>>, isolating: boolean): Promise<Sent> {
		const { operation, signal } = this.options;
		const state: AttemptState = { inFlight: false, answerLost: false };
		return await this.attempts(inputs, isolating, state).catch(
			async (error: unknown): Promise<Sent> => {
				if (!isCancelled(signal)) return await Promise.reject(error);
				// Cancelled while waiting, or while the request was in flight (then it may have been carried out).
				const mayHaveWritten = operation.writes && (state.inFlight || state.answerLost);
				return {
					kind: 'failed',
					outcomes: this.failAll(inputs, cancelledDetails(mayHaveWritten, operation)),
				};
			},
		);
	}

	private async attempts(
		inputs: Array<PreparedInput<I>>,
		isolating: boolean,
		state: AttemptState,
	): Promise<Sent> {
		const { pacer, clock, log, operation, signal, waitBudget } = this.options;
		const { stats, options } = this;
		let retries = 0;
		let rateLimitWaits = 0;
		let requestWaitedMs = 0;
		/** Whether the next acquire follows an error or a 429: its wait is then counted against the budget. */
		let waitingAfterError = false;
		for (;;) {
			if (this.stopped) {
				if (state.answerLost && operation.writes) {
					const cause = this.fatal ? notSent(this.fatal) : cancelledDetails(false, operation);
					return { kind: 'failed', outcomes: this.unknownOutcome(inputs, cause, 'not sent again') };
				}
				return { kind: 'failed', outcomes: this.notSent(inputs) };
			}
			const waitStarted = clock.now();
			const endWait = waitingAfterError ? waitBudget.begin() : undefined;
			let answered;
			try {
				answered = await pacer.acquire(signal);
			} finally {
				endWait?.();
			}
			if (waitingAfterError) {
				requestWaitedMs += clock.now() - waitStarted;
				waitingAfterError = false;
			}
			if (this.stopped) {
				answered();
				continue;
			}
			if (!state.answerLost && this.refusedParameters.carriedByAny(inputs)) {
				answered();
				return { kind: 'withheld' };
			}
			stats.requests++;
			if (isolating) stats.isolationRequests++;
			let attempt: HttpAttempt | undefined;
			const sentAt = clock.now();
			state.inFlight = true;
			try {
				attempt = await this.send(inputs);
			} finally {
				// Not an answer (the run was cancelled): free the slot, let the error go on.
				if (attempt === undefined) answered();
			}
			state.inFlight = false;
			answered(attempt.kind === 'response' ? attempt.headers : undefined);
			let verdict: AttemptVerdict = judgeAttempt(attempt, operation.answerStatuses);

			if (verdict.kind === 'answered' && attempt.kind === 'response') {
				const outcomes = this.readAnswer(inputs, attempt.statusCode, attempt.body);
				if (outcomes) return { kind: 'answered', outcomes };
				verdict = unreadableAnswer(attempt.statusCode);
			}
			if (verdict.kind === 'retry') {
				// Time spent for no usable answer is time waited for HubSpot: it counts in both budgets.
				requestWaitedMs += clock.now() - sentAt;
				waitBudget.spentSince(sentAt);
			}
			if (verdict.kind === 'tooLarge') {
				// The same request would get the same answer: not sent again. A write's answer said
				// what was written, and it was not read.
				const details = attemptErrorDetails(attempt);
				if (!operation.writes) {
					const message = `${details.message} (not sent again: the same request would get the same answer)`;
					return { kind: 'failed', outcomes: this.failAll(inputs, { ...details, message }) };
				}
				return {
					kind: 'failed',
					outcomes: this.unknownOutcome(inputs, details, 'not sent again'),
				};
			}
			if (verdict.kind === 'fatal') {
				const stop: FatalStop = {
					reason: verdict.reason,
					details: fatalDetails(verdict.reason, attempt),
				};
				this.fatal ??= stop;
				if (state.answerLost && operation.writes) {
					return {
						kind: 'failed',
						outcomes: this.unknownOutcome(inputs, stop.details, 'not sent again'),
					};
				}
				return { kind: 'failed', outcomes: this.failAll(inputs, stop.details) };
			}
			if (verdict.kind === 'retry') {
				if (verdict.answerLost) {
					state.answerLost = true;
					if (!operation.resendAfterLostAnswer) {
						return {
							kind: 'failed',
							outcomes: this.unknownOutcome(inputs, attemptErrorDetails(attempt), 'not sent again'),
						};
					}
				}
				const giveUp = (why: string): Sent => {
					const details = attemptErrorDetails(attempt);
					if (state.answerLost && operation.writes)
						return { kind: 'failed', outcomes: this.unknownOutcome(inputs, details, why) };
					return {
						kind: 'failed',
						outcomes: this.failAll(inputs, { ...details, message: `${details.message} (${why})` }),
					};
				};
				if (verdict.rateLimited) {
					stats.rateLimited++;
					rateLimitWaits++;
					if (rateLimitWaits > options.maxRateLimitWaits) {
						return giveUp(`still rate limited after waiting ${options.maxRateLimitWaits} times`);
					}
					pacer.pause(verdict.minWaitMs);
					const overBudget = waitBudget.refuses(requestWaitedMs, pacer.delayBeforeNext());
					if (overBudget) return giveUp(overBudget);
					log(`HubSpot rate limit reached; waiting for the window`, { inputs: inputs.length });
					waitingAfterError = true;
					continue;
				}
				retries++;
				if (retries > options.maxRetries) {
					return giveUp(
						options.maxRetries === 0
							? 'not retried: Max Retries is 0'
							: `gave up after ${options.maxRetries} retries`,
					);
				}
				const wait = Math.max(verdict.minWaitMs, backoffMs(retries, options.random()));
				const overBudget = waitBudget.refuses(requestWaitedMs, wait);
				if (overBudget) return giveUp(overBudget);
				stats.retries++;
				stats.backoffWaitMs += wait;
				log(
					`HubSpot request failed: ${verdict.reason}; retry ${retries} of ${options.maxRetries} in ${wait} ms`,
					{
						inputs: inputs.length,
					},
				);
				const endWait = waitBudget.begin();
				try {
					await abortable(clock.sleep(wait), signal);
				} finally {
					endWait();
				}
				requestWaitedMs += wait;
				continue;
			}
			// Refused whole: the same request gets the same answer.
			const status = attempt.kind === 'response' ? attempt.statusCode : 0;
			const body = attempt.kind === 'response' ? attempt.body : undefined;
			return { kind: 'refused', refusal: { status, body, details: attemptErrorDetails(attempt) } };
		}
	}

	/**
	 * The operation's reading of an answer, one outcome per input; undefined when the body is
	 * unreadable. Should reading throw (a bug), the inputs fail with the reason, and for a write
	 * they are reported as possibly written: HubSpot did answer.
	 */
	private readAnswer(
		inputs: Array<PreparedInput<I>>,
		statusCode: number,
		body: unknown,
	): InputOutcome[] | undefined {
		const { operation } = this.options;
		let outcomes: InputOutcome[] | undefined;
		try {
			outcomes = operation.readAnswer(inputs, statusCode, body);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			const details: InputErrorDetails = {
				message: `HubSpot answered HTTP ${statusCode}, but the node could not read the answer: ${reason}`,
				httpCode: String(statusCode),
				category: operation.writes ? NODE_CATEGORIES.unknownOutcome : NODE_CATEGORIES.noResult,
			};
			return this.record(this.failAll(inputs, details));
		}
		if (!outcomes) return undefined;
		return this.record(
			completeOutcomes(inputs, outcomes, {
				message: `HubSpot returned no result for this input (HTTP ${statusCode}).`,
				httpCode: String(statusCode),
				category: NODE_CATEGORIES.noResult,
			}),
		);
	}

	/**
	 * Sends `inputs` as one request, leaving out those carrying a parameter HubSpot refused; when
	 * HubSpot refuses it whole, finds the inputs it refused.
	 */
	async settle(inputs: Array<PreparedInput<I>>, isolating = false): Promise<InputOutcome[]> {
		const { toSend, withheld } = this.refusedParameters.sift(inputs);
		if (toSend.length === 0) return this.record(withheld);
		const sent = await this.sendOne(toSend, isolating);
		return this.record([...withheld, ...(await this.outcomesOf(toSend, sent, isolating))]);
	}

	/** What one request came to, input by input: refused or withheld inputs are settled further. */
	private async outcomesOf(
		inputs: Array<PreparedInput<I>>,
		sent: Sent,
		isolating: boolean,
	): Promise<InputOutcome[]> {
		if (sent.kind === 'withheld') return await this.settle(inputs, isolating);
		if (sent.kind === 'refused') return await this.afterRefusal(inputs, sent.refusal);
		return sent.outcomes;
	}

	/**
	 * `inputs` were refused as a whole. For a request-level parameter, the inputs carrying it fail
	 * with HubSpot's reason (and later ones are not sent), the others go again; any other refusal
	 * is isolated.
	 */
	private async afterRefusal(
		inputs: Array<PreparedInput<I>>,
		refusal: Refusal,
	): Promise<InputOutcome[]> {
		const { operation, isolateFailures, log } = this.options;
		const carriers = this.refusedParameters.learn(operation, inputs, refusal);
		if (!carriers) return await this.isolate(inputs, refusal);
		if (!isolateFailures || carriers.length === inputs.length)
			return this.record(this.failAll(inputs, refusal.details));
		const carrierSeqs = new Set(carriers.map((p) => p.seq));
		log(
			`HubSpot refused a request-level parameter of ${carriers.length} inputs; sending the other ${inputs.length - carriers.length} again`,
		);
		const failed = this.record(this.failAll(carriers, refusal.details));
		const rest = inputs.filter((p) => !carrierSeqs.has(p.seq));
		return [...failed, ...(await this.settle(rest, true))];
	}

	/**
	 * `inputs` were refused as a whole. Inputs the refusal names fail and the others go again;
	 * when it names none, halves are sent until every refused input stands alone. A half is not
	 * sent when its sibling went through: the refusal must then come from it, so it is split
	 * straight away. A single input is always sent, so that its error is its own.
	 */
	private async isolate(
		inputs: Array<PreparedInput<I>>,
		refusal: Refusal,
	): Promise<InputOutcome[]> {
		const { log, operation } = this.options;
		const { options } = this;
		const splittable =
			options.isolateFailures && inputs.length > 1 && SPLITTABLE_STATUS.has(refusal.status);
		if (!splittable) return this.record(this.failAll(inputs, refusal.details));
		if (this.stopped) return this.record(this.notSent(inputs));
		const named = operation.namedByRefusal?.(inputs, refusal.body) ?? [];
		if (named.length === inputs.length) return this.record(this.failAll(inputs, refusal.details));
		if (named.length > 0) {
			const namedSeqs = new Set(named.map((p) => p.seq));
			this.record(this.failAll(named, refusal.details));
			log(
				`HubSpot refused a request for ${named.length} named inputs; sending the other ${inputs.length - named.length} again`,
			);
			const rest = await this.settle(
				inputs.filter((p) => !namedSeqs.has(p.seq)),
				true,
			);
			return [...this.failAll(named, refusal.details), ...rest];
		}
		const half = Math.ceil(inputs.length / 2);
		const left = inputs.slice(0, half);
		const right = inputs.slice(half);
		log(
			`HubSpot refused a request of ${inputs.length} inputs without naming one; splitting it to find the bad ones`,
		);
		const leftSent = await this.sendOne(left, true);
		const leftOutcomes = this.record(await this.outcomesOf(left, leftSent, true));
		if (leftSent.kind === 'answered' && right.length > 1) {
			return [...leftOutcomes, ...(await this.isolate(right, refusal))];
		}
		return [...leftOutcomes, ...(await this.settle(right, true))];
	}
}

function notSent(fatal: FatalStop): InputErrorDetails {
	return { ...fatal.details, message: `Not sent: ${fatal.details.message}` };
}
