import type { PreparedInput } from './types';

export interface Chunk {
	inputs: PreparedInput[];
	/** Earlier chunks that write a record this chunk writes again: they must finish first. */
	after: number[];
}

/** The record an input writes: HubSpot refuses two of them in one request. */
export function recordKey(input: PreparedInput): string {
	return `${input.input.idProperty}\u0000${input.input.id}`;
}

/**
 * Cuts inputs into requests of at most `batchSize`, in input order, so that no request holds two
 * inputs for the same record. A later write of a record goes into a later request than the earlier
 * write (first fit after it), and that request is marked to wait for the earlier one, so both
 * writes happen in input order.
 */
export function chunkInputs(inputs: PreparedInput[], batchSize: number): Chunk[] {
	if (!Number.isInteger(batchSize) || batchSize < 1) {
		throw new RangeError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
	}
	const chunks: Array<{ inputs: PreparedInput[]; keys: Set<string>; after: Set<number> }> = [];
	const lastChunkOfKey = new Map<string, number>();
	// Chunks before this index are full: first fit starts here.
	let firstOpen = 0;
	for (const input of inputs) {
		const key = recordKey(input);
		const previous = lastChunkOfKey.get(key);
		let index = Math.max(firstOpen, previous === undefined ? 0 : previous + 1);
		while (index < chunks.length && chunks[index].inputs.length >= batchSize) index++;
		if (index === chunks.length) chunks.push({ inputs: [], keys: new Set(), after: new Set() });
		const chunk = chunks[index];
		chunk.inputs.push(input);
		chunk.keys.add(key);
		if (previous !== undefined) chunk.after.add(previous);
		lastChunkOfKey.set(key, index);
		while (firstOpen < chunks.length && chunks[firstOpen].inputs.length >= batchSize) firstOpen++;
	}
	return chunks.map((c) => ({ inputs: c.inputs, after: [...c.after].sort((a, b) => a - b) }));
}
