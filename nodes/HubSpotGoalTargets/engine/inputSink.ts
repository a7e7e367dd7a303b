import type { BatchRunner } from './batchRunner';
import type { RunStats } from './runnerOptions';
import type { FatalStop } from './runStop';
import type { ChunkBuilder } from './chunk';
import type { InputOutcome, PreparedInput } from './types';

/** What became of a run's inputs once every request is done. */
export interface SinkResult {
	outcomes: InputOutcome[];
	stats: RunStats;
	fatal?: FatalStop;
	/** The outcomes of the write requests: what a run that stops early reports as written. */
	writeOutcomes: InputOutcome[];
	/** Requests by kind, when the run read records before writing. */
	requests?: { reads: number; writes: number };
}

/**
 * Where the inputs read from the items go, as they are built: straight into write requests, or
 * (Write Mode `changed`/`preview`) first into batch reads of the records they would change.
 */
export interface InputSink<I> {
	/** Takes one input; returns how many requests it filled (they start at once). */
	add(input: PreparedInput<I>): number;
	/** Resolves once fewer than `below` requests wait to be sent: the items are read only so far ahead. */
	whenFewerWaiting(below: number): Promise<void>;
	/** No more inputs: resolves when every input is settled. */
	finish(): Promise<SinkResult>;
}

/** Write Mode `all`: each input goes into the next write request it may share. */
export function directSink<I>(runner: BatchRunner<I>, chunks: ChunkBuilder<I>): InputSink<I> {
	return {
		add: (input) => {
			const sealed = chunks.add(input);
			for (const chunk of sealed) runner.add(chunk);
			return sealed.length;
		},
		whenFewerWaiting: async (below) => await runner.whenFewerWaiting(below),
		finish: async () => {
			for (const chunk of chunks.finish()) runner.add(chunk);
			const result = await runner.finish();
			return { ...result, writeOutcomes: result.outcomes };
		},
	};
}

/** Two runners' statistics as one run's: their requests add up; the waits are the run's, counted once. */
export function addStats(a: RunStats, b: RunStats): RunStats {
	return {
		requests: a.requests + b.requests,
		retries: a.retries + b.retries,
		rateLimited: a.rateLimited + b.rateLimited,
		isolationRequests: a.isolationRequests + b.isolationRequests,
		backoffWaitMs: a.backoffWaitMs + b.backoffWaitMs,
		waitedMs: Math.max(a.waitedMs, b.waitedMs),
	};
}
