/** A fake clock for the pacer and the runner, and builders for inputs and HubSpot answers. */
import type { INode } from 'n8n-workflow';

import { RateLimitPacer, type PacerClock } from '../nodes/HubSpotGoalTargets/engine/pacer';
import type { RateLimitState } from '../nodes/HubSpotGoalTargets/engine/windowLog';
import type { HttpAttempt } from '../nodes/HubSpotGoalTargets/transport/httpAttempt';
import type { ChunkRules } from '../nodes/HubSpotGoalTargets/engine/chunk';
import type { PreparedInput } from '../nodes/HubSpotGoalTargets/engine/types';
import { upsertRequests } from '../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.request';
import type { UpsertInput } from '../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import type { BatchOperation } from '../nodes/HubSpotGoalTargets/engine/operation';
import type { RunnerOptions } from '../nodes/HubSpotGoalTargets/engine/runnerOptions';
import { WaitBudget } from '../nodes/HubSpotGoalTargets/engine/waitBudget';

export class FakeClock implements PacerClock {
	t = 0;

	private timers: Array<{ at: number; order: number; resolve: () => void }> = [];

	private order = 0;

	now(): number {
		return this.t;
	}

	sleep(ms: number): Promise<void> {
		return new Promise((resolve) =>
			this.timers.push({ at: this.t + Math.max(0, ms), order: this.order++, resolve }),
		);
	}

	get pending(): number {
		return this.timers.length;
	}

	/** Fires the earliest timer (moving time to it); false when none is set. */
	fireNext(): boolean {
		if (this.timers.length === 0) return false;
		this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
		const next = this.timers.shift()!;
		this.t = Math.max(this.t, next.at);
		next.resolve();
		return true;
	}

	/** Moves time to `at`, firing every timer due by then. */
	async advanceTo(at: number): Promise<void> {
		for (;;) {
			await flush();
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			if (this.timers.length === 0 || this.timers[0].at > at) break;
			this.fireNext();
		}
		this.t = Math.max(this.t, at);
		await flush();
	}

	/** Runs until `promise` settles, moving time from timer to timer. */
	async run<T>(promise: Promise<T>, limitMs = 10 * 60 * 60 * 1000): Promise<T> {
		let settled = false;
		promise.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (;;) {
			await flush();
			if (settled) return await promise;
			if (!this.fireNext())
				throw new Error('stuck: nothing pending and the promise has not settled');
			if (this.t > limitMs) throw new Error(`still running at ${this.t} ms`);
		}
	}
}

/** Lets every queued promise callback run. */
export async function flush(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function prepared(count: number, from = 0): Array<PreparedInput<UpsertInput>> {
	return Array.from({ length: count }, (_, k) => {
		const i = from + k;
		return {
			seq: i,
			itemIndex: i,
			input: {
				id: `k-${i}`,
				idProperty: 'external_goal_key',
				properties: { hs_goal_name: `Goal ${i}`, hs_target_amount: String(1000 + i) },
				objectWriteTraceId: `n8n-${i}`,
			},
		};
	});
}

export function ok(
	inputs: Array<PreparedInput<UpsertInput>>,
	headers: Record<string, string> = {},
): HttpAttempt {
	return {
		kind: 'response',
		statusCode: 200,
		headers,
		body: {
			status: 'COMPLETE',
			results: [...inputs].reverse().map((p, i) => ({
				id: String(30_000_000_000 + p.seq),
				properties: { ...p.input.properties, [p.input.idProperty]: p.input.id },
				objectWriteTraceId: p.input.objectWriteTraceId,
				new: i % 2 === 0,
			})),
		},
	};
}

export function status(
	statusCode: number,
	body: unknown = {},
	headers: Record<string, string> = {},
): HttpAttempt {
	return { kind: 'response', statusCode, body, headers };
}

export const tenSecondly429 = () =>
	status(429, {
		status: 'error',
		message: 'You have reached your ten_secondly_rolling limit.',
		errorType: 'RATE_LIMIT',
		policyName: 'TEN_SECONDLY_ROLLING',
		correlationId: 'c-1',
	});

export const daily429 = () =>
	status(429, {
		status: 'error',
		message: 'You have reached your daily limit.',
		errorType: 'RATE_LIMIT',
		policyName: 'DAILY',
		correlationId: 'c-2',
	});

/** Batch upsert as the engine runs it, on v3 paths. */
export const upsertOperation = upsertRequests('v3');

/** How batch upsert cuts inputs into requests of `batchSize`. */
export function upsertChunks(batchSize: number): ChunkRules<UpsertInput> {
	return { batchSize, conflictKey: upsertOperation.conflictKey };
}

/**
 * The node's pacer once an answer has come without X-HubSpot-RateLimit-Remaining (as the fakes'
 * answers do): nothing tells it about others on the window, so it paces by its own log alone,
 * with no probe first.
 */
export function ownLogPacer(clock: PacerClock, initial?: RateLimitState): RateLimitPacer {
	const pacer = new RateLimitPacer(clock, initial);
	pacer.observe({});
	return pacer;
}

/**
 * The engine's options for a test on the fake clock: retries as the node's default, 4 requests at
 * once, the pacer of ownLogPacer, a fixed random (backoffs are exact) and no log; `extra` wins.
 */
export function runnerOptions<I>(
	clock: FakeClock,
	operation: BatchOperation<I>,
	extra: Partial<RunnerOptions<I>> = {},
): RunnerOptions<I> {
	return {
		maxRetries: 5,
		maxConcurrency: 4,
		isolateFailures: true,
		maxRateLimitWaits: 20,
		pacer: extra.pacer ?? ownLogPacer(clock),
		clock,
		random: () => 0.5,
		log: () => {},
		operation,
		waitBudget: new WaitBudget(clock),
		...extra,
	};
}

/** A node for errors that need one (NodeApiError, NodeOperationError): ours, with no parameters. */
export const fakeNode: INode = {
	id: '1',
	name: 'HubSpot Goal Targets',
	type: 'hubSpotGoalTargets',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
