/**
 * `npx tsx scripts/nightly-sync.ts` (after `npm run build`): the README's worked example of Write Mode. A sheet of
 * 1,000 goal targets is synced into the local HubSpot sandbox night after night with Create or Update in
 * Write Changes Only: the first night creates every target, the second changes nothing, before the third a
 * preview shows what the edited sheet would change, and the third night writes just that. Prints, per run, the
 * node's execution hint, the requests the sandbox received and a few Success items.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { fieldsParameters, OUR_NODE_NAME, nodeWorkflow } from '../harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';

const TARGETS = 1000;

/** The sheet: one row per month and team, amounts as a sheet gives them (numbers, sometimes text). */
function sheet(edited: boolean): IDataObject[] {
	const rows: IDataObject[] = Array.from({ length: TARGETS }, (_, i) => ({
		key: `T${String(i).padStart(4, '0')}`,
		name: `Team ${Math.floor(i / 12)} revenue, month ${(i % 12) + 1}`,
		amount: 40_000 + (i % 12) * 500,
		start: new Date(Date.UTC(2027, i % 12, 1)).toISOString(),
	}));
	if (!edited) return rows;
	// The third night: the planners raised six targets and renamed two; two teams were added.
	for (const i of [3, 15, 27, 39, 51, 63]) rows[i].amount = Number(rows[i].amount) + 2500;
	for (const i of [100, 200]) rows[i].name = `${String(rows[i].name)} (revised)`;
	rows.push(
		{
			key: 'T1000',
			name: 'Team 84 revenue, month 1',
			amount: 40_000,
			start: '2027-01-01T00:00:00Z',
		},
		{
			key: 'T1001',
			name: 'Team 84 revenue, month 2',
			amount: 40_500,
			start: '2027-02-01T00:00:00Z',
		},
	);
	return rows;
}

const parameters = (writeMode: string) =>
	fieldsParameters(
		{
			hs_goal_name: '={{ $json.name }}',
			hs_target_amount: '={{ $json.amount }}',
			hs_start_datetime: '={{ $json.start }}',
		},
		{ options: { writeMode } },
	);

async function night(sandbox: Sandbox, title: string, rows: IDataObject[], writeMode: string) {
	const before = sandbox.counters();
	const result = await runWorkflow(nodeWorkflow(rows, parameters(writeMode)), {
		credentials: {
			hubSpotGoalTargetsTokenApi: { accessToken: sandbox.tokens.readWrite, baseUrl: sandbox.url },
		},
	});
	const [success = [], errors = []] = result.outputsOf(OUR_NODE_NAME);
	const after = sandbox.counters();
	const sent = Object.entries(after.requestsByOperation)
		.map(([operation, n]) => [operation, n - (before.requestsByOperation[operation] ?? 0)] as const)
		.filter(([, n]) => n > 0)
		.map(([operation, n]) => `${operation}: ${n}`)
		.join(', ');
	const hints = result.run.data.resultData.runData[OUR_NODE_NAME][0].hints ?? [];
	console.log(`\n${title} (${rows.length} rows, Write Mode ${writeMode})`);
	for (const hint of hints) console.log(`  hint:    ${hint.message}`);
	console.log(`  Success: ${success.length}, Error: ${errors.length}`);
	console.log(
		`  sandbox: ${sent}; records created ${after.recordsCreated - before.recordsCreated}, updated ${after.recordsUpdated - before.recordsUpdated}`,
	);
	return success;
}

const brief = (item: INodeExecutionData) => {
	const { id, change, written, changes, properties } = item.json;
	return JSON.stringify(
		changes ? { id, change, written, changes } : { id, change, written, properties },
	);
};

async function main() {
	const sandbox = await startSandbox({ rateLimit: { max: 100, intervalMs: 10_000 } });
	try {
		await night(sandbox, 'Night 1: an empty account', sheet(false), 'changed');
		await night(sandbox, 'Night 2: the same sheet', sheet(false), 'changed');
		const preview = await night(
			sandbox,
			'Before night 3: preview the edited sheet',
			sheet(true),
			'preview',
		);
		const first = (items: INodeExecutionData[], test: (item: INodeExecutionData) => boolean) =>
			items.find(test);
		for (const item of [
			first(
				preview,
				(i) => i.json.change === 'update' && 'hs_target_amount' in (i.json.changes as IDataObject),
			),
			first(
				preview,
				(i) => i.json.change === 'update' && 'hs_goal_name' in (i.json.changes as IDataObject),
			),
			first(preview, (i) => i.json.change === 'create'),
		])
			if (item) console.log(`  ${brief(item)}`);
		const third = await night(sandbox, 'Night 3: the edited sheet', sheet(true), 'changed');
		for (const item of [
			first(third, (i) => i.json.change === 'update'),
			first(third, (i) => i.json.change === 'none'),
		])
			if (item) console.log(`  ${brief(item)}`);
		console.log(`\nThe sandbox holds ${sandbox.store.size} goal targets.`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
