import type { PreparedInput } from './types';

export interface Chunk<I = unknown> {
	/** Position in the run's list of requests. */
	index: number;
	inputs: Array<PreparedInput<I>>;
	/** Earlier chunks that hold an input this chunk's inputs conflict with: they must finish first. */
	after: number[];
}

/** How inputs may be grouped into requests (from the operation). */
export interface ChunkRules<I> {
	batchSize: number;
	/** Inputs with the same key never share a request, and a later one waits for the earlier. */
	conflictKey?: (input: I) => string;
	/** Only inputs with the same key share a request. */
	requestKey?: (input: I) => string;
}

interface OpenChunk<I> {
	inputs: Array<PreparedInput<I>>;
	after: Set<number>;
	sealed: boolean;
}

/** The chunks of one request key, in index order, with the first that may still have room. */
interface Lane {
	indexes: number[];
	firstOpen: number;
}

/**
 * Cuts inputs, as they come, into requests of at most `batchSize`, so that no request holds two
 * conflicting inputs (two writes of the same record). A later input goes into a later request than
 * the one it conflicts with (first fit after it), and that request waits for the earlier one, so
 * both happen in input order. A request is handed out as soon as it is full, so sending can start
 * while later items are still being read.
 */
export class ChunkBuilder<I = unknown> {
	private readonly chunks: Array<OpenChunk<I>> = [];

	private readonly lanes = new Map<string, Lane>();

	private readonly lastChunkOfKey = new Map<string, number>();

	private readonly batchSize: number;

	constructor(private readonly rules: ChunkRules<I>) {
		const { batchSize } = rules;
		if (!Number.isInteger(batchSize) || batchSize < 1) {
			throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
		}
		this.batchSize = batchSize;
	}

	private laneOf(input: I): Lane {
		const key = this.rules.requestKey?.(input) ?? '';
		let lane = this.lanes.get(key);
		if (!lane) {
			lane = { indexes: [], firstOpen: 0 };
			this.lanes.set(key, lane);
		}
		return lane;
	}

	private isFull(index: number): boolean {
		return this.chunks[index].inputs.length >= this.batchSize;
	}

	/** Places one input; returns the chunks this filled up. */
	add(input: PreparedInput<I>): Array<Chunk<I>> {
		const lane = this.laneOf(input.input);
		const key = this.rules.conflictKey?.(input.input);
		const previous = key === undefined ? undefined : this.lastChunkOfKey.get(key);
		let position = lane.firstOpen;
		if (previous !== undefined) {
			while (position < lane.indexes.length && lane.indexes[position] <= previous) position++;
		}
		while (position < lane.indexes.length && this.isFull(lane.indexes[position])) position++;
		if (position === lane.indexes.length) {
			lane.indexes.push(this.chunks.length);
			this.chunks.push({ inputs: [], after: new Set(), sealed: false });
		}
		const index = lane.indexes[position];
		const chunk = this.chunks[index];
		chunk.inputs.push(input);
		if (previous !== undefined) chunk.after.add(previous);
		if (key !== undefined) this.lastChunkOfKey.set(key, index);
		while (lane.firstOpen < lane.indexes.length && this.isFull(lane.indexes[lane.firstOpen]))
			lane.firstOpen++;
		return this.isFull(index) ? [this.seal(index)] : [];
	}

	/** The chunks not yet handed out: the last, partly filled ones. */
	finish(): Array<Chunk<I>> {
		const rest: Array<Chunk<I>> = [];
		this.chunks.forEach((chunk, index) => {
			if (!chunk.sealed) rest.push(this.seal(index));
		});
		return rest;
	}

	private seal(index: number): Chunk<I> {
		const chunk = this.chunks[index];
		chunk.sealed = true;
		return { index, inputs: chunk.inputs, after: [...chunk.after].sort((a, b) => a - b) };
	}
}

/** All inputs at once, in request order. */
export function chunkInputs<I>(
	inputs: Array<PreparedInput<I>>,
	rules: ChunkRules<I>,
): Array<Chunk<I>> {
	const builder = new ChunkBuilder(rules);
	const chunks = inputs.flatMap((input) => builder.add(input));
	return [...chunks, ...builder.finish()].sort((a, b) => a.index - b.index);
}
