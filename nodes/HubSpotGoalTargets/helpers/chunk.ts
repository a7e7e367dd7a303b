import type { PreparedInput } from './types';

export interface Chunk {
	/** Position in the run's list of requests. */
	index: number;
	inputs: PreparedInput[];
	/** Earlier chunks that write a record this chunk writes again: they must finish first. */
	after: number[];
}

/** The record an input writes: HubSpot refuses two of them in one request. */
export function recordKey(input: PreparedInput): string {
	return `${input.input.idProperty}\u0000${input.input.id}`;
}

interface OpenChunk {
	inputs: PreparedInput[];
	after: Set<number>;
	sealed: boolean;
}

/**
 * Cuts inputs, as they come, into requests of at most `batchSize`, so that no request holds two
 * inputs for the same record. A later write of a record goes into a later request than the
 * earlier write (first fit after it), and that request waits for the earlier one, so both writes
 * happen in input order. A request is handed out as soon as it is full, so sending can start
 * while later items are still being read.
 */
export class ChunkBuilder {
	private readonly chunks: OpenChunk[] = [];

	private readonly lastChunkOfKey = new Map<string, number>();

	/** Chunks before this index are full: first fit starts here. */
	private firstOpen = 0;

	constructor(private readonly batchSize: number) {
		if (!Number.isInteger(batchSize) || batchSize < 1) {
			throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
		}
	}

	/** Places one input; returns the chunks this filled up. */
	add(input: PreparedInput): Chunk[] {
		const key = recordKey(input);
		const previous = this.lastChunkOfKey.get(key);
		let index = Math.max(this.firstOpen, previous === undefined ? 0 : previous + 1);
		while (index < this.chunks.length && this.chunks[index].inputs.length >= this.batchSize) index++;
		if (index === this.chunks.length) this.chunks.push({ inputs: [], after: new Set(), sealed: false });
		const chunk = this.chunks[index];
		chunk.inputs.push(input);
		if (previous !== undefined) chunk.after.add(previous);
		this.lastChunkOfKey.set(key, index);
		while (this.firstOpen < this.chunks.length && this.chunks[this.firstOpen].inputs.length >= this.batchSize) {
			this.firstOpen++;
		}
		return chunk.inputs.length >= this.batchSize ? [this.seal(index)] : [];
	}

	/** The chunks not yet handed out: the last, partly filled ones. */
	finish(): Chunk[] {
		const rest: Chunk[] = [];
		this.chunks.forEach((chunk, index) => {
			if (!chunk.sealed) rest.push(this.seal(index));
		});
		return rest;
	}

	private seal(index: number): Chunk {
		const chunk = this.chunks[index];
		chunk.sealed = true;
		return { index, inputs: chunk.inputs, after: [...chunk.after].sort((a, b) => a - b) };
	}
}

/** All inputs at once, in request order. */
export function chunkInputs(inputs: PreparedInput[], batchSize: number): Chunk[] {
	const builder = new ChunkBuilder(batchSize);
	const chunks = inputs.flatMap((input) => builder.add(input));
	return [...chunks, ...builder.finish()].sort((a, b) => a.index - b.index);
}
