import type { BatchOperation } from './operation';
import type { PacerClock, RateLimitPacer } from './pacer';
import type { WaitBudget } from './waitBudget';

/** What the engine needs to send one operation's requests in a run (the run builds it: RunContext). */
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

/** The requests a sender sent, with retries and waits. */
export interface SenderStats {
	requests: number;
	retries: number;
	rateLimited: number;
	isolationRequests: number;
	backoffWaitMs: number;
}

/** A run's figures: its senders' requests, and the time it spent waiting for HubSpot. */
export interface RunStats extends SenderStats {
	/** Time the run spent waiting after errors and rate-limit answers (overlapping waits counted once). */
	waitedMs: number;
}
