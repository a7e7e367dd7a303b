/**
 * The bench's Write Mode scenario (`npm run bench -- --only=writeMode` runs it alone): a nightly
 * sync in *Write Changes Only* against an account that already holds its 19,500 goal targets.
 *
 * 1. `changed`: the sheet with every tenth row's amount changed (1,950 of 19,500): about 195 batch
 *    reads and 20 upserts;
 * 2. `re-run`: the same sheet again, so nothing changed: 195 batch reads, no write.
 *
 * Each run is `n8n execute` of the bench's workflow in Map Fields with `writeMode: changed`. Measured:
 * the node's time against the ceiling for the requests it needed (batch reads, writes and the read of
 * the account's properties, `floor((R-1)/M)·W + L`), 429s, the sandbox's write counters and which
 * records changed (so that nothing was written twice), and where the time went (bench/timeline.ts).
 */
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';

import { crashedAfterFinishing, type N8nInstance } from '../e2e/n8n';
import { makeId } from '../e2e/workflows';
import { expectedProperties, ID_PROPERTY, type Row } from '../testkit/workload';
import { ceilingSeconds, fmt, log, parseRun, pct, QUICK } from './measure';
import type { LoggedRequest } from '../sandbox/requestLog';
import type { SandboxChild, SandboxCounters } from './sandboxChild';
import { breakdown, formatBreakdown, type Breakdown } from './timeline';
import { NODE_NAME, workflowFor } from './workflow';

export const WRITE_MODE_RECORDS = 19_500;
/** Every tenth row of the sheet has a new amount. */
const CHANGED_EVERY = 10;

/** Row i as the account holds it before the first run (the seed's templates give the same values). */
const SEEDED = {
	[ID_PROPERTY]: 'wm-{i}',
	hs_goal_name: 'Team {i} new business 2027',
	hs_target_amount: '1{i}00',
	hs_milestone: 'monthly',
	hs_start_datetime: '2027-01-01T00:00:00.000Z',
	hs_end_datetime: '2027-12-31T23:59:59.999Z',
};

function sheetRow(i: number): Row {
	return {
		key: `wm-${i}`,
		name: `Team ${i} new business 2027`,
		// the sheet gives numbers; HubSpot returns text: compared by value
		amount: Number(`1${i}${i % CHANGED_EVERY === 0 ? '50' : '00'}`),
		milestone: 'monthly',
		start: '2027-01-01T00:00:00.000Z',
		end: '2027-12-31T23:59:59.999Z',
	};
}

export interface WriteModeRow {
	scenario: 'changed' | 're-run';
	who: string;
	n8n: string;
	tier: number;
	windowMax: number;
	records: number;
	/** inputs whose values differ from the record's */
	changedInputs: number;
	reads: number;
	writes: number;
	propertyReads: number;
	/** reads + writes + property reads: the requests the run needed (429s not counted) */
	requestsNeeded: number;
	ceilingSeconds: number;
	seconds: number;
	ofCeiling: number;
	/** every request the sandbox answered, 429s included */
	requests: number;
	answered429: number;
	recordsCreated: number;
	recordsUpdated: number;
	/** records the run wrote (their updatedAt moved, or new) */
	recordsWritten: number;
	/** records written more than once: writes counted by the sandbox − records written */
	writtenTwice: number;
	/** records that do not hold the sheet's values after the run */
	wrong: number;
	changes?: { create: number; update: number; none: number; failed: number };
	hint?: string;
	error?: string;
	/** n8n died with SIGSEGV while shutting down, after printing the finished execution (e2e/n8n.ts) */
	crashedOnExit?: boolean;
	loadAverage: number;
	breakdown?: Breakdown;
	/** the run's end, from the node's start: what the last writes waited for */
	end?: WriteModeEnd;
}

/** When the last batch read was answered, the last write sent and answered, from the node's start (ms). */
export interface WriteModeEnd {
	lastReadAnsweredMs: number;
	lastWriteSentMs?: number;
	lastWriteAnsweredMs?: number;
	/** write requests that arrived after the last read was answered */
	writesAfterLastRead: number;
}

function endOf(requests: LoggedRequest[], startTime: number | undefined): WriteModeEnd | undefined {
	const t0 = startTime ?? requests[0]?.receivedAt ?? requests[0]?.at;
	const ok = requests.filter((r) => r.status < 300);
	const reads = ok.filter((r) => r.path.endsWith('/batch/read'));
	const writes = ok.filter((r) => r.path.endsWith('/batch/upsert'));
	if (t0 === undefined || reads.length === 0) return undefined;
	const lastRead = Math.max(...reads.map((r) => r.at));
	const sent = writes.map((r) => r.receivedAt ?? r.at);
	return {
		lastReadAnsweredMs: lastRead - t0,
		lastWriteSentMs: sent.length ? Math.max(...sent) - t0 : undefined,
		lastWriteAnsweredMs: writes.length ? Math.max(...writes.map((r) => r.at)) - t0 : undefined,
		writesAfterLastRead: sent.filter((at) => at > lastRead).length,
	};
}

const delta = (after: SandboxCounters, before: SandboxCounters, key: string) =>
	(after.requestsByOperation[key] ?? 0) - (before.requestsByOperation[key] ?? 0);

export interface WriteModeSetup {
	instance: N8nInstance;
	/** its own sandbox at the tier, in the quick mode's 2 s window and 100 ms (a getter: the bench may restart it) */
	sandbox: () => SandboxChild;
	resetSandbox: () => Promise<void>;
	tier: { perTenSeconds: number; max: number };
	/** the credential of that sandbox (bench/workflow.ts CREDENTIAL_ID) */
	credentialKey: string;
	/** the node's Options collection besides the Write Mode */
	options: Record<string, unknown>;
	label: string;
	n8nVersion: string;
	/** goal targets in the account and rows in the sheet (19,500; fewer with --scale) */
	records: number;
	timeline: boolean;
}

/** One `changed` run and its re-run, `repeat` times, each on a freshly seeded account. */
export async function runWriteModeScenario(
	setup: WriteModeSetup,
	repeat: number,
): Promise<WriteModeRow[]> {
	const { tier, instance } = setup;
	const rows = Array.from({ length: setup.records }, (_, i) => sheetRow(i));
	const changedInputs = rows.filter((_, i) => i % CHANGED_EVERY === 0).length;
	const id = makeId('benchWriteMode', tier.perTenSeconds);
	const workflow = workflowFor(id, 'fields', setup.credentialKey, rows, {
		...setup.options,
		writeMode: 'changed',
	});
	if ((await instance.importWorkflow([workflow], 'import-bench-write-mode')).code !== 0)
		throw new Error(`${setup.label}: import:workflow of the Write Mode workflow failed`);
	const table: WriteModeRow[] = [];
	for (let round = 1; round <= repeat; round++) {
		await setup.resetSandbox();
		await setup.sandbox().seed(rows.length, SEEDED);
		log(
			`  writeMode ${round}/${repeat}: ${fmt(rows.length)} goal targets seeded; ${fmt(changedInputs)} rows of the sheet changed`,
		);
		for (const scenario of ['changed', 're-run'] as const) {
			const row = await measure(
				setup,
				id,
				rows,
				scenario,
				scenario === 'changed' ? changedInputs : 0,
			);
			table.push(row);
			log(
				`  writeMode ${scenario}: node ${fmt(row.seconds, 1)} s = ${pct(row.ofCeiling)} of ceiling ${fmt(row.ceilingSeconds, 1)} s for ${row.requestsNeeded} requests (${row.reads} reads + ${row.writes} writes + ${row.propertyReads} property read); ${row.answered429} 429s; records updated ${row.recordsUpdated}, created ${row.recordsCreated}, written twice ${row.writtenTwice}, wrong ${row.wrong}; load ${fmt(row.loadAverage, 2)}${row.error ? `; ERROR ${row.error}` : ''}`,
			);
			log(`    hint: ${row.hint ?? '(none)'}`);
			if (setup.timeline) {
				log(formatBreakdown(row.breakdown));
				const end = row.end;
				if (end)
					log(
						`      end: last read answered +${end.lastReadAnsweredMs} ms; last write sent +${end.lastWriteSentMs ?? '–'} ms, answered +${end.lastWriteAnsweredMs ?? '–'} ms; ${end.writesAfterLastRead} writes sent after the last read's answer`,
					);
			}
		}
	}
	return table;
}

async function measure(
	setup: WriteModeSetup,
	workflowId: string,
	rows: Row[],
	scenario: 'changed' | 're-run',
	changedInputs: number,
): Promise<WriteModeRow> {
	const { tier } = setup;
	const sandbox = setup.sandbox();
	const before = await sandbox.counters();
	// (the sandbox stamps records one millisecond apart, so a seeded account's stamps run ahead of the clock)
	const stampsBefore = new Map(
		(await sandbox.records()).map((r) => [r.properties[ID_PROPERTY], r.updatedAt]),
	);
	const startedAt = Date.now();
	const exec = await setup.instance.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
		name: `execute-write-mode-${scenario}`,
		timeoutMs: 600_000,
	});
	const out = readFileSync(exec.stdoutFile, 'utf8');
	const run = parseRun(out);
	const task = run?.data?.resultData?.runData?.[NODE_NAME]?.[0];
	const crashedOnExit = crashedAfterFinishing(exec.code, run);
	const [success = [], errors = []] = (task?.data?.main ?? []) as any[][];
	const after = await sandbox.counters();
	const reads = delta(after, before, 'batchRead v3');
	const writes = delta(after, before, 'batchUpsert v3');
	const propertyReads = delta(after, before, 'properties v3');
	const requestsNeeded = reads + writes + propertyReads;
	const ceiling = ceilingSeconds(requestsNeeded, tier.max, QUICK.windowMs, QUICK.latencyMs);
	const seconds = typeof task?.executionTime === 'number' ? task.executionTime / 1000 : Number.NaN;
	const records = await sandbox.records();
	const byKey = new Map(records.map((r) => [r.properties[ID_PROPERTY], r]));
	const wrong = rows.filter((row) => {
		const record = byKey.get(row.key);
		return (
			!record ||
			Object.entries(expectedProperties(row)).some(
				([name, value]) => record.properties[name] !== value,
			)
		);
	}).length;
	const recordsWritten = records.filter(
		(r) => stampsBefore.get(r.properties[ID_PROPERTY]) !== r.updatedAt,
	).length;
	const recordsCreated = after.recordsCreated - before.recordsCreated;
	const recordsUpdated = after.recordsUpdated - before.recordsUpdated;
	const count = (change: string) => success.filter((item) => item.json?.change === change).length;
	const requests = (await sandbox.requests()).filter((r) => (r.receivedAt ?? r.at) >= startedAt);
	return {
		scenario,
		who: `node, ${setup.label}`,
		n8n: setup.n8nVersion,
		tier: tier.perTenSeconds,
		windowMax: tier.max,
		records: rows.length,
		changedInputs,
		reads,
		writes,
		propertyReads,
		requestsNeeded,
		ceilingSeconds: ceiling,
		seconds,
		ofCeiling: ceiling / seconds,
		requests: after.requests - before.requests,
		answered429: after.rateLimited429 - before.rateLimited429,
		recordsCreated,
		recordsUpdated,
		recordsWritten,
		writtenTwice: recordsCreated + recordsUpdated - recordsWritten,
		wrong,
		changes: {
			create: count('create'),
			update: count('update'),
			none: count('none'),
			failed: errors.length,
		},
		hint: (task?.hints ?? [])
			.map((h: { message?: string }) => String(h.message ?? ''))
			.find((m: string) => m.includes('Write Changes Only')),
		error:
			(exec.code !== 0 && !crashedOnExit) || task?.error
				? String(task?.error?.message ?? `exit ${exec.code}`)
				: undefined,
		...(crashedOnExit ? { crashedOnExit } : {}),
		loadAverage: loadavg()[0],
		breakdown: breakdown(requests, task?.startTime, tier.max, QUICK.windowMs),
		end: endOf(requests, task?.startTime),
	};
}

/** results.json's `writeMode` section. */
export function writeModeSection(
	table: WriteModeRow[],
	run: { startedAt: number; conditions: object; n8nVersion: string; tier: object; scale: number },
) {
	return {
		startedAt: new Date(run.startedAt).toISOString(),
		finishedAt: new Date().toISOString(),
		conditions: { ...run.conditions, loadAverageAtEnd: loadavg() },
		setup: {
			n8n: `${run.n8nVersion}, default settings (vm expression engine)`,
			inputMode: 'Map Fields, ID + 5 × {{ $json.field }}, Write Mode changed',
			latencyMs: QUICK.latencyMs,
			windowMs: QUICK.windowMs,
			tier: run.tier,
			records: Math.round(WRITE_MODE_RECORDS * run.scale),
			changed: 'every tenth row (its amount)',
			ceiling:
				'floor((R-1)/M)*W + L for R = batch reads + writes + property reads, through M per W with latency L',
			scale: run.scale,
		},
		runs: table,
	};
}

export function printWriteModeTable(table: WriteModeRow[]): void {
	if (table.length === 0) return;
	log('');
	log(
		'| Write Mode run | records | changed | requests: reads + writes + properties | node time | ceiling | of ceiling | 429s | records updated / created | written twice | wrong | load |',
	);
	log('|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of table)
		log(
			`| ${r.scenario} | ${fmt(r.records)} | ${fmt(r.changedInputs)} | ${r.reads} + ${r.writes} + ${r.propertyReads} = ${r.requestsNeeded} | ${fmt(r.seconds, 1)} s | ${fmt(r.ceilingSeconds, 1)} s | ${pct(r.ofCeiling)} | ${r.answered429} | ${r.recordsUpdated} / ${r.recordsCreated} | ${r.writtenTwice} | ${r.wrong} | ${fmt(r.loadAverage, 2)} |${r.error ? ` ${r.error}` : ''}`,
		);
}
