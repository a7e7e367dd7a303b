/**
 * `npm run demo`: the node's main job on this machine, no HubSpot account needed. Starts the local
 * HubSpot sandbox, runs examples/batch-upsert-goal-targets.workflow.json in n8n's own execution
 * engine with the node loaded from dist/, prints what left on Success and on Error, stops the sandbox.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { loadExample } from '../harness/examples';
import { runWorkflow } from '../harness/runWorkflow';
import { startSandbox } from '../sandbox';

const EXAMPLE = 'batch-upsert-goal-targets.workflow.json';

function cell(value: unknown, width: number): string {
	const text = value === undefined || value === null ? '' : String(value);
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function table(headers: Array<[string, number]>, rows: unknown[][]): string {
	const line = (values: unknown[]) =>
		headers.map(([, width], i) => cell(values[i], width)).join(' | ');
	return [
		line(headers.map(([name]) => name)),
		headers.map(([, w]) => '-'.repeat(w)).join('-+-'),
		...rows.map(line),
	].join('\n');
}

const itemOf = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

async function main() {
	const started = Date.now();
	const sandbox = await startSandbox({ rateLimit: { max: 100, intervalMs: 10_000 } });
	console.log(`HubSpot sandbox on ${sandbox.url} (a local stand-in for api.hubapi.com)`);
	try {
		const example = loadExample(EXAMPLE);
		const nodeName = example.meta?.expected?.node ?? 'HubSpot Goal Targets';
		console.log(`Running examples/${EXAMPLE} in n8n's execution engine…\n`);
		const result = await runWorkflow(example, {
			credentials: {
				hubSpotGoalTargetsTokenApi: { accessToken: sandbox.tokens.readWrite, baseUrl: sandbox.url },
			},
		});
		const error = result.errorOf(nodeName);
		if (error) throw error;
		const [success = [], errors = []] = result.outputsOf(nodeName);
		const inputCount = success.length + errors.length;
		console.log(`${inputCount} items in → Success: ${success.length}, Error: ${errors.length}\n`);

		console.log('Success (first 5):');
		console.log(
			table(
				[
					['item', 4],
					['HubSpot id', 11],
					['new', 5],
					['external_goal_key', 17],
					['hs_goal_name', 32],
					['hs_target_amount', 16],
				],
				success.slice(0, 5).map((item) => {
					const properties = item.json.properties as IDataObject;
					return [
						itemOf(item),
						item.json.id,
						item.json.new,
						properties.external_goal_key,
						properties.hs_goal_name,
						properties.hs_target_amount,
					];
				}),
			),
		);
		console.log('\nError (first 5):');
		console.log(
			table(
				[
					['item', 4],
					['id', 14],
					['httpCode', 8],
					['message', 90],
				],
				errors.slice(0, 5).map((item) => {
					const err = item.json.error as IDataObject;
					const input = item.json.input as IDataObject;
					return [itemOf(item), input?.id, err.httpCode ?? '-', err.message];
				}),
			),
		);
		const counters = sandbox.counters();
		console.log(
			`\nThe sandbox now holds ${sandbox.store.size} goal targets; it answered ${counters.upsertRequests} upsert request(s). ` +
				`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
		);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
