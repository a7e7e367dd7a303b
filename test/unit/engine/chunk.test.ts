import { ChunkBuilder, chunkInputs } from '../../../nodes/HubSpotGoalTargets/engine/chunk';
import type { PreparedInput } from '../../../nodes/HubSpotGoalTargets/engine/types';
import type { UpsertInput } from '../../../nodes/HubSpotGoalTargets/actions/goalTarget/batchUpsert/batchUpsert.input';
import { upsertChunks } from '../../../testkit/fakes';

function inputs(ids: string[], idProperty = 'k'): Array<PreparedInput<UpsertInput>> {
	return ids.map((id, seq) => ({
		seq,
		itemIndex: seq,
		input: { id, idProperty, properties: {}, objectWriteTraceId: `t${seq}` },
	}));
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);

describe('chunkInputs', () => {
	it('cuts 250 inputs into 100, 100, 50 in order', () => {
		const chunks = chunkInputs(inputs(ids(250)), upsertChunks(100));
		expect(chunks.map((c) => c.inputs.length)).toEqual([100, 100, 50]);
		expect(chunks.flatMap((c) => c.inputs.map((p) => p.seq))).toEqual([...Array(250).keys()]);
		expect(chunks.every((c) => c.after.length === 0)).toBe(true);
	});

	it('never puts two writes of one record in one request, and orders them', () => {
		const chunks = chunkInputs(inputs(['a', 'b', 'a', 'c', 'a']), upsertChunks(100));
		expect(chunks.map((c) => c.inputs.map((p) => p.input.id))).toEqual([
			['a', 'b', 'c'],
			['a'],
			['a'],
		]);
		expect(chunks.map((c) => c.after)).toEqual([[], [0], [1]]);
	});

	it('treats the same id under another idProperty as another record', () => {
		const list = [
			...inputs(['a']),
			...inputs(['a'], 'other').map((p) => ({ ...p, seq: 1, itemIndex: 1 })),
		];
		expect(chunkInputs(list, upsertChunks(100))).toHaveLength(1);
	});

	it('fills requests up to the batch size around duplicates', () => {
		const list = inputs(['a', 'a', 'b', 'c', 'd', 'e']);
		const chunks = chunkInputs(list, upsertChunks(3));
		for (const chunk of chunks) {
			expect(chunk.inputs.length).toBeLessThanOrEqual(3);
			const keys = chunk.inputs.map((p) => p.input.id);
			expect(new Set(keys).size).toBe(keys.length);
		}
		expect(chunks.reduce((n, c) => n + c.inputs.length, 0)).toBe(6);
		expect(chunks).toHaveLength(2);
	});

	it('handles no inputs and rejects a bad batch size', () => {
		expect(chunkInputs([], upsertChunks(100))).toEqual([]);
		expect(() => chunkInputs(inputs(['a']), upsertChunks(0))).toThrow(RangeError);
	});
});

describe('ChunkBuilder (chunks handed out while items are still read)', () => {
	it('hands out each request as soon as it is full, the rest at the end', () => {
		const builder = new ChunkBuilder(upsertChunks(2));
		const sealed = inputs(['a', 'b', 'c', 'd', 'e']).map((input) =>
			builder.add(input).map((c) => c.index),
		);
		expect(sealed).toEqual([[], [0], [], [1], []]);
		expect(builder.finish().map((c) => [c.index, c.inputs.map((p) => p.input.id)])).toEqual([
			[2, ['e']],
		]);
	});

	it('hands out requests in order around duplicates, each marked with the request it follows', () => {
		const builder = new ChunkBuilder(upsertChunks(2));
		const handed = inputs(['a', 'a', 'b', 'c', 'a']).flatMap((input) => builder.add(input));
		expect(handed.map((c) => [c.index, c.inputs.map((p) => p.input.id), c.after])).toEqual([
			[0, ['a', 'b'], []],
			[1, ['a', 'c'], [0]],
		]);
		expect(
			builder.finish().map((c) => [c.index, c.inputs.map((p) => p.input.id), c.after]),
		).toEqual([[2, ['a'], [1]]]);
	});
});
