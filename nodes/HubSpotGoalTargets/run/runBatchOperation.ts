import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { BatchRunner, type RunnerLinks } from '../engine/batchRunner';
import { abortable, isCancelled } from '../engine/cancel';
import { ChunkBuilder } from '../engine/chunk';
import { directSink, type InputSink } from '../engine/inputSink';
import type { BatchOperation } from '../engine/operation';
import { ReadBeforeWrite } from '../engine/readBeforeWrite';
import type { RecordComparison } from '../engine/recordComparison';
import { RequestSlots } from '../engine/requestSlots';
import type { BuiltInput } from '../engine/types';
import type { ApiVersion } from '../transport/apiVersion';
import { problemOutcomes, toOutputs } from './outputs';
import { readItems, type ItemReader } from './readItems';
import { createRunContext, type RunContext } from './runContext';
import { readRunOptions, type RunOptions } from './runOptions';
import { reportRun } from './runReport';

/** How to read one item, and (upsert, update) how to compare inputs with their records. */
export interface PreparedRun<I, R> {
	reader: ItemReader<I>;
	/** For Write Mode `changed` and `preview`. */
	comparison?: RecordComparison<I, R>;
}

/** One batch operation, as its `execute` gives it to runBatchOperation. */
export interface OperationRun<I, R = never> {
	/** The operation's requests on the run's API version. */
	requests: (version: ApiVersion) => BatchOperation<I>;
	/** The operation's parameters (its description): which ones n8n validates or converts itself. */
	parameters: INodeProperties[];
	/**
	 * Reads what the run needs before the items (the account's properties, through the run's
	 * sender like every request) and returns how to read one item.
	 */
	prepare: (run: RunContext, options: RunOptions) => Promise<ItemReader<I> | PreparedRun<I, R>>;
}

/**
 * Where the inputs go: straight into write requests, or (Write Mode `changed`/`preview`, when
 * the operation compares) first into batch reads of their records. One bound on requests in flight
 * holds for the whole run, batch reads and writes together.
 */
function inputSink<I, R>(
	run: RunContext,
	operation: BatchOperation<I>,
	options: RunOptions,
	comparison: RecordComparison<I, R> | undefined,
): InputSink<I> {
	const slots = new RequestSlots(options.maxConcurrency);
	const runnerFor = <X>(op: BatchOperation<X>, links: RunnerLinks = {}, isolate = true) =>
		new BatchRunner<X>(
			async (inputs) => await run.send(op.buildRequest(inputs)),
			run.senderOptions(op, isolate),
			{ ...links, slots },
		);
	const chunks = new ChunkBuilder<I>({
		batchSize: Math.min(options.batchSize, operation.maxBatchSize),
		conflictKey: operation.conflictKey,
		requestKey: operation.requestKey,
	});
	if (!comparison || options.writeMode === 'all') return directSink(runnerFor(operation), chunks);
	return new ReadBeforeWrite(
		comparison,
		options.writeMode,
		{ runner: runnerFor(operation), chunks },
		// A batch read is refused whole only for what all its inputs share (the ID property).
		(links) => runnerFor(comparison.readOperation, links, false),
	);
}

/**
 * Runs one batch operation over all input items: reads each item into inputs, cuts them into
 * requests while later items are still read, sends them through the engine and returns the
 * Success and Error outputs. Stops the node when the run cannot go on (bad token, spent daily
 * quota) unless the node continues on error; the error then says which inputs were written.
 */
export async function runBatchOperation<I, R = never>(
	node: IExecuteFunctions,
	operationRun: OperationRun<I, R>,
): Promise<INodeExecutionData[][]> {
	const options = readRunOptions(node);
	if (node.getInputData().length === 0) return [[], []];
	const startedAt = Date.now();
	const run = await createRunContext(node, options);
	const operation = operationRun.requests(run.apiVersion);
	// Cancelled while preparing: no item is read, each one is settled as not sent.
	const prepared = await abortable(operationRun.prepare(run, options), run.signal).catch(
		async (error: unknown) => (isCancelled(run.signal) ? undefined : await Promise.reject(error)),
	);
	const { reader, comparison } =
		typeof prepared === 'function' ? { reader: prepared, comparison: undefined } : (prepared ?? {});
	const sink = inputSink(run, operation, options, comparison);
	const read = await readItems(node, operationRun.parameters, reader, sink, {
		operation,
		maxConcurrency: options.maxConcurrency,
		signal: run.signal,
	});
	const result = await sink.finish();
	const outcomes = [
		...problemOutcomes(read.problems as Array<BuiltInput<I>>),
		...result.outcomes,
	].sort((a, b) => a.seq - b.seq);
	reportRun(node, {
		result,
		outcomes,
		read,
		writeMode: comparison && options.writeMode !== 'all' ? options.writeMode : undefined,
		writes: operation.writes,
		startedAt,
		signal: run.signal,
	});
	return toOutputs(outcomes);
}
