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

class FatalAnswer extends Error {
	constructor(readonly stop: FatalStop) {
		super(stop.details.message);
	}
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

	/** One request for `inputs`, repeated while worth it; splits it when HubSpot refuses it whole. */
	async function settle(inputs: PreparedInput[], isolating: boolean): Promise<InputOutcome[]> {
		let retries = 0;
		let rateLimitWaits = 0;
		for (;;) {
			if (fatal) return failAll(inputs, notSent(fatal));
			const answered = await pacer.acquire();
			stats.requests++;
			if (isolating) stats.isolationRequests++;
			const attempt = await send(inputs);
			answered();
			if (attempt.kind === 'response') pacer.observe(attempt.headers);
			const verdict = judgeAttempt(attempt);

			if (verdict.kind === 'answered' && attempt.kind === 'response') {
				return correlateBatchResponse(inputs, attempt.body as BatchUpsertResponseBody, attempt.statusCode);
			}
			if (verdict.kind === 'fatal') {
				throw new FatalAnswer({ reason: verdict.reason, details: fatalDetails(verdict.reason, attempt) });
			}
			if (verdict.kind === 'retry') {
				if (verdict.rateLimited) {
					stats.rateLimited++;
					rateLimitWaits++;
					if (rateLimitWaits > options.maxRateLimitWaits) return failAll(inputs, attemptErrorDetails(attempt));
					pacer.pause(verdict.minWaitMs);
					log(`HubSpot rate limit reached; waiting for the window`, { inputs: inputs.length });
					continue;
				}
				retries++;
				if (retries > options.maxRetries) {
					const details = attemptErrorDetails(attempt);
					return failAll(inputs, { ...details, message: `${details.message} (gave up after ${options.maxRetries} retries)` });
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
			// Rejected whole: a retry gets the same answer.
			const details = attemptErrorDetails(attempt);
			const status = attempt.kind === 'response' ? attempt.statusCode : 0;
			const splittable = options.isolateFailures && inputs.length > 1 && (status === 400 || status === 409);
			if (!splittable) return failAll(inputs, details);
			const named = inputsNamedByRejection(inputs, attempt.kind === 'response' ? attempt.body : undefined);
			if (named.length > 0 && named.length < inputs.length) {
				const namedSeqs = new Set(named.map((p) => p.seq));
				log(`HubSpot refused a request for ${named.length} named inputs; sending the other ${inputs.length - named.length} again`);
				const rest = await settle(inputs.filter((p) => !namedSeqs.has(p.seq)), true);
				return [...failAll(named, details), ...rest];
			}
			if (named.length === inputs.length) return failAll(inputs, details);
			const half = Math.ceil(inputs.length / 2);
			log(`HubSpot refused a request of ${inputs.length} inputs without naming one; splitting it to find the bad ones`);
			const left = await settle(inputs.slice(0, half), true);
			const right = await settle(inputs.slice(half), true);
			return [...left, ...right];
		}
	}

	const outcomes: InputOutcome[] = [];
	const done = new Set<number>();
	const started = new Set<number>();
	let running = 0;

	await new Promise<void>((resolve) => {
		const launch = () => {
			for (let index = 0; index < chunks.length && running < options.maxConcurrency; index++) {
				if (started.has(index) || fatal) continue;
				if (!chunks[index].after.every((before) => done.has(before))) continue;
				started.add(index);
				running++;
				settle(chunks[index].inputs, false)
					.catch((error: unknown) => {
						if (!(error instanceof FatalAnswer)) throw error;
						fatal ??= error.stop;
						return failAll(chunks[index].inputs, error.stop.details);
					})
					.then(
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
