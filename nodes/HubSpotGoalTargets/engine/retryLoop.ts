import type { HttpAttempt } from '../transport/httpAttempt';
import type { AnsweredCallback } from './pacer';
import { abortable } from './cancel';
import {
	attemptErrorDetails,
	failAll,
	fatalDetails,
	lostAnswerOutcomes,
	notSentDetails,
} from './failures';
import { backoffMs, judgeAttempt, unreadableAnswer, type AttemptVerdict } from './retryPolicy';
import type { RunnerOptions, SenderStats } from './runnerOptions';
import type { RunStop } from './runStop';
import type { InputErrorDetails, InputOutcome, PreparedInput } from './types';

/** A whole-request refusal: what HubSpot said, to split the request on or to report. */
export interface Refusal {
	status: number;
	body: unknown;
	details: InputErrorDetails;
}

/** What one request (with its retries) came to. */
export type Sent =
	/** HubSpot answered: every input has its own outcome. */
	| { kind: 'answered'; outcomes: InputOutcome[] }
	/** No answer worth having (retries spent, run stopped): every input failed with the reason. */
	| { kind: 'failed'; outcomes: InputOutcome[] }
	/** HubSpot refused the request as a whole. */
	| { kind: 'refused'; refusal: Refusal }
	/** Not sent: some of its inputs carry a parameter HubSpot refused for another request meanwhile. */
	| { kind: 'withheld' };

/** Where one request stands, to tell what a cancellation or a lost answer means for its inputs. */
export interface AttemptState {
	/** Sent, no answer yet. */
	inFlight: boolean;
	/** An earlier attempt may have been carried out without its answer reaching the node. */
	answerLost: boolean;
}

/** What the attempts of one request need from the sender they work for. */
export interface AttemptContext<I> {
	options: RunnerOptions<I>;
	stats: SenderStats;
	stop: RunStop;
	/** Whether one of `inputs` carries a parameter HubSpot refused meanwhile: then it is not sent. */
	withheld: (inputs: Array<PreparedInput<I>>) => boolean;
	send: (inputs: Array<PreparedInput<I>>) => Promise<HttpAttempt>;
	/** The operation's reading of an answer, one outcome per input; undefined when unreadable. */
	readAnswer: (
		inputs: Array<PreparedInput<I>>,
		statusCode: number,
		body: unknown,
	) => InputOutcome[] | undefined;
}

/** Go round again: the request is sent once more. */
const AGAIN = Symbol('again');

/**
 * The attempts of one request, repeated while worth it: a slot in the rate-limit window for each
 * (pacing), the same request again after outages and lost connections (backoff, up to Max Retries)
 * and after 429s (waiting for the window, up to `maxRateLimitWaits`), all within the wait budget;
 * a write whose answer was lost is not repeated when it must not be, and reported as possibly
 * written when it ends without an answer.
 */
export class RequestAttempts<I> {
	private retries = 0;

	private rateLimitWaits = 0;

	/** Time this request waited after errors and 429s, and spent on attempts with no usable answer. */
	private waitedMs = 0;

	/** Whether the next slot follows an error or a 429: its wait then counts against the budget. */
	private afterError = false;

	readonly state: AttemptState = { inFlight: false, answerLost: false };

	constructor(
		private readonly context: AttemptContext<I>,
		private readonly inputs: Array<PreparedInput<I>>,
		private readonly isolating: boolean,
	) {}

	async run(): Promise<Sent> {
		const { stop, withheld } = this.context;
		for (;;) {
			if (stop.stopped) return this.notSent();
			const answered = await this.slot();
			if (stop.stopped) {
				answered();
				continue;
			}
			if (!this.state.answerLost && withheld(this.inputs)) {
				answered();
				return { kind: 'withheld' };
			}
			const sent = await this.attempt(answered);
			if (sent !== AGAIN) return sent;
		}
	}

	/** The run stopped (or was cancelled) before this request could go (again). */
	private notSent(): Sent {
		const { stop, options } = this.context;
		const cause = notSentDetails(stop.fatal, options.operation);
		if (this.state.answerLost && options.operation.writes)
			return this.failed(
				lostAnswerOutcomes(this.inputs, cause, 'not sent again', options.operation),
			);
		return this.failed(failAll(this.inputs, cause));
	}

	/** A slot in the window; after an error or a 429, the wait counts as waiting for HubSpot. */
	private async slot(): Promise<AnsweredCallback> {
		const { pacer, clock, waitBudget, signal } = this.context.options;
		const waitStarted = clock.now();
		const endWait = this.afterError ? waitBudget.begin() : undefined;
		let answered;
		try {
			answered = await pacer.acquire(signal);
		} finally {
			endWait?.();
		}
		if (this.afterError) {
			this.waitedMs += clock.now() - waitStarted;
			this.afterError = false;
		}
		return answered;
	}

	/** One attempt: sends the request, and says what it came to, or to send it again. */
	private async attempt(answered: AnsweredCallback): Promise<Sent | typeof AGAIN> {
		const { options, stats, send, readAnswer } = this.context;
		const { clock, operation, waitBudget } = options;
		stats.requests++;
		if (this.isolating) stats.isolationRequests++;
		let attempt: HttpAttempt | undefined;
		const sentAt = clock.now();
		this.state.inFlight = true;
		try {
			attempt = await send(this.inputs);
		} finally {
			// Not an answer (the run was cancelled): free the slot, let the error go on.
			if (attempt === undefined) answered();
		}
		this.state.inFlight = false;
		answered(attempt.kind === 'response' ? attempt.headers : undefined);
		let verdict: AttemptVerdict = judgeAttempt(attempt, operation.answerStatuses);
		if (verdict.kind === 'answered' && attempt.kind === 'response') {
			const outcomes = readAnswer(this.inputs, attempt.statusCode, attempt.body);
			if (outcomes) return { kind: 'answered', outcomes };
			verdict = unreadableAnswer(attempt.statusCode);
		}
		if (verdict.kind === 'retry') {
			// Time spent for no usable answer is time waited for HubSpot: it counts in both budgets.
			this.waitedMs += clock.now() - sentAt;
			waitBudget.spentSince(sentAt);
			return await this.retry(verdict, attempt);
		}
		if (verdict.kind === 'tooLarge') return this.tooLarge(attempt);
		if (verdict.kind === 'fatal') {
			const stop = { reason: verdict.reason, details: fatalDetails(verdict.reason, attempt) };
			this.context.stop.stop(stop);
			return this.failed(this.lostOrFailed(stop.details));
		}
		// Refused whole: the same request gets the same answer.
		const status = attempt.kind === 'response' ? attempt.statusCode : 0;
		const body = attempt.kind === 'response' ? attempt.body : undefined;
		return { kind: 'refused', refusal: { status, body, details: attemptErrorDetails(attempt) } };
	}

	/**
	 * The answer was too large to read: the same request would get the same answer, so it is not
	 * sent again. A write's answer said what was written, and it was not read.
	 */
	private tooLarge(attempt: HttpAttempt): Sent {
		const { operation } = this.context.options;
		const details = attemptErrorDetails(attempt);
		if (!operation.writes) {
			const message = `${details.message} (not sent again: the same request would get the same answer)`;
			return this.failed(failAll(this.inputs, { ...details, message }));
		}
		return this.failed(lostAnswerOutcomes(this.inputs, details, 'not sent again', operation));
	}

	/** After a 429, an outage or a lost answer: waits and goes again, or gives up saying why. */
	private async retry(
		verdict: Extract<AttemptVerdict, { kind: 'retry' }>,
		attempt: HttpAttempt,
	): Promise<Sent | typeof AGAIN> {
		const { options, stats } = this.context;
		const { pacer, waitBudget, operation, log } = options;
		if (verdict.answerLost) {
			this.state.answerLost = true;
			if (!operation.resendAfterLostAnswer) {
				const details = attemptErrorDetails(attempt);
				return this.failed(lostAnswerOutcomes(this.inputs, details, 'not sent again', operation));
			}
		}
		const giveUp = (why: string) =>
			this.failed(this.lostOrFailed(attemptErrorDetails(attempt), why));
		if (verdict.rateLimited) {
			stats.rateLimited++;
			this.rateLimitWaits++;
			if (this.rateLimitWaits > options.maxRateLimitWaits)
				return giveUp(`still rate limited after waiting ${options.maxRateLimitWaits} times`);
			pacer.pause(verdict.minWaitMs);
			const overBudget = waitBudget.refuses(this.waitedMs, pacer.delayBeforeNext());
			if (overBudget) return giveUp(overBudget);
			log(`HubSpot rate limit reached; waiting for the window`, { inputs: this.inputs.length });
			this.afterError = true;
			return AGAIN;
		}
		this.retries++;
		if (this.retries > options.maxRetries) {
			return giveUp(
				options.maxRetries === 0
					? 'not retried: Max Retries is 0'
					: `gave up after ${options.maxRetries} retries`,
			);
		}
		const wait = Math.max(verdict.minWaitMs, backoffMs(this.retries, options.random()));
		const overBudget = waitBudget.refuses(this.waitedMs, wait);
		if (overBudget) return giveUp(overBudget);
		stats.retries++;
		stats.backoffWaitMs += wait;
		log(
			`HubSpot request failed: ${verdict.reason}; retry ${this.retries} of ${options.maxRetries} in ${wait} ms`,
			{ inputs: this.inputs.length },
		);
		const endWait = waitBudget.begin();
		try {
			await abortable(options.clock.sleep(wait), options.signal);
		} finally {
			endWait();
		}
		this.waitedMs += wait;
		return AGAIN;
	}

	/**
	 * The request ends without an answer: a write sent before whose answer was lost may have been
	 * carried out; otherwise its inputs fail with `details` (and `why`, when given).
	 */
	private lostOrFailed(details: InputErrorDetails, why?: string): InputOutcome[] {
		const { operation } = this.context.options;
		if (this.state.answerLost && operation.writes)
			return lostAnswerOutcomes(this.inputs, details, why ?? 'not sent again', operation);
		const message = why === undefined ? details.message : `${details.message} (${why})`;
		return failAll(this.inputs, { ...details, message });
	}

	private failed(outcomes: InputOutcome[]): Sent {
		return { kind: 'failed', outcomes };
	}
}
