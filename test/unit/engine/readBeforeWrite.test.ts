/**
 * The read-before-write pipeline of Write Mode changed/preview on a fake clock, with a fake HubSpot
 * whose answers come back in an order the test chooses.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	recordComparison,
	type RecordRead,
} from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/common/currentRecords';
import {
	BatchRunner,
	type RunnerLinks,
} from '../../../nodes/HubSpotGoalTargets/engine/batchRunner';
import type { RunnerOptions } from '../../../nodes/HubSpotGoalTargets/engine/runnerOptions';
import { ChunkBuilder } from '../../../nodes/HubSpotGoalTargets/engine/chunk';
import type { BatchOperation } from '../../../nodes/HubSpotGoalTargets/engine/operation';
import { ReadBeforeWrite } from '../../../nodes/HubSpotGoalTargets/engine/readBeforeWrite';
import type { CompareMode } from '../../../nodes/HubSpotGoalTargets/engine/recordComparison';
import { RequestSlots } from '../../../nodes/HubSpotGoalTargets/engine/requestSlots';
import type { HttpAttempt } from '../../../nodes/HubSpotGoalTargets/transport/httpAttempt';
import type { PreparedInput } from '../../../nodes/HubSpotGoalTargets/engine/types';
import { WaitBudget } from '../../../nodes/HubSpotGoalTargets/engine/waitBudget';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import type { PropertyLookup } from '../../../nodes/HubSpotGoalTargets/helpers/propertySchema';
import { FakeClock, status, upsertOperation, ownLogPacer } from '../../../testkit/fakes';

const schema: PropertyLookup = new Map([
	['hs_target_amount', { name: 'hs_target_amount', type: 'number', fieldType: 'number' }],
	['hs_goal_name', { name: 'hs_goal_name', type: 'string', fieldType: 'text' }],
	['external_goal_key', { name: 'external_goal_key', type: 'string', hasUniqueValue: true }],
]);

/** A HubSpot of goal targets keyed by external_goal_key, answering batch read and upsert. */
class FakeHubSpot {
	readonly records = new Map<string, { id: string; properties: Record<string, string> }>();

	private nextId = 1;

	inFlight = 0;

	maxInFlight = 0;

	readonly sent: string[] = [];

	seed(key: string, properties: Record<string, string>) {
		this.records.set(key, {
			id: String(this.nextId++),
			properties: { ...properties, external_goal_key: key },
		});
	}

	read(body: IDataObject): HttpAttempt {
		const ids = (body.inputs as Array<{ id: string }>).map((input) => input.id);
		const wanted = body.properties as string[];
		const found = ids.filter((id) => this.records.has(id));
		const missing = ids.filter((id) => !this.records.has(id));
		const results = found.map((key) => {
			const record = this.records.get(key)!;
			return {
				id: record.id,
				properties: Object.fromEntries(wanted.map((n) => [n, record.properties[n] ?? null])),
			};
		});
		const errors = missing.length
			? [
					{
						status: 'error',
						category: 'OBJECT_NOT_FOUND',
						message: 'Could not get some GOAL_TARGET objects',
						context: { ids: missing },
					},
				]
			: [];
		return status(errors.length ? 207 : 200, { status: 'COMPLETE', results, errors });
	}

	upsert(body: IDataObject): HttpAttempt {
		const results = (body.inputs as UpsertInput[]).map((input) => {
			const existing = this.records.get(input.id);
			if (!existing) this.seed(input.id, {});
			const record = this.records.get(input.id)!;
			Object.assign(record.properties, input.properties);
			return {
				id: record.id,
				properties: { ...record.properties },
				new: !existing,
				objectWriteTraceId: input.objectWriteTraceId,
			};
		});
		return status(200, { status: 'COMPLETE', results });
	}
}

function setup(
	mode: CompareMode,
	readLatency: (readIndex: number) => number,
	maxConcurrency = 2,
	signal?: AbortSignal,
) {
	const clock = new FakeClock();
	const hubspot = new FakeHubSpot();
	const slots = new RequestSlots(maxConcurrency);
	const common = {
		maxRetries: 0,
		maxConcurrency,
		isolateFailures: true,
		maxRateLimitWaits: 20,
		pacer: ownLogPacer(clock),
		clock,
		random: () => 0.5,
		log: () => {},
		waitBudget: new WaitBudget(clock),
		signal,
	};
	let reads = 0;
	const send =
		<X>(op: BatchOperation<X>, kind: 'read' | 'upsert') =>
		async (inputs: Array<PreparedInput<X>>): Promise<HttpAttempt> => {
			const { body } = op.buildRequest(inputs);
			hubspot.inFlight++;
			hubspot.maxInFlight = Math.max(hubspot.maxInFlight, hubspot.inFlight);
			const index = kind === 'read' ? reads++ : -1;
			await clock.sleep(kind === 'read' ? readLatency(index) : 50);
			hubspot.inFlight--;
			hubspot.sent.push(
				kind === 'read' ? `read ${index}` : `upsert ${inputs.map((p) => p.seq).join(',')}`,
			);
			return kind === 'read' ? hubspot.read(body!) : hubspot.upsert(body!);
		};
	const runner = <X>(op: BatchOperation<X>, kind: 'read' | 'upsert', links: RunnerLinks = {}) =>
		new BatchRunner<X>(send(op, kind), { ...common, operation: op } as RunnerOptions<X>, {
			...links,
			slots,
		});
	const comparison = recordComparison<UpsertInput>('v3', schema, true);
	const writes = {
		runner: runner(upsertOperation, 'upsert'),
		chunks: new ChunkBuilder<UpsertInput>({
			batchSize: 100,
			conflictKey: upsertOperation.conflictKey,
		}),
	};
	const sink = new ReadBeforeWrite<UpsertInput, RecordRead>(comparison, mode, writes, (links) =>
		runner(comparison.readOperation, 'read', links),
	);
	return { clock, hubspot, sink };
}

const input = (seq: number, key: string, properties: Record<string, string>) => ({
	seq,
	itemIndex: seq,
	input: { id: key, idProperty: 'external_goal_key', properties, objectWriteTraceId: `n8n-${seq}` },
});

describe('ReadBeforeWrite', () => {
	it('compares a later input for a record with the record as the earlier inputs leave it, even when its read is answered first', async () => {
		// Read 0 (inputs 0-99) is answered long after read 1 (inputs 100-149).
		const { clock, hubspot, sink } = setup('changed', (index) => (index === 0 ? 1000 : 100));
		hubspot.seed('A', { hs_target_amount: '5' });
		for (let seq = 0; seq < 150; seq++) {
			const key = seq === 0 || seq === 120 ? 'A' : `K-${seq}`;
			const amount = seq === 0 ? '1' : seq === 120 ? '2.0' : String(seq);
			sink.add(input(seq, key, { hs_target_amount: amount }));
		}
		const result = await clock.run(sink.finish());
		const first = result.outcomes.find((o) => o.seq === 0)!;
		const later = result.outcomes.find((o) => o.seq === 120)!;
		expect(first).toMatchObject({
			ok: true,
			result: {
				change: 'update',
				written: true,
				changes: { hs_target_amount: { from: '5', to: '1' } },
			},
		});
		expect(later).toMatchObject({
			ok: true,
			result: {
				change: 'update',
				written: true,
				changes: { hs_target_amount: { from: '1', to: '2.0' } },
			},
		});
		// The later write of A went after the earlier one, as in Write All.
		expect(hubspot.records.get('A')?.properties.hs_target_amount).toBe('2.0');
		expect(hubspot.sent.indexOf('read 1')).toBeLessThan(hubspot.sent.indexOf('read 0'));
		expect(result.outcomes.map((o) => o.seq)).toEqual([...Array(150).keys()]);
		expect(result.requests).toEqual({ reads: 2, writes: 2 });
	});

	it('a later input equal to what an earlier input sets is not written again', async () => {
		const { clock, hubspot, sink } = setup('changed', () => 100);
		hubspot.seed('A', { hs_target_amount: '5' });
		sink.add(input(0, 'A', { hs_target_amount: '7' }));
		sink.add(input(1, 'B', { hs_target_amount: '1' }));
		sink.add(input(2, 'B', { hs_target_amount: '1.0' }));
		sink.add(input(3, 'A', { hs_target_amount: '7.00' }));
		const result = await clock.run(sink.finish());
		expect(
			result.outcomes.map((o) => (o.ok ? [o.result.change, o.result.written] : 'error')),
		).toEqual([
			['update', true],
			['create', true],
			['none', false],
			['none', false],
		]);
		expect(hubspot.sent.filter((s) => s.startsWith('upsert'))).toEqual(['upsert 0,1']);
	});

	it('never has more requests in flight than the run allows, reads and writes together', async () => {
		const { clock, hubspot, sink } = setup('changed', () => 200, 3);
		for (let seq = 0; seq < 1000; seq++) {
			if (seq % 2 === 0) hubspot.seed(`K-${seq}`, { hs_target_amount: '1' });
			sink.add(input(seq, `K-${seq}`, { hs_target_amount: '2' }));
		}
		const result = await clock.run(sink.finish());
		expect(result.requests).toEqual({ reads: 10, writes: 10 });
		expect(hubspot.maxInFlight).toBe(3);
		expect(result.outcomes.filter((o) => o.ok && o.result.written === true)).toHaveLength(1000);
	});

	it('preview sends no write; an input whose read failed goes to Error saying it was not compared', async () => {
		const { clock, hubspot, sink } = setup('preview', () => 100);
		hubspot.seed('A', { hs_target_amount: '5' });
		sink.add(input(0, 'A', { hs_target_amount: '6' }));
		sink.add(input(1, 'N', { hs_target_amount: '1' }));
		const result = await clock.run(sink.finish());
		expect(hubspot.sent).toEqual(['read 0']);
		expect(result.outcomes.map((o) => o.ok && o.result)).toEqual([
			{
				id: '1',
				properties: { external_goal_key: 'A', hs_target_amount: '5' },
				change: 'update',
				written: false,
				changes: { hs_target_amount: { from: '5', to: '6' } },
			},
			{
				properties: { external_goal_key: 'N', hs_target_amount: '1' },
				change: 'create',
				written: false,
			},
		]);
	});
});

describe('ReadBeforeWrite when a read fails', () => {
	it('puts the inputs of a read that failed on Error, writes nothing for them, and still writes the others', async () => {
		const { clock, hubspot, sink } = setup('changed', () => 100);
		const realRead = hubspot.read.bind(hubspot);
		let calls = 0;
		hubspot.read = (body) =>
			calls++ === 0 ? status(500, { message: 'boom', category: 'INTERNAL' }) : realRead(body);
		for (let seq = 0; seq < 101; seq++) sink.add(input(seq, `K-${seq}`, { hs_target_amount: '1' }));
		const result = await clock.run(sink.finish());
		const failed = result.outcomes.filter((o) => !o.ok);
		expect(failed).toHaveLength(100);
		expect(failed[0]).toMatchObject({
			ok: false,
			error: {
				message: expect.stringMatching(
					/^The goal target could not be read to compare with, so this input was not written \(nothing was changed; send it again\): boom/,
				),
			},
			input: { id: 'K-0', properties: { hs_target_amount: '1' } },
		});
		expect(hubspot.records.has('K-0')).toBe(false);
		expect(result.outcomes[100]).toMatchObject({
			ok: true,
			result: { change: 'create', written: true },
		});
	});
});

describe('ReadBeforeWrite when the execution is cancelled', () => {
	it('settles every input once as not sent, and writes nothing', async () => {
		const controller = new AbortController();
		const { clock, hubspot, sink } = setup('changed', () => 100, 1, controller.signal);
		for (let seq = 0; seq < 300; seq++) sink.add(input(seq, `K-${seq}`, { hs_target_amount: '1' }));
		const done = sink.finish();
		// Cancelled while the first read is in flight.
		await clock.advanceTo(50);
		controller.abort();
		const result = await clock.run(done);
		expect(result.outcomes.map((o) => o.seq)).toEqual([...Array(300).keys()]);
		expect(hubspot.sent.filter((s) => s.startsWith('upsert'))).toEqual([]);
		expect(hubspot.records.size).toBe(0);
		expect(result.outcomes.every((o) => !o.ok && o.error.category === 'CANCELLED')).toBe(true);
	});

	it('a write in flight when cancelled keeps its answer; nothing more is sent, the rest is not sent', async () => {
		const controller = new AbortController();
		const { clock, hubspot, sink } = setup('changed', () => 100, 1, controller.signal);
		for (let seq = 0; seq < 300; seq++) sink.add(input(seq, `K-${seq}`, { hs_target_amount: '1' }));
		const done = sink.finish();
		// The first read is answered at 100 ms; its write (inputs 0-99) takes the one slot next and
		// is in flight at 120 ms (this fake HubSpot answers it even so).
		await clock.advanceTo(120);
		controller.abort();
		const result = await clock.run(done);
		expect(hubspot.sent).toEqual(['read 0', `upsert ${[...Array(100).keys()].join(',')}`]);
		expect(result.outcomes.map((o) => o.seq)).toEqual([...Array(300).keys()]);
		const categories = result.outcomes.map((o) => (o.ok ? o.result.change : o.error.category));
		expect(categories).toEqual([...Array(100).fill('create'), ...Array(200).fill('CANCELLED')]);
	});
});
