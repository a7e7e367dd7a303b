/**
 * The engine and a refusal of a request-level parameter: the inputs carrying it fail with HubSpot's
 * reason in at most as many requests as may be in flight at once; later requests carrying it are
 * not sent, even those already waiting for the rate-limit window; other inputs go on as before.
 */
import { archiveRequests } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchArchive/batchArchive.request';
import { readRequests } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/batchRead.request';
import type { RecordRef } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/recordIds';
import { runBatches } from '../../../nodes/HubSpotGoalTargets/engine/batchRunner';
import type { RunnerOptions } from '../../../nodes/HubSpotGoalTargets/engine/runnerOptions';
import { chunkInputs } from '../../../nodes/HubSpotGoalTargets/engine/chunk';
import type { BatchOperation } from '../../../nodes/HubSpotGoalTargets/engine/operation';
import type { HttpAttempt } from '../../../nodes/HubSpotGoalTargets/transport/httpAttempt';
import type { InputOutcome, PreparedInput } from '../../../nodes/HubSpotGoalTargets/engine/types';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import {
	FakeClock,
	ok,
	prepared,
	status,
	upsertChunks,
	upsertOperation,
	ownLogPacer,
	runnerOptions,
} from '../../../testkit/fakes';

function options<I>(
	clock: FakeClock,
	operation: BatchOperation<I>,
	extra: Partial<RunnerOptions<I>> = {},
): RunnerOptions<I> {
	return runnerOptions(clock, operation, extra);
}

/** HubSpot's refusal of an idProperty that is not unique (as the sandbox gives it). */
const nonUnique = (verb: string, name: string) => {
	const message = `Unable to ${verb} by non-unique 0-74 property ${name}`;
	return status(400, {
		status: 'error',
		category: 'VALIDATION_ERROR',
		message,
		errors: [{ message, code: 'INVALID_ID_PROPERTY', in: 'idProperty' }],
	});
};

const readOperation = readRequests('v3', { properties: [], archived: true });

/** `count` read inputs by `idProperty`, numbered from `from`. */
function reads(count: number, idProperty: string, from = 0): Array<PreparedInput<RecordRef>> {
	return Array.from({ length: count }, (_, k) => ({
		seq: from + k,
		itemIndex: from + k,
		input: { id: `${idProperty}-${from + k}`, idProperty },
	}));
}

const readChunks = (inputs: Array<PreparedInput<RecordRef>>) =>
	chunkInputs(inputs, { batchSize: 100, requestKey: readOperation.requestKey });

/** A batch read answer with a record for every id asked by `idProperty`. */
function found(body: { inputs: Array<{ id: string }>; idProperty?: string }): HttpAttempt {
	const idProperty = body.idProperty ?? 'hs_object_id';
	return status(200, {
		status: 'COMPLETE',
		results: body.inputs.map(({ id }) => ({ id: `r-${id}`, properties: { [idProperty]: id } })),
	});
}

const messages = (outcomes: InputOutcome[]) => outcomes.map((o) => (o.ok ? 'ok' : o.error.message));

describe('a refused request-level parameter', () => {
	it('batch read: 2,000 inputs by a non-unique idProperty fail in at most Max Concurrent Requests requests; another idProperty is read', async () => {
		const clock = new FakeClock();
		const inputs = [...reads(2000, 'hs_goal_name'), ...reads(500, 'external_goal_key', 2000)];
		// Interleaved, as items with an idProperty per item come.
		inputs.sort((a, b) => (a.seq % 5) - (b.seq % 5) || a.seq - b.seq);
		const sent: string[] = [];
		const run = await clock.run(
			runBatches(
				readChunks(inputs),
				async (batch) => {
					const body = readOperation.buildRequest(batch).body as {
						inputs: Array<{ id: string }>;
						idProperty?: string;
					};
					sent.push(body.idProperty ?? '');
					await clock.sleep(100);
					return body.idProperty === 'hs_goal_name'
						? nonUnique('read', 'hs_goal_name')
						: found(body);
				},
				options(clock, readOperation),
			),
		);
		expect(sent.filter((p) => p === 'hs_goal_name').length).toBeLessThanOrEqual(4);
		expect(sent.filter((p) => p === 'external_goal_key')).toHaveLength(5);
		expect(run.outcomes.map((o) => o.seq)).toEqual([...Array(2500).keys()]);
		const byGood = run.outcomes.filter((o) => o.seq >= 2000);
		expect(byGood.every((o) => o.ok)).toBe(true);
		const refused = run.outcomes.filter((o) => o.seq < 2000);
		for (const outcome of refused) {
			expect(outcome.ok).toBe(false);
			if (outcome.ok) continue;
			expect(outcome.error).toMatchObject({ httpCode: '400', category: 'VALIDATION_ERROR' });
			expect(outcome.error.message).toMatch(
				/^(Not sent: an earlier request with idProperty 'hs_goal_name' was refused: )?Unable to read by non-unique 0-74 property hs_goal_name$/,
			);
		}
		expect(messages(refused).filter((m) => m.startsWith('Not sent')).length).toBeGreaterThanOrEqual(
			1600,
		);
		expect(run.stats.isolationRequests).toBe(0);
	});

	it('batch read: a refused archived flag settles every input of the run, whatever its idProperty', async () => {
		const clock = new FakeClock();
		const inputs = [...reads(300, ''), ...reads(300, 'external_goal_key', 300)];
		let requests = 0;
		const refusal = status(400, {
			status: 'error',
			category: 'VALIDATION_ERROR',
			message: 'Invalid value for query parameter',
			errors: [{ message: 'archived must be true or false', in: 'archived' }],
		});
		const run = await clock.run(
			runBatches(
				readChunks(inputs),
				async () => {
					requests++;
					await clock.sleep(100);
					return refusal;
				},
				options(clock, readOperation, { maxConcurrency: 2 }),
			),
		);
		expect(requests).toBeLessThanOrEqual(2);
		expect(run.outcomes).toHaveLength(600);
		expect(run.outcomes.every((o) => !o.ok)).toBe(true);
		expect(messages(run.outcomes)).toContain(
			'Not sent: an earlier request with archived=true was refused: Invalid value for query parameter (archived must be true or false)',
		);
	});

	it('requests waiting for the rate-limit window when the refusal comes are not sent', async () => {
		const clock = new FakeClock();
		let requests = 0;
		const run = await clock.run(
			runBatches(
				readChunks(reads(800, 'hs_goal_name')),
				async () => {
					requests++;
					await clock.sleep(100);
					return nonUnique('read', 'hs_goal_name');
				},
				options(clock, readOperation, {
					maxConcurrency: 8,
					// One request a second: the other seven wait for the window.
					pacer: ownLogPacer(clock, { max: 1, intervalMs: 1000 }),
				}),
			),
		);
		expect(requests).toBe(1);
		expect(run.outcomes.filter((o) => !o.ok)).toHaveLength(800);
	});

	it('batch update or upsert: inputs with a refused idProperty fail, the others of their request are written', async () => {
		const clock = new FakeClock();
		const inputs = prepared(1000);
		for (const p of inputs) if (p.seq % 2 === 0) p.input.idProperty = 'hs_goal_name';
		const sizes: number[] = [];
		const written = new Set<number>();
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async (batch) => {
					sizes.push(batch.length);
					await clock.sleep(100);
					if (batch.some((p) => p.input.idProperty === 'hs_goal_name'))
						return nonUnique('perform update/upsert', 'hs_goal_name');
					for (const p of batch) written.add(p.seq);
					return ok(batch);
				},
				options(clock, upsertOperation, { maxConcurrency: 2 }),
			),
		);
		// Two requests refused whole, their good halves sent again, then the good half of each other request.
		expect(sizes).toEqual([100, 100, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
		expect([...written].sort((a, b) => a - b)).toEqual(
			inputs.filter((p) => p.seq % 2 === 1).map((p) => p.seq),
		);
		const outcomes = run.outcomes;
		expect(outcomes.map((o) => o.seq)).toEqual([...Array(1000).keys()]);
		expect(outcomes.every((o) => o.ok === (o.seq % 2 === 1))).toBe(true);
	});

	it('without Isolate Failures, the refused request fails whole; later requests leave the refused inputs out', async () => {
		const clock = new FakeClock();
		const inputs = prepared(300);
		for (const p of inputs) if (p.seq % 2 === 0) p.input.idProperty = 'hs_goal_name';
		const sizes: number[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async (batch) => {
					sizes.push(batch.length);
					if (batch.some((p) => p.input.idProperty === 'hs_goal_name'))
						return nonUnique('perform update/upsert', 'hs_goal_name');
					return ok(batch);
				},
				options(clock, upsertOperation, { maxConcurrency: 1, isolateFailures: false }),
			),
		);
		expect(sizes).toEqual([100, 50, 50]);
		expect(run.outcomes.filter((o) => o.ok).map((o) => o.seq)).toEqual(
			inputs.filter((p) => p.seq >= 100 && p.seq % 2 === 1).map((p) => p.seq),
		);
	});

	it('a refusal naming an idProperty none of the request carries is isolated as any other', async () => {
		const clock = new FakeClock();
		const inputs = prepared(8);
		const sizes: number[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, upsertChunks(100)),
				async (batch: Array<PreparedInput<UpsertInput>>) => {
					sizes.push(batch.length);
					return batch.some((p) => p.seq === 5)
						? nonUnique('perform update/upsert', 'goal_other_key')
						: ok(batch);
				},
				options(clock, upsertOperation),
			),
		);
		expect(sizes).toEqual([8, 4, 2, 1, 1, 2]);
		expect(run.outcomes.filter((o) => !o.ok).map((o) => o.seq)).toEqual([5]);
	});

	it('batch archive has no request-level parameter: a refusal is isolated by splitting', async () => {
		const clock = new FakeClock();
		const archive = archiveRequests('v3');
		const inputs = reads(8, '');
		const sizes: number[] = [];
		const run = await clock.run(
			runBatches(
				chunkInputs(inputs, { batchSize: 100 }),
				async (batch) => {
					sizes.push(batch.length);
					return batch.some((p) => p.seq === 2)
						? nonUnique('read', 'hs_goal_name')
						: status(204, undefined);
				},
				options(clock, archive),
			),
		);
		expect(archive.refusedParameter).toBeUndefined();
		expect(sizes).toEqual([8, 4, 2, 1, 1, 4]);
		expect(run.outcomes.filter((o) => !o.ok).map((o) => o.seq)).toEqual([2]);
	});
});
