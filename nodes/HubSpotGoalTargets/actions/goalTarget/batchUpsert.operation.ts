import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { BatchRunner } from '../../helpers/batchRunner';
import { ChunkBuilder } from '../../helpers/chunk';
import { buildFieldsInput, buildJsonInputs, type PropertyLookup } from '../../helpers/inputs';
import { readBatchUpsertOptions } from '../../helpers/options';
import { problemOutcomes, toOutputs } from '../../helpers/outputs';
import { RateLimitPacer } from '../../helpers/pacer';
import { createItemParameterReader, type ItemParameterReader } from '../../helpers/itemParameters';
import { isAutoMapping, propertiesFromMapper } from '../../helpers/resourceMapperValue';
import type { BuiltInput } from '../../helpers/types';
import { isInputProblem } from '../../helpers/types';
import { fetchGoalTargetProperties } from '../../methods/goalTargetProperties';
import { baseUrlOf, hubSpotApiRequest } from '../../transport';
import { batchUpsertProperties } from './batchUpsert.description';

export const description = batchUpsertProperties;

const UPSERT_PATH = '/crm/v3/objects/goal_targets/batch/upsert';

/** While reading items, how often to let requests go and answers in. */
const YIELD_EVERY_MS = 5;

/**
 * The account's goal target properties, read once per run: values are converted to each
 * property's format and unknown or read-only properties refused per item, instead of HubSpot
 * refusing whole requests. Without them (no access, HubSpot down) values go as plain text.
 */
async function loadPropertyLookup(context: IExecuteFunctions, pacer: RateLimitPacer): Promise<PropertyLookup | undefined> {
	// The read counts in HubSpot's window like any request: it takes its slot in the pacer.
	const answered = await pacer.acquire();
	try {
		const properties = await fetchGoalTargetProperties(context);
		return new Map(properties.map((property) => [property.name, property]));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		context.logger.warn(`HubSpot Goal Targets: could not read the goal target properties, values are sent unchecked: ${reason}`);
		return undefined;
	} finally {
		answered();
	}
}

function isEmptyValue(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Reads one item's parameters into upsert inputs; a parameter that cannot be read fails that item only.
 * With "Map Automatically" and no ID given, the ID is the item's field named like the ID property
 * (n8n's "column to match on"), so nothing needs evaluating per item.
 */
function buildItemInputs(
	reader: ItemParameterReader,
	itemIndex: number,
	seq: number,
	item: INodeExecutionData,
	schema: PropertyLookup | undefined,
	inputMode: string,
): BuiltInput[] {
	try {
		const idProperty = reader.get('idProperty', itemIndex, '');
		if (inputMode === 'json') {
			return buildJsonInputs(itemIndex, seq, reader.get('inputsJson', itemIndex), idProperty, schema);
		}
		const mapper = reader.get('properties', itemIndex, {});
		let idValue = reader.get('idValue', itemIndex, '');
		if (isEmptyValue(idValue) && isAutoMapping(mapper) && typeof idProperty === 'string') {
			const field = idProperty.trim();
			idValue = Object.prototype.hasOwnProperty.call(item.json, field) ? item.json[field] : undefined;
		}
		return [
			buildFieldsInput(itemIndex, seq, {
				idProperty,
				idValue,
				properties: propertiesFromMapper(mapper, item.json),
				objectWriteTraceId: reader.get('objectWriteTraceId', itemIndex, ''),
			}, schema),
		];
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return [
			{
				seq,
				itemIndex,
				error: { message: `Item ${itemIndex}: a parameter could not be read: ${reason}`, category: 'INVALID_INPUT' },
				input: {},
			},
		];
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const reading = readBatchUpsertOptions(this.getNodeParameter('options', 0, {}));
	if (!reading.ok) throw new NodeOperationError(this.getNode(), reading.message);
	const { options } = reading;
	if (items.length === 0) return [[], []];

	const started = Date.now();
	const clock = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };
	const pacer = new RateLimitPacer(clock);
	const baseUrl = await baseUrlOf(this);
	const runner = new BatchRunner(
		async (inputs) =>
			await hubSpotApiRequest(this, {
				method: 'POST',
				baseUrl,
				path: UPSERT_PATH,
				body: { inputs: inputs.map((p) => p.input) as unknown as IDataObject[] },
				timeoutMs: options.timeoutMs,
			}),
		{
			maxRetries: options.maxRetries,
			maxConcurrency: options.maxConcurrency,
			isolateFailures: options.isolateFailures,
			maxRateLimitWaits: 20,
			pacer,
			clock,
			random: Math.random,
			log: (message, meta) => this.logger.debug(`HubSpot Goal Targets: ${message}`, meta),
		},
	);

	// The same for every item (no expressions allowed), so read once.
	const inputMode = this.getNodeParameter('inputMode', 0, 'fields') as string;
	const schema = options.validateProperties ? await loadPropertyLookup(this, pacer) : undefined;
	// Requests go as soon as they are full, while later items are still read: n8n evaluating
	// expressions item by item then overlaps with HubSpot's answer time.
	const chunks = new ChunkBuilder(options.batchSize);
	const problems: BuiltInput[] = [];
	let seq = 0;
	const readStarted = Date.now();
	let lastPause: number | undefined;
	// Plain `{{ $json.field }}` references are read from the items; n8n evaluates only the rest.
	const reader = createItemParameterReader(this, items, description);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const built = buildItemInputs(reader, itemIndex, seq, items[itemIndex], schema, inputMode);
		seq += built.length;
		let sealed = 0;
		for (const entry of built) {
			if (isInputProblem(entry)) {
				problems.push(entry);
				continue;
			}
			for (const chunk of chunks.add(entry)) {
				runner.add(chunk);
				sealed++;
			}
		}
		// Let requests start and answers come in before reading on: at once for the first request,
		// then every few milliseconds (each pause costs about a millisecond).
		if (sealed > 0 && (lastPause === undefined || Date.now() - lastPause >= YIELD_EVERY_MS)) {
			await sleep(0);
			lastPause = Date.now();
		}
	}
	for (const chunk of chunks.finish()) runner.add(chunk);
	// n8n evaluating expressions item by item can take longer than sending: the summary says how long.
	const readMs = Date.now() - readStarted;
	const run = await runner.finish();

	const outcomes = [...problemOutcomes(problems), ...run.outcomes];
	const written = run.outcomes.filter((outcome) => outcome.ok).length;
	const { stats } = run;
	const summary =
		`${written} of ${outcomes.length} inputs written in ${stats.requests} requests over ${((Date.now() - started) / 1000).toFixed(1)} s` +
		(stats.retries ? `; ${stats.retries} retries after errors (${(stats.backoffWaitMs / 1000).toFixed(1)} s of pauses)` : '') +
		(stats.rateLimited ? `; ${stats.rateLimited} rate-limit answers waited out` : '') +
		(stats.isolationRequests ? `; ${stats.isolationRequests} extra requests to isolate refused inputs` : '');
	this.logger.info(`HubSpot Goal Targets: ${summary}; ${items.length} items read in ${readMs} ms`, { ...stats, readMs });

	if (run.fatal && !this.continueOnFail()) {
		const { details } = run.fatal;
		const alreadyWritten = written > 0 ? ` ${written} inputs were written before the node stopped.` : '';
		throw new NodeApiError(this.getNode(), { ...details } as JsonObject, {
			message: details.message,
			description: `${details.category ? `HubSpot category: ${details.category}.` : ''}${alreadyWritten}`.trim() || undefined,
			httpCode: details.httpCode,
		});
	}
	if (stats.retries || stats.rateLimited || stats.isolationRequests) {
		this.addExecutionHints({ message: `HubSpot Goal Targets: ${summary}`, location: 'outputPane' });
	}
	return toOutputs(outcomes);
}
