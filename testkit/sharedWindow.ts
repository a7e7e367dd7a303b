/**
 * Several runs of the node, each with its own pacer and batch runner (as separate executions in
 * n8n's workers are), writing to one HubSpot account whose rolling window they share, on a fake
 * clock. HubSpot is modelled as the sandbox does it (sandbox/rateLimit.ts): every request, 429s
 * included, is counted when it arrives; the answer carries the X-HubSpot-RateLimit-* headers.
 */
import { BatchRunner } from '../nodes/HubSpotGoalTargets/engine/batchRunner';
import { RateLimitPacer } from '../nodes/HubSpotGoalTargets/engine/pacer';
import type { HttpAttempt } from '../nodes/HubSpotGoalTargets/transport/httpAttempt';
import type { PreparedInput } from '../nodes/HubSpotGoalTargets/engine/types';
import { WaitBudget } from '../nodes/HubSpotGoalTargets/engine/waitBudget';
import type { UpsertInput } from '../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import { createPrng } from '../sandbox';
import { FakeClock, ok, prepared, tenSecondly429, upsertOperation } from './fakes';
import { busiestWindow, countPerInterval } from './windows';

export interface SharedWindowOptions {
	runs: number;
	/** upsert requests each run sends (100 inputs each) */
	requestsPerRun: number;
	/** the node's Max Concurrent Requests */
	concurrency: number;
	max: number;
	intervalMs: number;
	/** from sending to HubSpot counting and answering it */
	latencyMs: number;
	/** run i starts i × staggerMs after the first */
	staggerMs?: number;
	seed?: number;
	/**
	 * false: the runs do not share the window, each pacing by its own log alone (its answers carry
	 * no X-HubSpot-RateLimit-Remaining, so it knows nothing of the others); default true, as the node
	 */
	share?: boolean;
	/**
	 * n8n processes the runs are spread over (run i in process i mod processes), each with one
	 * pacer for all its runs, as the node keeps one per app in a process; default: one per run.
	 */
	processes?: number;
}

export interface SharedWindowResult {
	requests: number;
	rateLimited: number;
	/** requests that were not answered 429 */
	accepted: number;
	/** when the last answer came */
	endMs: number;
	/** floor((accepted - 1) / max) × interval + latency */
	ceilingMs: number;
	/** accepted requests in the busiest rolling window */
	busiest: number;
	/** inputs that ended on the Error output */
	failed: number;
	/** when the 429s came */
	limitedAt: number[];
	/** accepted requests in each consecutive interval from the start: where room went unused */
	perWindow: number[];
}

/** HubSpot's rolling window for one app. */
class Account {
	private stamps: number[] = [];
	readonly accepted: number[] = [];
	readonly limitedAt: number[] = [];
	requests = 0;
	rateLimited = 0;

	constructor(
		private readonly max: number,
		private readonly intervalMs: number,
	) {}

	hit(now: number): { limited: boolean; headers: Record<string, string> } {
		this.requests++;
		while (this.stamps.length && this.stamps[0] <= now - this.intervalMs) this.stamps.shift();
		this.stamps.push(now);
		const limited = this.stamps.length > this.max;
		if (limited) {
			this.rateLimited++;
			this.limitedAt.push(now);
		} else this.accepted.push(now);
		return {
			limited,
			headers: {
				'X-HubSpot-RateLimit-Max': String(this.max),
				'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.intervalMs),
				'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.max - this.stamps.length)),
			},
		};
	}
}

export async function runSharedWindow(o: SharedWindowOptions): Promise<SharedWindowResult> {
	const clock = new FakeClock();
	// Seeded: the same run every time.
	const random = createPrng(o.seed ?? 1);
	const account = new Account(o.max, o.intervalMs);
	let endMs = 0;
	const send = async (inputs: Array<PreparedInput<UpsertInput>>): Promise<HttpAttempt> => {
		await clock.sleep(o.latencyMs);
		const answer = account.hit(clock.now());
		// Not sharing: the pacers never learn of the others (no Remaining), each paces by its own log.
		if (o.share === false) delete answer.headers['X-HubSpot-RateLimit-Remaining'];
		endMs = Math.max(endMs, clock.now());
		if (answer.limited)
			return {
				...(tenSecondly429() as Extract<HttpAttempt, { kind: 'response' }>),
				headers: answer.headers,
			};
		return ok(inputs, answer.headers);
	};
	// as the node: default window until HubSpot's headers say otherwise
	const newPacer = () => new RateLimitPacer(clock, undefined, random);
	const processPacers = Array.from({ length: o.processes ?? 0 }, newPacer);
	const run = async (r: number) => {
		await clock.sleep(r * (o.staggerMs ?? 0));
		const pacer = o.processes ? processPacers[r % o.processes] : newPacer();
		const runner = new BatchRunner(send, {
			maxRetries: 5,
			maxConcurrency: o.concurrency,
			isolateFailures: true,
			maxRateLimitWaits: 20,
			pacer,
			clock,
			random: () => 0.5,
			log: () => undefined,
			operation: upsertOperation,
			waitBudget: new WaitBudget(clock),
		});
		for (let i = 0; i < o.requestsPerRun; i++)
			runner.add({ index: i, inputs: prepared(100, r * 1_000_000 + i * 100), after: [] });
		return await runner.finish();
	};
	const results = await clock.run(Promise.all(Array.from({ length: o.runs }, (_, r) => run(r))));
	const accepted = account.requests - account.rateLimited;
	return {
		requests: account.requests,
		rateLimited: account.rateLimited,
		accepted,
		endMs,
		ceilingMs: Math.floor((accepted - 1) / o.max) * o.intervalMs + o.latencyMs,
		busiest: busiestWindow(account.accepted, o.intervalMs),
		failed: results.reduce((n, res) => n + res.outcomes.filter((x) => !x.ok).length, 0),
		limitedAt: account.limitedAt,
		perWindow: countPerInterval(account.accepted, 0, o.intervalMs),
	};
}
