/**
 * Issue 9 §4-5 in the engine: lost answers, malformed answers, 413, cancellation, the wait budget.
 * Each case failed before the engine took a BatchOperation.
 */
import { createRequests } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchCreate/batchCreate.request';
import { runBatches } from '../../../nodes/HubSpotGoalTargets/engine/batchRunner';
import type { RunnerOptions } from '../../../nodes/HubSpotGoalTargets/engine/runnerOptions';
import { chunkInputs } from '../../../nodes/HubSpotGoalTargets/engine/chunk';
import { RateLimitPacer } from '../../../nodes/HubSpotGoalTargets/engine/pacer';
import type { HttpAttempt } from '../../../nodes/HubSpotGoalTargets/transport/httpAttempt';
import type { InputOutcome, PreparedInput } from '../../../nodes/HubSpotGoalTargets/engine/types';
import { WaitBudget } from '../../../nodes/HubSpotGoalTargets/engine/waitBudget';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import type { CreateInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchCreate/batchCreate.input';
import {
	FakeClock,
	flush,
	ok,
	prepared,
	status,
	tenSecondly429,
	upsertChunks,
	upsertOperation,
	runnerOptions,
} from '../../../testkit/fakes';

function options<I = UpsertInput>(
	clock: FakeClock,
	extra: Partial<RunnerOptions<I>> = {},
): RunnerOptions<I> {
	const operation = upsertOperation as unknown as RunnerOptions<I>['operation'];
	return runnerOptions(clock, operation, { pacer: new RateLimitPacer(clock), ...extra });
}

const reset = (): HttpAttempt => ({
	kind: 'network',
	code: 'ECONNRESET',
	message: 'socket hang up',
});
const errorOf = (o: InputOutcome) => (o.ok ? undefined : o.error);

function creates(count: number): Array<PreparedInput<CreateInput>> {
	return Array.from({ length: count }, (_, seq) => ({
		seq,
		itemIndex: seq,
		input: {
			properties: { hs_goal_name: `Goal ${seq}` },
			objectWriteTraceId: `n8n-${seq}`,
			associations: [],
		},
	}));
}

describe('a request whose answer was lost', () => {
	it('upsert: retried; once retries are spent its inputs are UNKNOWN_OUTCOME, "may have been written"', async () => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(3), upsertChunks(100)),
				async () => {
					requests++;
					return reset();
				},
				options(clock, { maxRetries: 2 }),
			),
		);
		expect(requests).toBe(3);
		for (const outcome of run.outcomes) {
			expect(errorOf(outcome)).toMatchObject({
				category: 'UNKNOWN_OUTCOME',
				subCategory: 'NETWORK_ERROR',
			});
			expect(errorOf(outcome)?.message).toMatch(/gave up after 2 retries.*may have been written/);
		}
	});

	it('upsert: a connection refused never reached HubSpot, so spent retries are a plain network error', async () => {
		const clock = new FakeClock();
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(2), upsertChunks(100)),
				async () => ({ kind: 'network', code: 'ECONNREFUSED', message: 'refused' }),
				options(clock, { maxRetries: 1 }),
			),
		);
		expect(run.outcomes.map((o) => errorOf(o)?.category)).toEqual([
			'NETWORK_ERROR',
			'NETWORK_ERROR',
		]);
	});

	it.each([
		[
			'a timeout',
			{ kind: 'network', code: 'ETIMEDOUT', message: 'timeout of 30000ms exceeded' } as HttpAttempt,
		],
		['a reset connection', reset()],
		['a cut-off body', status(201, '{"status":"COMPLETE","results":[{"id":"1')],
		['a gateway timeout', status(504, '<html>Gateway Timeout</html>')],
	])(
		'create: after %s the request is not sent again; its inputs "may have been created"',
		async (_, lost) => {
			const clock = new FakeClock();
			let requests = 0;
			const run = await clock.run(
				runBatches(
					chunkInputs(creates(4), { batchSize: 100 }),
					async () => {
						requests++;
						return lost;
					},
					options<CreateInput>(clock, { operation: createRequests('v3') }),
				),
			);
			expect(requests).toBe(1);
			expect(run.outcomes).toHaveLength(4);
			for (const outcome of run.outcomes) {
				expect(errorOf(outcome)?.category).toBe('UNKNOWN_OUTCOME');
				expect(errorOf(outcome)?.message).toMatch(/may have been created/);
			}
		},
	);

	it('create: a 503 or a 429 was not carried out, so it is sent again', async () => {
		const clock = new FakeClock();
		const answers = [status(503, { message: 'Service Unavailable' }), tenSecondly429()];
		const op = createRequests('v3');
		const run = await clock.run(
			runBatches(
				chunkInputs(creates(2), { batchSize: 100 }),
				async (inputs) => {
					const next = answers.shift();
					if (next) return next;
					return status(201, {
						status: 'COMPLETE',
						results: inputs.map((p, i) => ({
							id: String(100 + i),
							properties: p.input.properties,
							objectWriteTraceId: p.input.objectWriteTraceId,
						})),
					});
				},
				options<CreateInput>(clock, { operation: op }),
			),
		);
		expect(run.outcomes.map((o) => o.ok)).toEqual([true, true]);
		expect(run.stats.requests).toBe(3);
	});
});

describe('a 200/207 with malformed entries', () => {
	it('inputs HubSpot answered keep their outcome; only unmatched ones fail, saying why', async () => {
		const clock = new FakeClock();
		const inputs = prepared(4);
		const good = (ok([inputs[0], inputs[2]]) as { body: { results: unknown[] } }).body.results;
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async () =>
					status(207, {
						status: 'COMPLETE',
						results: [null, ...good, { properties: null }, 'x'],
						errors: [
							null,
							{
								status: 'error',
								message: 'lots was not a valid number.',
								context: { objectWriteTraceId: ['n8n-3'] },
							},
							{},
						],
						numErrors: 3,
					}),
				options(clock),
			),
		);
		expect(run.outcomes.map((o) => o.ok)).toEqual([true, false, true, false]);
		expect(errorOf(run.outcomes[3])?.message).toBe('lots was not a valid number.');
		expect(errorOf(run.outcomes[1])).toMatchObject({ category: 'NO_RESULT', httpCode: '207' });
		expect(errorOf(run.outcomes[1])?.message).toMatch(/malformed entries/);
	});

	it('an exception never overwrites outcomes already known: isolated halves keep theirs', async () => {
		const clock = new FakeClock();
		const inputs = prepared(4);
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async (sent) => {
					if (sent.length === 4)
						return status(400, {
							status: 'error',
							category: 'VALIDATION_ERROR',
							message: 'Invalid input JSON',
						});
					if (sent[0].seq === 2) throw new Error('a bug in the sender');
					return ok(sent);
				},
				options(clock),
			),
		);
		expect(run.outcomes.map((o) => o.ok)).toEqual([true, true, false, false]);
		expect(errorOf(run.outcomes[2])?.message).toBe('Internal error: a bug in the sender');
	});
});

describe('413: a request too large is split like a 400', () => {
	it('one huge input does not sink the 99 good ones', async () => {
		const clock = new FakeClock();
		const inputs = prepared(100);
		inputs[37].input.properties.hs_goal_name = 'x'.repeat(70_000);
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async (sent) =>
					sent.some((p) => p.seq === 37)
						? status(413, '<html>413 Request Entity Too Large</html>')
						: ok(sent),
				options(clock),
			),
		);
		expect(run.outcomes.filter((o) => !o.ok).map((o) => o.seq)).toEqual([37]);
		expect(errorOf(run.outcomes[37])?.httpCode).toBe('413');
	});
});

describe('cancelling the execution', () => {
	it('stops at once during a retry pause and settles every unsent input as "Not sent: the execution was cancelled"', async () => {
		const clock = new FakeClock();
		const controller = new AbortController();
		let requests = 0;
		const running = runBatches(
			chunkInputs(prepared(300), upsertChunks(100)),
			async () => {
				requests++;
				return status(503, { message: 'Service Unavailable' });
			},
			options(clock, { maxConcurrency: 1, signal: controller.signal }),
		);
		await flush();
		expect(requests).toBe(1);
		controller.abort();
		const run = await running;
		expect(clock.t).toBe(0);
		expect(requests).toBe(1);
		expect(run.outcomes).toHaveLength(300);
		for (const outcome of run.outcomes) {
			expect(errorOf(outcome)).toMatchObject({
				message: 'Not sent: the execution was cancelled',
				category: 'CANCELLED',
			});
		}
	});

	it('a write in flight when cancelled may have been written', async () => {
		const clock = new FakeClock();
		const controller = new AbortController();
		const running = runBatches(
			chunkInputs(prepared(2), upsertChunks(100)),
			async () => {
				await new Promise((resolve) => setTimeout(resolve, 5));
				controller.abort();
				throw new Error('canceled');
			},
			options(clock, { signal: controller.signal }),
		);
		const run = await running;
		for (const outcome of run.outcomes) {
			expect(errorOf(outcome)).toMatchObject({
				category: 'UNKNOWN_OUTCOME',
				subCategory: 'CANCELLED',
			});
		}
	});
});

describe('the time spent waiting is bounded and reported', () => {
	it('a HubSpot that keeps answering 429 with Retry-After: 120 ends the request within the 5-minute budget', async () => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(2), upsertChunks(100)),
				async () => {
					requests++;
					return status(
						429,
						{
							message: 'You have reached your ten_secondly_rolling limit.',
							policyName: 'TEN_SECONDLY_ROLLING',
						},
						{ 'Retry-After': '120' },
					);
				},
				options(clock),
			),
		);
		expect(clock.t).toBeLessThanOrEqual(5 * 60_000);
		expect(requests).toBeLessThanOrEqual(3);
		expect(errorOf(run.outcomes[0])?.message).toMatch(
			/gave up: waiting 120 s more would make this request wait over 300 s/,
		);
		expect(run.stats.waitedMs).toBeGreaterThanOrEqual(240_000);
	});

	it('the run as a whole waits at most its budget: later requests give up instead of waiting', async () => {
		const clock = new FakeClock();
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(500), upsertChunks(100)),
				async () => status(503, { message: 'Service Unavailable' }),
				options(clock, {
					maxConcurrency: 1,
					maxRetries: 10,
					waitBudget: new WaitBudget(clock, { perRequestMs: 60_000, perRunMs: 90_000 }),
				}),
			),
		);
		expect(run.stats.waitedMs).toBeLessThanOrEqual(90_000);
		const messages = run.outcomes.map((o) => errorOf(o)?.message ?? '');
		expect(
			messages.some((m) =>
				/the run has waited \d+ s for HubSpot already, and waits at most 90 s/.test(m),
			),
		).toBe(true);
	});
});
