import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { createItemParameterReader, type ItemParameterReader } from '../helpers/itemParameters';
import { readBatchUpsertOptions, type BatchUpsertOptions } from '../helpers/options';
import { readWriteMode, type WriteMode } from '../helpers/writeMode';

import { baseUrlOf, credentialTypeOf, rateLimitKeyOf } from '../transport/credential';
import { hubSpotApiError } from '../transport/errors';
import { hubSpotApiRequest } from '../transport/request';
import { BatchRunner, type RunnerLinks, type RunResult } from './batchRunner';
import { abortable, cancelledDetails, isCancelled } from './cancel';
import { changeCounts, changeSummary } from './changeReport';
import { ChunkBuilder } from './chunk';
import { directSink, type InputSink } from './inputSink';
import type { BatchOperation } from './operation';
import { problemOutcomes, toOutputs } from './outputs';
import { RateLimitPacer, type PacerClock } from './pacer';
import { pacerFor } from './pacerRegistry';
import { ReadBeforeWrite } from './readBeforeWrite';
import type { RecordComparison } from './recordComparison';
import { RequestSlots } from './requestSlots';
import {
	NODE_CATEGORIES,
	isInputProblem,
	type BuiltInput,
	type InputOutcome,
	type InputProblem,
} from './types';
import { WaitBudget } from './waitBudget';
import { writtenReport } from './writtenReport';

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

/** The run's options: the Options collection, checked. */
export type RunOptions = BatchUpsertOptions & { writeMode: WriteMode };

/** How to read one item, and (upsert, update) how to compare inputs with their records. */
export interface PreparedRun<I, R> {
	reader: ItemReader<I>;
	/** For Write Mode `changed` and `preview`. */
	comparison?: RecordComparison<I, R>;
}

export interface OperationRun<I, R = never> {
	operation: BatchOperation<I>;
	/** The operation's parameters (its description): which ones n8n validates or converts itself. */
	parameters: INodeProperties[];
	/**
	 * Reads what the run needs before the items (the account's properties, through the pacer that
	 * counts every request) and returns how to read one item.
	 */
	prepare: (
		pacer: RateLimitPacer,
		options: RunOptions,
	) => Promise<ItemReader<I> | PreparedRun<I, R>>;
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

function summaryOf(run: RunResult, outcomes: InputOutcome[], seconds: string): string {
	const { stats } = run;
	const succeeded = run.outcomes.filter((outcome) => outcome.ok).length;
	const unknown = outcomes.filter(
		(o) => !o.ok && o.error.category === NODE_CATEGORIES.unknownOutcome,
	).length;
	return (
		`${succeeded} of ${outcomes.length} inputs succeeded in ${stats.requests} requests over ${seconds} s` +
		(stats.retries
			? `; ${stats.retries} retries after errors (${(stats.backoffWaitMs / 1000).toFixed(1)} s of pauses)`
			: '') +
		(stats.rateLimited ? `; ${stats.rateLimited} rate-limit answers waited out` : '') +
		(stats.waitedMs ? `; ${(stats.waitedMs / 1000).toFixed(1)} s spent waiting for HubSpot` : '') +
		(stats.isolationRequests
			? `; ${stats.isolationRequests} extra requests to isolate refused inputs`
			: '') +
		(unknown ? `; ${unknown} inputs whose answer was lost (may have been written)` : '')
	);
}

/**
 * Runs one batch operation over all input items: reads each item into inputs, cuts them into
 * requests while later items are still read, sends them through the engine and returns the
 * Success and Error outputs. Stops the node when the run cannot go on (bad token, spent daily
 * quota) unless the node continues on error; the error then says which inputs were written.
 */
export async function runBatchOperation<I, R = never>(
	context: IExecuteFunctions,
	run: OperationRun<I, R>,
): Promise<INodeExecutionData[][]> {
	// Checked before anything is sent: an expression can give any value.
	const rawOptions = context.getNodeParameter('options', 0, {});
	const reading = readBatchUpsertOptions(rawOptions);
	const mode = readWriteMode(rawOptions);
	if (!reading.ok || !mode.ok) {
		const messages = [reading, mode].flatMap((r) => (r.ok ? [] : [r.message]));
		throw new NodeOperationError(context.getNode(), messages.join('; '));
	}
	const options: RunOptions = { ...reading.options, writeMode: mode.writeMode };
	const items = context.getInputData();
	if (items.length === 0) return [[], []];
	const { operation } = run;
	const signal = context.getExecutionCancelSignal?.();

	const started = Date.now();
	const clock: PacerClock = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };
	const credentialType = credentialTypeOf(context);
	const baseUrl = await baseUrlOf(context, credentialType);
	// Shared with the runs on the same app in this process (see pacerRegistry).
	const pacer = pacerFor(
		rateLimitKeyOf(context, credentialType, baseUrl, 'window'),
		() => new RateLimitPacer(clock),
		clock.now(),
	);
	const waitBudget = new WaitBudget(clock);
	// One bound on requests in flight for the whole run, batch reads and writes together.
	const slots = new RequestSlots(options.maxConcurrency);
	const runnerFor = <X>(op: BatchOperation<X>, links: RunnerLinks = {}, isolate = true) =>
		new BatchRunner<X>(
			async (inputs) =>
				await hubSpotApiRequest(context, {
					...op.buildRequest(inputs),
					credentialType,
					baseUrl,
					timeoutMs: options.timeoutMs,
					abortSignal: signal,
				}),
			{
				maxRetries: options.maxRetries,
				maxConcurrency: options.maxConcurrency,
				isolateFailures: options.isolateFailures && isolate,
				maxRateLimitWaits: 20,
				pacer,
				clock,
				random: Math.random,
				log: (message, meta) => context.logger.debug(`HubSpot Goal Targets: ${message}`, meta),
				operation: op,
				waitBudget,
				signal,
			},
			{ ...links, slots },
		);

	const problems: InputProblem[] = [];
	let seq = 0;
	let readItems = 0;
	// Cancelled while preparing: no item is read, each one is settled as not sent.
	const prepared = await abortable(run.prepare(pacer, options), signal).catch(
		async (error: unknown) => (isCancelled(signal) ? undefined : await Promise.reject(error)),
	);
	const { reader, comparison } =
		typeof prepared === 'function' ? { reader: prepared, comparison: undefined } : (prepared ?? {});
	// Requests go as soon as they are full, while later items are still read: n8n evaluating
	// expressions item by item then overlaps with HubSpot's answer time.
	const chunks = new ChunkBuilder<I>({
		batchSize: Math.min(options.batchSize, operation.maxBatchSize),
		conflictKey: operation.conflictKey,
		requestKey: operation.requestKey,
	});
	const writeMode = comparison && options.writeMode !== 'all' ? options.writeMode : undefined;
	// Write Mode changed/preview: each input is compared with its record (batch reads) first.
	const sink: InputSink<I> = writeMode
		? new ReadBeforeWrite(
				comparison!,
				writeMode,
				{ runner: runnerFor(operation), chunks },
				(links) =>
					// A batch read is refused whole only for what all its inputs share (the ID property).
					runnerFor(comparison!.readOperation, links, false),
			)
		: directSink(runnerFor(operation), chunks);
	const readAhead = READ_AHEAD_REQUESTS_PER_SLOT * options.maxConcurrency;
	const readStarted = Date.now();
	let lastPause: number | undefined;
	// Time spent reading, without the pauses in which requests go and answers are handled.
	let pausedMs = 0;
	// Plain `{{ $json.field }}` references are read from the items; n8n evaluates only the rest.
	const params = createItemParameterReader(context, items, run.parameters);
	for (let itemIndex = 0; reader && itemIndex < items.length && !isCancelled(signal); itemIndex++) {
		const built = readSafely(reader, params, itemIndex, seq, items[itemIndex]);
		readItems++;
		seq += built.length;
		let sealed = 0;
		for (const entry of built) {
			if (isInputProblem(entry)) {
				problems.push(entry);
				continue;
			}
			sealed += sink.add(entry);
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
	// Items never read because the execution was cancelled: one Error item each.
	for (let itemIndex = readItems; itemIndex < items.length; itemIndex++) {
		problems.push({ seq: seq++, itemIndex, error: cancelledDetails(false, operation), input: {} });
	}
	// n8n evaluating expressions item by item can take longer than sending: the summary says how long.
	const readSpanMs = Date.now() - readStarted;
	const readMs = readSpanMs - pausedMs;
	const result = await sink.finish();

	const outcomes = [...problemOutcomes(problems as Array<BuiltInput<I>>), ...result.outcomes].sort(
		(a, b) => a.seq - b.seq,
	);
	const { stats } = result;
	const summary = summaryOf(result, outcomes, ((Date.now() - started) / 1000).toFixed(1));
	const changes =
		writeMode && result.requests
			? changeSummary(writeMode, changeCounts(outcomes), result.requests)
			: undefined;
	if (changes) context.logger.info(`HubSpot Goal Targets: ${changes}`);
	context.logger.info(
		`HubSpot Goal Targets: ${summary}; ${readItems} items read in ${readMs} ms (${params.evaluatedByN8n} parameter values evaluated by n8n; ${readSpanMs} ms from the first to the last, with requests going out in between)`,
		{ ...stats, readMs, readSpanMs },
	);

	if (result.fatal && !context.continueOnFail()) {
		const { details } = result.fatal;
		const category = details.category ? `HubSpot category: ${details.category}.` : '';
		throw hubSpotApiError(context.getNode(), details, {
			description:
				`${category} ${operation.writes ? writtenReport(result.writeOutcomes) : ''}`.trim() ||
				undefined,
		});
	}
	if (changes)
		context.addExecutionHints({
			message: `HubSpot Goal Targets: ${changes}`,
			location: 'outputPane',
		});
	if (
		stats.retries ||
		stats.rateLimited ||
		stats.isolationRequests ||
		stats.waitedMs ||
		isCancelled(signal)
	) {
		context.addExecutionHints({
			message: `HubSpot Goal Targets: ${summary}`,
			location: 'outputPane',
		});
	}
	return toOutputs(outcomes);
}
