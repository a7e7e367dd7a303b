import { inputsNamedByRejection } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/refusals';
import { BatchRunner, runBatches } from '../../../nodes/HubSpotGoalTargets/engine/batchRunner';
import type { RunnerOptions } from '../../../nodes/HubSpotGoalTargets/engine/runnerOptions';
import { chunkInputs, type Chunk } from '../../../nodes/HubSpotGoalTargets/engine/chunk';
import type { HttpAttempt } from '../../../nodes/HubSpotGoalTargets/transport/httpAttempt';
import type { PreparedInput } from '../../../nodes/HubSpotGoalTargets/engine/types';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import {
	daily429,
	FakeClock,
	ok,
	prepared,
	status,
	tenSecondly429,
	upsertChunks,
	upsertOperation,
	runnerOptions,
} from '../../../testkit/fakes';

function options(
	clock: FakeClock,
	extra: Partial<RunnerOptions<UpsertInput>> = {},
): RunnerOptions<UpsertInput> {
	return runnerOptions(clock, upsertOperation, extra);
}

const first = (inputs: Array<PreparedInput<UpsertInput>>) => inputs[0].input.id;
const unavailable = () =>
	status(503, {
		status: 'error',
		category: 'SERVICE_UNAVAILABLE',
		message: 'Service Unavailable. Please retry in a few seconds.',
	});
const wholeRefusal = () =>
	status(400, {
		status: 'error',
		category: 'VALIDATION_ERROR',
		message: 'Invalid input JSON on line 1, column 4021',
		correlationId: 'c',
	});

describe('runBatches', () => {
	it('retries after errors, then succeeds; each retry waits the backoff', async () => {
		const clock = new FakeClock();
		const answers: HttpAttempt[] = [
			unavailable(),
			{ kind: 'network', code: 'ECONNRESET', message: 'socket hang up' },
		];
		const sentAt: number[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(100), upsertChunks(100)),
				async (inputs) => {
					sentAt.push(clock.now());
					return answers.shift() ?? ok(inputs);
				},
				options(clock),
			),
		);
		expect(run.outcomes.every((o) => o.ok)).toBe(true);
		expect(run.outcomes.map((o) => o.seq)).toEqual([...Array(100).keys()]);
		expect(run.stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 0 });
		// random 0.5: 375 ms after the first failure, 750 ms after the second.
		expect(sentAt).toEqual([0, 375, 1125]);
	});

	it('Max Retries spent: every input of the request goes to Error with what HubSpot said', async () => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(150), upsertChunks(100)),
				async () => {
					requests++;
					return unavailable();
				},
				options(clock, { maxRetries: 2 }),
			),
		);
		expect(requests).toBe(6);
		expect(run.outcomes).toHaveLength(150);
		for (const outcome of run.outcomes) {
			expect(outcome.ok).toBe(false);
			if (outcome.ok) continue;
			expect(outcome.error.message).toBe(
				'Service Unavailable. Please retry in a few seconds. (gave up after 2 retries)',
			);
			expect(outcome.error.httpCode).toBe('503');
			expect(outcome.input).toMatchObject({ id: `k-${outcome.seq}` });
		}
		expect(run.fatal).toBeUndefined();
	});

	it('a rate-limit 429 waits for the window without using a retry', async () => {
		const clock = new FakeClock();
		const answers: HttpAttempt[] = [tenSecondly429(), tenSecondly429()];
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(10), upsertChunks(100)),
				async (inputs) => answers.shift() ?? ok(inputs),
				options(clock, { maxRetries: 0 }),
			),
		);
		expect(run.outcomes.every((o) => o.ok)).toBe(true);
		expect(run.stats).toMatchObject({ requests: 3, retries: 0, rateLimited: 2 });
	});

	it('daily quota spent midway: the run stops, what was written stays written, the rest is "Not sent"', async () => {
		const clock = new FakeClock();
		const sent: string[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(500), upsertChunks(100)),
				async (inputs) => {
					sent.push(first(inputs));
					return sent.length === 3 ? daily429() : ok(inputs);
				},
				options(clock, { maxConcurrency: 1 }),
			),
		);
		expect(sent).toEqual(['k-0', 'k-100', 'k-200']);
		expect(run.fatal?.reason).toBe('dailyLimit');
		expect(run.fatal?.details.message).toMatch(
			/^HubSpot's daily request limit for this account is spent \(You have reached your daily limit\.\)/,
		);
		expect(run.outcomes).toHaveLength(500);
		expect(run.outcomes.slice(0, 200).every((o) => o.ok)).toBe(true);
		const failed = run.outcomes.slice(200);
		expect(failed.every((o) => !o.ok)).toBe(true);
		const messages = failed.map((o) => (o.ok ? '' : o.error.message));
		expect(messages.slice(0, 100).every((m) => m.startsWith("HubSpot's daily request limit"))).toBe(
			true,
		);
		expect(
			messages.slice(100).every((m) => m.startsWith("Not sent: HubSpot's daily request limit")),
		).toBe(true);
	});

	it('daily quota spent with requests in flight: those answered keep their answer', async () => {
		const clock = new FakeClock();
		let n = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(1000), upsertChunks(100)),
				async (inputs) => {
					const mine = n++;
					await clock.sleep(mine === 0 ? 10 : 100);
					return mine === 0 ? daily429() : ok(inputs);
				},
				options(clock, { maxConcurrency: 4 }),
			),
		);
		expect(run.fatal?.reason).toBe('dailyLimit');
		expect(n).toBe(4);
		expect(run.outcomes.filter((o) => o.ok)).toHaveLength(300);
		expect(
			run.outcomes.filter((o) => !o.ok && o.error.message.startsWith('Not sent')),
		).toHaveLength(600);
	});

	it.each([401, 403])('%i stops the run at once, without retries', async (code) => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(300), upsertChunks(100)),
				async () => {
					requests++;
					return status(code, {
						status: 'error',
						category: code === 401 ? 'INVALID_AUTHENTICATION' : 'MISSING_SCOPES',
						message: 'Authentication credentials not found.',
					});
				},
				options(clock, { maxConcurrency: 1 }),
			),
		);
		expect(requests).toBe(1);
		expect(run.fatal?.reason).toBe('auth');
		expect(run.outcomes.every((o) => !o.ok)).toBe(true);
		expect(
			run.outcomes.filter((o) => !o.ok && o.error.message.startsWith('Not sent:')),
		).toHaveLength(200);
	});

	it('isolation finds exactly one bad input in 100 within 2·log2(100) extra requests, wherever it is', async () => {
		const extras: number[] = [];
		for (let bad = 0; bad < 100; bad++) {
			const clock = new FakeClock();
			let requests = 0;
			const run = await clock.run(
				runBatches(
					chunkInputs(prepared(100), upsertChunks(100)),
					async (inputs) => {
						requests++;
						return inputs.some((p) => p.seq === bad) ? wholeRefusal() : ok(inputs);
					},
					options(clock),
				),
			);
			const failed = run.outcomes.filter((o) => !o.ok);
			expect(failed.map((o) => o.seq)).toEqual([bad]);
			expect(failed[0].ok ? '' : failed[0].error.message).toBe(
				'Invalid input JSON on line 1, column 4021',
			);
			expect(run.outcomes.filter((o) => o.ok)).toHaveLength(99);
			expect(run.stats.isolationRequests).toBe(requests - 1);
			extras.push(requests - 1);
		}
		// At most two requests per halving (7 halvings from 100 to 1), about 10 on average.
		expect(Math.max(...extras)).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)));
		expect(extras.reduce((a, b) => a + b, 0) / extras.length).toBeLessThan(11);
	});

	it('isolation finds several bad inputs, and none is sent twice once written', async () => {
		const clock = new FakeClock();
		const bad = new Set([3, 4, 50, 97]);
		const written = new Map<number, number>();
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(100), upsertChunks(100)),
				async (inputs) => {
					if (inputs.some((p) => bad.has(p.seq))) return wholeRefusal();
					for (const p of inputs) written.set(p.seq, (written.get(p.seq) ?? 0) + 1);
					return ok(inputs);
				},
				options(clock),
			),
		);
		expect(run.outcomes.filter((o) => !o.ok).map((o) => o.seq)).toEqual([3, 4, 50, 97]);
		expect(written.size).toBe(96);
		expect([...written.values()].every((n) => n === 1)).toBe(true);
	});

	it('without isolation, a refused request fails whole', async () => {
		const clock = new FakeClock();
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(100), upsertChunks(100)),
				async (inputs) => (inputs.some((p) => p.seq === 7) ? wholeRefusal() : ok(inputs)),
				options(clock, { isolateFailures: false }),
			),
		);
		expect(run.outcomes.filter((o) => !o.ok)).toHaveLength(100);
		expect(run.stats.requests).toBe(1);
	});

	it('attribution by PROPERTY_DOESNT_EXIST: the named inputs fail, the rest is sent once more, no splitting', async () => {
		const clock = new FakeClock();
		const inputs = prepared(100);
		for (const seq of [10, 60]) inputs[seq].input.properties.hs_bogus = 'x';
		const refusal = status(400, {
			status: 'error',
			category: 'VALIDATION_ERROR',
			message:
				'Property values were not valid: [{"isValid":false,"message":"Property \\"hs_bogus\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"hs_bogus","localizedErrorMessage":"Property \\"hs_bogus\\" does not exist"}]',
			errors: [
				{
					message: 'Property "hs_bogus" does not exist',
					code: 'PROPERTY_DOESNT_EXIST',
					context: { propertyName: ['hs_bogus'] },
				},
			],
		});
		const sizes: number[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async (sent) => {
					sizes.push(sent.length);
					return sent.some((p) => 'hs_bogus' in p.input.properties) ? refusal : ok(sent);
				},
				options(clock),
			),
		);
		expect(sizes).toEqual([100, 98]);
		const failed = run.outcomes.filter((o) => !o.ok);
		expect(failed.map((o) => o.seq)).toEqual([10, 60]);
		expect(failed[0].ok ? '' : failed[0].error.message).toBe(
			'Property values were not valid: hs_bogus: Property "hs_bogus" does not exist',
		);
	});

	it('a non-unique idProperty is a refused request-level parameter, carried by the inputs using it', () => {
		const inputs = prepared(4);
		inputs[1].input.idProperty = 'hs_goal_name';
		const refused = upsertOperation.refusedParameter!(inputs, 400, {
			message: 'Unable to perform update/upsert by non-unique 0-74 property hs_goal_name',
		});
		expect(refused?.name).toBe("idProperty 'hs_goal_name'");
		expect(inputs.filter((p) => refused?.carriedBy(p.input)).map((p) => p.seq)).toEqual([1]);
		expect(upsertOperation.refusedParameter!(inputs, 400, { message: 'Invalid input JSON' })).toBe(
			undefined,
		);
		expect(upsertOperation.refusedParameter!(inputs, 400, 'not json')).toBeUndefined();
		expect(inputsNamedByRejection(inputs, { message: 'Invalid input JSON' })).toEqual([]);
		expect(inputsNamedByRejection(inputs, 'not json')).toEqual([]);
	});

	it('respects `after` ordering under concurrency: a later write of a record waits for the earlier one', async () => {
		const clock = new FakeClock();
		const inputs = prepared(6);
		// Inputs 0 and 4 write the same record.
		inputs[4].input.id = inputs[0].input.id;
		const chunks: Array<Chunk<UpsertInput>> = chunkInputs(inputs, upsertChunks(2));
		expect(chunks.map((c) => c.after)).toEqual([[], [], [0]]);
		const events: string[] = [];
		const run = await clock.run(
			runBatches(
				chunks,
				async (sent) => {
					const name = sent.map((p) => p.seq).join('+');
					events.push(`start ${name}`);
					await clock.sleep(sent[0].seq === 0 ? 500 : 10);
					events.push(`end ${name}`);
					return ok(sent);
				},
				options(clock, { maxConcurrency: 4 }),
			),
		);
		expect(run.outcomes.every((o) => o.ok)).toBe(true);
		expect(events.indexOf('start 4+5')).toBeGreaterThan(events.indexOf('end 0+1'));
		expect(events.indexOf('start 2+3')).toBeLessThan(events.indexOf('end 0+1'));
	});

	it('a retry repeats only the request that failed', async () => {
		const clock = new FakeClock();
		const sent: string[] = [];
		let failedOnce = false;
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(300), upsertChunks(100)),
				async (inputs) => {
					sent.push(first(inputs));
					if (first(inputs) === 'k-100' && !failedOnce) {
						failedOnce = true;
						return status(502, '<html>502 Bad Gateway</html>');
					}
					return ok(inputs);
				},
				options(clock, { maxConcurrency: 3 }),
			),
		);
		expect(run.outcomes.every((o) => o.ok)).toBe(true);
		expect(sent.sort()).toEqual(['k-0', 'k-100', 'k-100', 'k-200']);
	});

	it('a 207 is correlated per input: results and errors in any order', async () => {
		const clock = new FakeClock();
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(5), upsertChunks(100)),
				async (inputs) => {
					const good = ok(inputs.filter((p) => p.seq !== 2)) as { body: { results: unknown[] } };
					return status(207, {
						status: 'COMPLETE',
						results: good.body.results,
						numErrors: 1,
						errors: [
							{
								status: 'error',
								category: 'VALIDATION_ERROR',
								message: 'lots was not a valid number.',
								context: { objectWriteTraceId: ['n8n-2'] },
							},
						],
					});
				},
				options(clock),
			),
		);
		expect(run.outcomes.map((o) => o.ok)).toEqual([true, true, false, true, true]);
		expect(run.stats.requests).toBe(1);
	});

	it('keeps within the rate limit when many chunks run concurrently', async () => {
		const clock = new FakeClock();
		const stamps: number[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(prepared(5000), upsertChunks(100)),
				async (inputs) => {
					await clock.sleep(50);
					stamps.push(clock.now());
					await clock.sleep(50);
					return ok(inputs, {
						'X-HubSpot-RateLimit-Max': '10',
						'X-HubSpot-RateLimit-Interval-Milliseconds': '1000',
					});
				},
				options(clock, { maxConcurrency: 8 }),
			),
		);
		expect(run.outcomes.every((o) => o.ok)).toBe(true);
		stamps.sort((a, b) => a - b);
		for (let i = 10; i < stamps.length; i++)
			expect(stamps[i] - stamps[i - 10]).toBeGreaterThan(1000);
	});
});

describe('BatchRunner (chunks added while items are still read)', () => {
	it('holds a chunk until the chunk it must follow has been added and answered', async () => {
		const clock = new FakeClock();
		const order: string[] = [];
		const runner = new BatchRunner<UpsertInput>(async (inputs) => {
			order.push(inputs.map((p) => p.input.id).join(','));
			return ok(inputs);
		}, options(clock));
		const [a, b] = prepared(2);
		const repeatOfA = { ...a, seq: 2, itemIndex: 2 };
		runner.add({ index: 1, inputs: [repeatOfA, b], after: [0] });
		await clock.advanceTo(1000);
		expect(order).toEqual([]);
		runner.add({ index: 0, inputs: [a], after: [] });
		const run = await clock.run(runner.finish());
		expect(order).toEqual([a.input.id, `${a.input.id},${b.input.id}`]);
		expect(run.outcomes.map((o) => [o.seq, o.ok])).toEqual([
			[0, true],
			[1, true],
			[2, true],
		]);
	});

	it('settles chunks added after a fatal answer as not sent, without sending them', async () => {
		const clock = new FakeClock();
		let calls = 0;
		const runner = new BatchRunner<UpsertInput>(async () => {
			calls++;
			return daily429();
		}, options(clock));
		runner.add({ index: 0, inputs: prepared(3), after: [] });
		await clock.advanceTo(1000);
		runner.add({ index: 1, inputs: prepared(2, 3), after: [] });
		const run = await clock.run(runner.finish());
		expect(calls).toBe(1);
		expect(run.fatal?.reason).toBe('dailyLimit');
		expect(run.outcomes.map((o) => o.seq)).toEqual([0, 1, 2, 3, 4]);
		expect(run.outcomes.slice(3).every((o) => !o.ok && /^Not sent: /.test(o.error.message))).toBe(
			true,
		);
	});
});
