import { inputsNamedByRejection } from './attribution';
import type { Chunk } from './chunk';
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

/** Sends the chunks, each with retries and failure isolation, and settles every input exactly once. */
export async function runBatches(
	chunks: Chunk[],
	send: (inputs: PreparedInput[]) => Promise<HttpAttempt>,
	options: RunnerOptions,
): Promise<RunResult> {
	const stats: RunStats = { requests: 0, retries: 0, rateLimited: 0, isolationRequests: 0, backoffWaitMs: 0 };
	const { pacer, clock, log } = options;
	let fatal: FatalStop | undefined;

	const failAll = (inputs: PreparedInput[], details: InputErrorDetails) =>
		inputs.map((prepared) => failedOutcome(prepared, details));

	/** One request for `inputs`, repeated while worth it (5xx, 423, 477, lost connections, 429). */
	async function sendOne(inputs: PreparedInput[], isolating: boolean): Promise<Sent> {
		let retries = 0;
		let rateLimitWaits = 0;
		for (;;) {
			if (fatal) return { kind: 'failed', outcomes: failAll(inputs, notSent(fatal)) };
			const answered = await pacer.acquire();
			if (fatal) {
				answered();
				return { kind: 'failed', outcomes: failAll(inputs, notSent(fatal)) };
			}
			stats.requests++;
			if (isolating) stats.isolationRequests++;
			let attempt: HttpAttempt | undefined;
			try {
				attempt = await send(inputs);
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
				fatal ??= stop;
				return { kind: 'failed', outcomes: failAll(inputs, stop.details) };
			}
			if (verdict.kind === 'retry') {
				if (verdict.rateLimited) {
					stats.rateLimited++;
					rateLimitWaits++;
					if (rateLimitWaits > options.maxRateLimitWaits) {
						const details = attemptErrorDetails(attempt);
						return {
							kind: 'failed',
							outcomes: failAll(inputs, {
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
					return { kind: 'failed', outcomes: failAll(inputs, { ...details, message: `${details.message} (${gaveUp})` }) };
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
	async function settle(inputs: PreparedInput[], isolating: boolean): Promise<InputOutcome[]> {
		const sent = await sendOne(inputs, isolating);
		return sent.kind === 'refused' ? await isolate(inputs, sent.refusal) : sent.outcomes;
	}

	/**
	 * `inputs` were refused as a whole. Inputs the refusal names fail and the others go again;
	 * when it names none, halves are sent until every refused input stands alone. A half is not
	 * sent when its sibling went through: the refusal must then come from it, so it is split
	 * straight away. A single input is always sent, so that its error is its own.
	 */
	async function isolate(inputs: PreparedInput[], refusal: Refusal): Promise<InputOutcome[]> {
		const splittable =
			options.isolateFailures && inputs.length > 1 && (refusal.status === 400 || refusal.status === 409);
		if (!splittable) return failAll(inputs, refusal.details);
		if (fatal) return failAll(inputs, notSent(fatal));
		const named = inputsNamedByRejection(inputs, refusal.body);
		if (named.length === inputs.length) return failAll(inputs, refusal.details);
		if (named.length > 0) {
			const namedSeqs = new Set(named.map((p) => p.seq));
			log(`HubSpot refused a request for ${named.length} named inputs; sending the other ${inputs.length - named.length} again`);
			const rest = await settle(
				inputs.filter((p) => !namedSeqs.has(p.seq)),
				true,
			);
			return [...failAll(named, refusal.details), ...rest];
		}
		const half = Math.ceil(inputs.length / 2);
		const left = inputs.slice(0, half);
		const right = inputs.slice(half);
		log(`HubSpot refused a request of ${inputs.length} inputs without naming one; splitting it to find the bad ones`);
		const leftSent = await sendOne(left, true);
		const leftOutcomes = leftSent.kind === 'refused' ? await isolate(left, leftSent.refusal) : leftSent.outcomes;
		if (leftSent.kind === 'answered' && right.length > 1) {
			return [...leftOutcomes, ...(await isolate(right, refusal))];
		}
		return [...leftOutcomes, ...(await settle(right, true))];
	}

	const outcomes: InputOutcome[] = [];
	const done = new Set<number>();
	const started = new Set<number>();
	/** Chunks before this index have all started. */
	let firstUnstarted = 0;
	let running = 0;

	await new Promise<void>((resolve) => {
		const launch = () => {
			while (firstUnstarted < chunks.length && started.has(firstUnstarted)) firstUnstarted++;
			for (let index = firstUnstarted; index < chunks.length && running < options.maxConcurrency; index++) {
				if (started.has(index) || fatal) continue;
				if (!chunks[index].after.every((before) => done.has(before))) continue;
				started.add(index);
				running++;
				settle(chunks[index].inputs, false).then(
					(settled) => {
						outcomes.push(...settled);
						done.add(index);
						running--;
						launch();
					},
					(error: unknown) => {
						// A bug, not an answer: keep the run's promise from hanging, record it on every input.
						const message = error instanceof Error ? error.message : String(error);
						outcomes.push(...failAll(chunks[index].inputs, { message: `Internal error: ${message}` }));
						done.add(index);
						running--;
						launch();
					},
				);
			}
			if (running === 0) {
				if (fatal) {
					for (let index = 0; index < chunks.length; index++) {
						if (!started.has(index)) {
							started.add(index);
							outcomes.push(...failAll(chunks[index].inputs, notSent(fatal)));
						}
					}
				}
				if (started.size === chunks.length) resolve();
			}
		};
		launch();
	});

	outcomes.sort((a, b) => a.seq - b.seq);
	return { outcomes, stats, fatal };
}

function notSent(fatal: FatalStop): InputErrorDetails {
	return { ...fatal.details, message: `Not sent: ${fatal.details.message}` };
}
