/**
 * Issue 17 §3 in the engine: time spent in requests that got no usable answer counts in the run's
 * wait budget (and the request's), overlapping stretches once. Before, only the pauses between
 * requests counted: a host timing out every request held a run for Timeout × tries × requests.
 */
import { runBatches } from '../../../nodes/HubSpotGoalTargets/engine/batchRunner';
import type { RunnerOptions } from '../../../nodes/HubSpotGoalTargets/engine/runnerOptions';
import { chunkInputs } from '../../../nodes/HubSpotGoalTargets/engine/chunk';
import { RateLimitPacer } from '../../../nodes/HubSpotGoalTargets/engine/pacer';
import type { HttpAttempt } from '../../../nodes/HubSpotGoalTargets/transport/httpAttempt';
import { WaitBudget } from '../../../nodes/HubSpotGoalTargets/engine/waitBudget';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import {
	FakeClock,
	ok,
	prepared,
	runnerOptions,
	upsertChunks,
	upsertOperation,
} from '../../../testkit/fakes';

const timedOut = (): HttpAttempt => ({
	kind: 'network',
	code: 'ETIMEDOUT',
	message: 'timeout: no complete answer within 60000 ms (option Timeout (Ms))',
});

function options(clock: FakeClock, extra: Partial<RunnerOptions<UpsertInput>> = {}) {
	return runnerOptions(clock, upsertOperation, {
		maxRetries: 10,
		maxConcurrency: 1,
		pacer: new RateLimitPacer(clock),
		...extra,
	});
}

describe('WaitBudget', () => {
	it('counts waits and the time of unanswered requests once where they overlap', () => {
		const clock = new FakeClock();
		const budget = new WaitBudget(clock);
		const endFirst = budget.begin();
		clock.t = 10;
		endFirst();
		expect(budget.spentMs()).toBe(10);
		clock.t = 20;
		// A request sent at 5 that got nothing: 5-10 is counted already.
		budget.spentSince(5);
		expect(budget.spentMs()).toBe(20);
		clock.t = 30;
		const endSecond = budget.begin();
		clock.t = 40;
		budget.spentSince(35);
		// [0, 20] and [30, 40], the wait going on now included.
		expect(budget.spentMs()).toBe(30);
		clock.t = 50;
		endSecond();
		expect(budget.spentMs()).toBe(40);
		budget.spentSince(50);
		expect(budget.spentMs()).toBe(40);
	});
});

describe('the time of requests that timed out', () => {
	it('counts in the run budget: a host that times out after 60 s is given up on after the budget', async () => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(3), upsertChunks(100)),
				async () => {
					requests++;
					await clock.sleep(60_000);
					return timedOut();
				},
				options(clock, {
					waitBudget: new WaitBudget(clock, { perRequestMs: 10 * 60_000, perRunMs: 90_000 }),
				}),
			),
		);
		// Two requests of 60 s: 120 s of the run's 90 s; not eleven (Max Retries 10).
		expect(requests).toBe(2);
		expect(run.stats.waitedMs).toBeGreaterThanOrEqual(120_000);
		const error = run.outcomes[0].ok ? undefined : run.outcomes[0].error;
		expect(error?.message).toMatch(
			/gave up: the run has waited 12\d s for HubSpot already, and waits at most 90 s/,
		);
		expect(error?.category).toBe('UNKNOWN_OUTCOME');
	});

	it('counts in the request budget too', async () => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(3), upsertChunks(100)),
				async () => {
					requests++;
					await clock.sleep(60_000);
					return timedOut();
				},
				options(clock, {
					waitBudget: new WaitBudget(clock, { perRequestMs: 150_000, perRunMs: 60 * 60_000 }),
				}),
			),
		);
		expect(requests).toBe(3);
		const error = run.outcomes[0].ok ? undefined : run.outcomes[0].error;
		expect(error?.message).toMatch(/would make this request wait over 150 s in all/);
	});

	it('answered requests do not count, however long they took', async () => {
		const clock = new FakeClock();
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(300), upsertChunks(100)),
				async (inputs) => {
					await clock.sleep(60_000);
					return ok(inputs);
				},
				options(clock, { waitBudget: new WaitBudget(clock, { perRequestMs: 1, perRunMs: 1 }) }),
			),
		);
		expect(run.outcomes.every((outcome) => outcome.ok)).toBe(true);
		expect(run.stats.waitedMs).toBe(0);
	});
});
