import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { runBatches } from '../../helpers/batchRunner';
import { chunkInputs } from '../../helpers/chunk';
import { buildFieldsInput, buildJsonInputs, type PropertyLookup } from '../../helpers/inputs';
import { problemOutcomes, toOutputs } from '../../helpers/outputs';
import { RateLimitPacer } from '../../helpers/pacer';
import { propertiesFromMapper } from '../../helpers/resourceMapperValue';
import type { BuiltInput, PreparedInput } from '../../helpers/types';
import { isInputProblem } from '../../helpers/types';
import { fetchGoalTargetProperties } from '../../methods/goalTargetProperties';
import { baseUrlOf, hubSpotApiRequest } from '../../transport';
import { batchUpsertProperties } from './batchUpsert.description';

export const description = batchUpsertProperties;

const UPSERT_PATH = '/crm/v3/objects/goal_targets/batch/upsert';

interface BatchUpsertOptions {
	batchSize?: number;
	isolateFailures?: boolean;
	maxConcurrency?: number;
	maxRetries?: number;
	timeout?: number;
	validateProperties?: boolean;
}

/**
 * The account's goal target properties, read once per run: values are converted to each
 * property's format and unknown or read-only properties refused per item, instead of HubSpot
 * refusing whole requests. Without them (no access, HubSpot down) values go as plain text.
 */
async function loadPropertyLookup(context: IExecuteFunctions): Promise<PropertyLookup | undefined> {
	try {
		const properties = await fetchGoalTargetProperties(context);
		return new Map(properties.map((property) => [property.name, property]));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		context.logger.warn(`HubSpot Goal Targets: could not read the goal target properties, values are sent unchecked: ${reason}`);
		return undefined;
	}
}

/** Reads one item's parameters into upsert inputs; a parameter that cannot be read fails that item only. */
function buildItemInputs(
	context: IExecuteFunctions,
	itemIndex: number,
	seq: number,
	item: INodeExecutionData,
	schema: PropertyLookup | undefined,
): BuiltInput[] {
	try {
		const inputMode = context.getNodeParameter('inputMode', itemIndex, 'fields') as string;
		if (inputMode === 'json') {
			return buildJsonInputs(
				itemIndex,
				seq,
				context.getNodeParameter('inputsJson', itemIndex),
				context.getNodeParameter('idProperty', itemIndex, ''),
				schema,
			);
		}
		return [
			buildFieldsInput(itemIndex, seq, {
				idProperty: context.getNodeParameter('idProperty', itemIndex, ''),
				idValue: context.getNodeParameter('idValue', itemIndex, ''),
				properties: propertiesFromMapper(context.getNodeParameter('properties', itemIndex, {}), item.json),
				objectWriteTraceId: context.getNodeParameter('objectWriteTraceId', itemIndex, ''),
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
	const options = this.getNodeParameter('options', 0, {}) as BatchUpsertOptions;

	const schema = items.length > 0 && options.validateProperties !== false ? await loadPropertyLookup(this) : undefined;
	const built: BuiltInput[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		built.push(...buildItemInputs(this, itemIndex, built.length, items[itemIndex], schema));
	}
	const prepared = built.filter((entry): entry is PreparedInput => !isInputProblem(entry));

	const baseUrl = prepared.length > 0 ? await baseUrlOf(this) : '';
	const timeoutMs = options.timeout ?? 30_000;
	const clock = { now: () => Date.now(), sleep: async (ms: number) => await sleep(ms) };
	const started = Date.now();
	const run = await runBatches(
		chunkInputs(prepared, options.batchSize ?? 100),
		async (inputs) =>
			await hubSpotApiRequest(this, {
				method: 'POST',
				baseUrl,
				path: UPSERT_PATH,
				body: { inputs: inputs.map((p) => p.input) as unknown as IDataObject[] },
				timeoutMs,
			}),
		{
			maxRetries: options.maxRetries ?? 5,
			maxConcurrency: options.maxConcurrency ?? 8,
			isolateFailures: options.isolateFailures ?? true,
			maxRateLimitWaits: 20,
			pacer: new RateLimitPacer(clock),
			clock,
			random: Math.random,
			log: (message, meta) => this.logger.debug(`HubSpot Goal Targets: ${message}`, meta),
		},
	);

	const outcomes = [...problemOutcomes(built), ...run.outcomes];
	const written = run.outcomes.filter((outcome) => outcome.ok).length;
	const { stats } = run;
	const summary =
		`${written} of ${outcomes.length} inputs written in ${stats.requests} requests over ${((Date.now() - started) / 1000).toFixed(1)} s` +
		(stats.retries ? `; ${stats.retries} retries after errors (${(stats.backoffWaitMs / 1000).toFixed(1)} s of pauses)` : '') +
		(stats.rateLimited ? `; ${stats.rateLimited} rate-limit answers waited out` : '') +
		(stats.isolationRequests ? `; ${stats.isolationRequests} extra requests to isolate refused inputs` : '');
	this.logger.info(`HubSpot Goal Targets: ${summary}`, { ...stats });

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
