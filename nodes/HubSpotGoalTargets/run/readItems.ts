import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { cancelledDetails, isCancelled } from '../engine/cancel';
import type { InputSink } from '../engine/inputSink';
import type { BatchOperation } from '../engine/operation';
import {
	NODE_CATEGORIES,
	isInputProblem,
	type BuiltInput,
	type InputProblem,
} from '../engine/types';
import { createItemParameterReader, type ItemParameterReader } from './itemParameters';

/** While reading items, how often to let requests go and answers in. */
const YIELD_EVERY_MS = 5;

/** Requests read ahead of sending, per request that may be in flight at once. */
const READ_AHEAD_REQUESTS_PER_SLOT = 2;

/**
 * Turns one item into the operation's inputs (several in JSON mode), or says what is wrong with
 * it. `params` reads the item's parameters (plain `{{ $json.x }}` references without n8n's
 * expression engine; node-level ones once).
 */
export type ItemReader<I> = (
	params: ItemParameterReader,
	itemIndex: number,
	seq: number,
	item: INodeExecutionData,
) => Array<BuiltInput<I>>;

/** What reading the items came to: the inputs refused before sending, and how long reading took. */
export interface ItemsRead {
	problems: InputProblem[];
	/** Items read (the others were not: the execution was cancelled). */
	itemsRead: number;
	/** Time spent reading, without the pauses in which requests went and answers were handled. */
	readMs: number;
	/** From the first item to the last, pauses included. */
	readSpanMs: number;
	/** Parameter values n8n evaluated (the others were read from the items). */
	evaluatedByN8n: number;
}

/** A parameter that cannot be read fails its item only. */
function readSafely<I>(
	reader: ItemReader<I>,
	params: ItemParameterReader,
	itemIndex: number,
	seq: number,
	item: INodeExecutionData,
): Array<BuiltInput<I>> {
	try {
		return reader(params, itemIndex, seq, item);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return [
			{
				seq,
				itemIndex,
				error: {
					message: `Item ${itemIndex}: a parameter could not be read: ${reason}`,
					category: NODE_CATEGORIES.invalidInput,
				},
				input: {},
			},
		];
	}
}

/**
 * Reads every item into inputs and gives them to `sink`, whose requests go as soon as they are
 * full, while later items are still read: n8n evaluating expressions item by item then overlaps
 * with HubSpot's answer time. Items not read because the execution was cancelled (or no reader:
 * cancelled while preparing) fail as not sent.
 */
export async function readItems<I>(
	node: IExecuteFunctions,
	parameters: INodeProperties[],
	reader: ItemReader<I> | undefined,
	sink: InputSink<I>,
	run: { operation: BatchOperation<I>; maxConcurrency: number; signal?: AbortSignal },
): Promise<ItemsRead> {
	const items = node.getInputData();
	const problems: InputProblem[] = [];
	let seq = 0;
	let itemsRead = 0;
	const readAhead = READ_AHEAD_REQUESTS_PER_SLOT * run.maxConcurrency;
	const readStarted = Date.now();
	let lastPause: number | undefined;
	let pausedMs = 0;
	// Plain `{{ $json.field }}` references are read from the items; n8n evaluates only the rest.
	const params = createItemParameterReader(node, items, parameters);
	for (
		let itemIndex = 0;
		reader && itemIndex < items.length && !isCancelled(run.signal);
		itemIndex++
	) {
		const built = readSafely(reader, params, itemIndex, seq, items[itemIndex]);
		itemsRead++;
		seq += built.length;
		let sealed = 0;
		for (const entry of built) {
			if (isInputProblem(entry)) problems.push(entry);
			else sealed += sink.add(entry);
		}
		// Let requests start and answers come in before reading on: at once for the first request,
		// then every few milliseconds (each pause costs about a millisecond); and read no further
		// ahead than a few requests' worth while they wait to go.
		if (sealed > 0 && (lastPause === undefined || Date.now() - lastPause >= YIELD_EVERY_MS)) {
			const pausedAt = Date.now();
			await sleep(0);
			await sink.whenFewerWaiting(readAhead);
			lastPause = Date.now();
			pausedMs += lastPause - pausedAt;
		}
	}
	for (let itemIndex = itemsRead; itemIndex < items.length; itemIndex++) {
		problems.push({
			seq: seq++,
			itemIndex,
			error: cancelledDetails(false, run.operation),
			input: {},
		});
	}
	const readSpanMs = Date.now() - readStarted;
	return {
		problems,
		itemsRead,
		readMs: readSpanMs - pausedMs,
		readSpanMs,
		evaluatedByN8n: params.evaluatedByN8n,
	};
}
