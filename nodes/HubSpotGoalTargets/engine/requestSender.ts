import type { HttpAttempt } from '../transport/httpAttempt';
import { cancelledDetails, isCancelled } from './cancel';
import { failedOutcome } from './correlate';
import { failAll, notSentDetails } from './failures';
import { RefusedParameters } from './refusedParameters';
import { RequestAttempts, type Refusal, type Sent } from './retryLoop';
import type { RunnerOptions, SenderStats } from './runnerOptions';
import { RunStop, type FatalStop } from './runStop';
import {
	NODE_CATEGORIES,
	type InputErrorDetails,
	type InputOutcome,
	type PreparedInput,
} from './types';

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
 * Sends one request's inputs to HubSpot with everything that may take: its attempts (pacing,
 * retries, 429 waits: RequestAttempts), and isolating the inputs HubSpot refused when it refuses a
 * request as a whole. It settles every input it is given exactly once.
 */
export class RequestSender<I = unknown> {
	readonly stats: SenderStats = {
		requests: 0,
		retries: 0,
		rateLimited: 0,
		isolationRequests: 0,
		backoffWaitMs: 0,
	};

	private readonly stop: RunStop;

	/** Outcomes known so far, by input: an exception later never replaces them. */
	private readonly known = new Map<number, InputOutcome>();

	/** Request-level parameters HubSpot refused: inputs carrying one are not sent. */
	private readonly refusedParameters = new RefusedParameters<I>();

	constructor(
		private readonly send: (inputs: Array<PreparedInput<I>>) => Promise<HttpAttempt>,
		private readonly options: RunnerOptions<I>,
	) {
		this.stop = new RunStop(options.signal);
	}

	/** Set when an answer means the run cannot go on; nothing more is sent after it. */
	get fatal(): FatalStop | undefined {
		return this.stop.fatal;
	}

	/** Whether nothing more may be sent. */
	get stopped(): boolean {
		return this.stop.stopped;
	}

	/** Inputs that will not be sent: the run stopped (fatal answer) or was cancelled. */
	notSent(inputs: Array<PreparedInput<I>>): InputOutcome[] {
		return failAll(inputs, notSentDetails(this.stop.fatal, this.options.operation));
	}

	/**
	 * Settles one chunk's inputs, never rejecting: should sending throw (a bug, not an answer), the
	 * outcomes HubSpot already gave stay as they are and the other inputs fail with the reason.
	 */
	async settleChunk(inputs: Array<PreparedInput<I>>): Promise<InputOutcome[]> {
		try {
			return await this.settle(inputs);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			const known = inputs.flatMap((p) => this.known.get(p.seq) ?? []);
			const unknown = inputs.filter((p) => !this.known.has(p.seq));
			return [...known, ...failAll(unknown, { message: `Internal error: ${message}` })];
		} finally {
			for (const p of inputs) this.known.delete(p.seq);
		}
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

	private record(outcomes: InputOutcome[]): InputOutcome[] {
		for (const outcome of outcomes) this.known.set(outcome.seq, outcome);
		return outcomes;
	}

	/** One request for `inputs`, repeated while worth it; a cancel settles its inputs as not sent. */
	private async sendOne(inputs: Array<PreparedInput<I>>, isolating: boolean): Promise<Sent> {
		const { operation, signal } = this.options;
		const attempts = new RequestAttempts<I>(
			{
				options: this.options,
				stats: this.stats,
				stop: this.stop,
				withheld: (pending) => this.refusedParameters.carriedByAny(pending),
				send: this.send,
				readAnswer: (pending, statusCode, body) => this.readAnswer(pending, statusCode, body),
			},
			inputs,
			isolating,
		);
		return await attempts.run().catch(async (error: unknown): Promise<Sent> => {
			if (!isCancelled(signal)) return await Promise.reject(error);
			// Cancelled while waiting, or while the request was in flight (then it may have been carried out).
			const { inFlight, answerLost } = attempts.state;
			const mayHaveWritten = operation.writes && (inFlight || answerLost);
			return {
				kind: 'failed',
				outcomes: failAll(inputs, cancelledDetails(mayHaveWritten, operation)),
			};
		});
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
			return this.record(failAll(inputs, details));
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
			return this.record(failAll(inputs, refusal.details));
		const carrierSeqs = new Set(carriers.map((p) => p.seq));
		log(
			`HubSpot refused a request-level parameter of ${carriers.length} inputs; sending the other ${inputs.length - carriers.length} again`,
		);
		const failed = this.record(failAll(carriers, refusal.details));
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
		const { log, operation, isolateFailures } = this.options;
		const splittable =
			isolateFailures && inputs.length > 1 && SPLITTABLE_STATUS.has(refusal.status);
		if (!splittable) return this.record(failAll(inputs, refusal.details));
		if (this.stopped) return this.record(this.notSent(inputs));
		const named = operation.namedByRefusal?.(inputs, refusal.body) ?? [];
		if (named.length === inputs.length) return this.record(failAll(inputs, refusal.details));
		if (named.length > 0) {
			const namedSeqs = new Set(named.map((p) => p.seq));
			this.record(failAll(named, refusal.details));
			log(
				`HubSpot refused a request for ${named.length} named inputs; sending the other ${inputs.length - named.length} again`,
			);
			const rest = await this.settle(
				inputs.filter((p) => !namedSeqs.has(p.seq)),
				true,
			);
			return [...failAll(named, refusal.details), ...rest];
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
