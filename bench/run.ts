/**
 * Benchmark in the harness (`npm run bench:engine`, i.e. `tsx bench/run.ts`): the node in n8n-core's engine (legacy
 * expression engine, Node 20) against HubSpot's official client and the ceiling, on the local sandbox.
 * Prints a table and writes the figures to bench/results-engine.json. Not a test: it takes minutes.
 * (`npm run bench:engine`; `npm run bench` measures the node in real n8n: bench/n8n.ts.)
 *
 *   tsx bench/run.ts                 throughput (2 windows), CPU per record, memory at 100,000 items
 *   tsx bench/run.ts --sweep         also the maxConcurrency sweep
 *   tsx bench/run.ts --records=N     records per throughput run (default 20000)
 *   tsx bench/run.ts --only=throughput|cpu|memory|sweep
 *
 * Build the node first (`npx tsc -p tsconfig.build.json`): the engine loads it from dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { loadOwnNode, NODE_TYPE } from '../harness/nodeTypes';
import { runWorkflow, type WorkflowDefinition } from '../harness/runWorkflow';
import {
	expectedProperties,
	ID_PROPERTY,
	makeRows,
	NODE_NAME,
	nodeTypesFor,
	generatedRowsWorkflow,
	type NodeOptions,
	type Row,
} from '../testkit/workload';
import { runClient } from './client';
import { lostRecords } from './runRow';

const args = new Map(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'] as [string, string];
	}),
);
const RECORDS = Number(args.get('records') ?? 20_000);
const ONLY = args.get('only');
const SWEEP = args.has('sweep') || ONLY === 'sweep';
const LATENCY_MS = 100;
const INTERVAL_MS = 10_000;
const WINDOWS = [100, 190];
/** The default the node ships with (chosen from the sweep). */
const DEFAULT_CONCURRENCY = Number(args.get('concurrency') ?? 8);
const MEMORY_ITEMS = Number(args.get('memoryItems') ?? 100_000);

const results: IDataObject = {
	startedAt: new Date().toISOString(),
	node: process.version,
	records: RECORDS,
	latencyMs: LATENCY_MS,
};

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 0) =>
	n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (n: number) => `${fmt(n * 100, 1)}%`;

function upsertRowsJson(rows: Row[]) {
	return rows.map((row) => ({
		id: row.key,
		idProperty: ID_PROPERTY,
		properties: expectedProperties(row),
	}));
}

/**
 * The sandbox in its own process, as HubSpot is: its CPU does not compete with the node's or the
 * client's. Read back through its admin endpoint.
 */
interface BenchSandbox {
	url: string;
	tokens: { readWrite: string };
	counters(): Promise<{ upsertRequests: number; rateLimited429: number }>;
	records(): Promise<Array<{ properties: Record<string, string> }>>;
	reset(): Promise<void>;
	close(): Promise<void>;
}

async function benchSandbox(max: number, latencyMs: number): Promise<BenchSandbox> {
	const child = await childSandbox([
		'--rate-max',
		String(max),
		'--rate-interval-ms',
		String(INTERVAL_MS),
		'--latency',
		String(latencyMs),
	]);
	const state = async () =>
		(await (await fetch(`${child.url}/__sandbox/state`)).json()) as {
			records: Array<{ properties: Record<string, string> }>;
			counters: { upsertRequests: number; rateLimited429: number };
		};
	return {
		url: child.url,
		tokens: { readWrite: child.token },
		counters: async () => (await state()).counters,
		records: async () => (await state()).records,
		reset: async () => await resetChild(child.url),
		close: child.close,
	};
}

/** The shortest time N requests can take: W per rolling interval, each answered after the latency. */
function shortestSeconds(requests: number, max: number): number {
	return (Math.floor((requests - 1) / max) * INTERVAL_MS + LATENCY_MS) / 1000;
}

function credentialsFor(url: string, token: string) {
	return { hubSpotGoalTargetsTokenApi: { accessToken: token, baseUrl: url } };
}

/** The node's own summary line: "... in N requests over X s" is the sending phase. */
function sendSeconds(entries: Array<{ message: string }>): number | undefined {
	for (const entry of entries) {
		const m = /written in \d+ requests over ([\d.]+) s/.exec(entry.message);
		if (m) return Number(m[1]);
	}
	return undefined;
}

interface ThroughputRow extends IDataObject {
	who: string;
	window: number;
	seconds: number;
	recordsPerSecond: number;
	ratioToCeiling: number;
	requests: number;
	rate429: number;
	lost: number;
}

async function runNode(
	sandbox: BenchSandbox,
	rows: Row[],
	options: NodeOptions,
	mode: 'fields' | 'json' = 'fields',
): Promise<{
	seconds: number;
	sendSeconds?: number;
	success: number;
	errors: number;
	status: string;
}> {
	const workflow = mode === 'fields' ? generatedRowsWorkflow(options) : jsonWorkflow(options);
	const items = mode === 'fields' ? rows : upsertRowsJson(rows);
	const started = Date.now();
	const run = await runWorkflow(workflow, {
		credentials: credentialsFor(sandbox.url, sandbox.tokens.readWrite),
		nodeTypes: nodeTypesFor(items as IDataObject[]),
	});
	const seconds = (Date.now() - started) / 1000;
	const [success, errors] = run.outputsOf(NODE_NAME);
	return {
		seconds,
		sendSeconds: sendSeconds(run.logger.entries),
		success: success.length,
		errors: errors.length,
		status: run.run.status,
	};
}

/** The node in JSON mode: each item is already one input in HubSpot's shape (one expression per item). */
function jsonWorkflow(options: NodeOptions): WorkflowDefinition {
	const workflow = generatedRowsWorkflow(options);
	const node = workflow.nodes.find((n) => n.name === NODE_NAME)!;
	node.parameters = {
		authentication: 'accessToken',
		resource: 'goalTarget',
		operation: 'batchUpsert',
		idProperty: ID_PROPERTY,
		inputMode: 'json',
		inputsJson: '={{ $json }}',
		options: { ...options },
	};
	return workflow;
}

async function throughput() {
	const rows = makeRows(RECORDS);
	const requestsNeeded = Math.ceil(RECORDS / 100);
	const table: ThroughputRow[] = [];
	for (const max of WINDOWS) {
		const ceiling = (100 * max) / (INTERVAL_MS / 1000);
		const shortest = shortestSeconds(requestsNeeded, max);
		const sandbox = await benchSandbox(max, LATENCY_MS);
		try {
			const row = async (
				who: string,
				seconds: number,
				extra: IDataObject = {},
			): Promise<ThroughputRow> => {
				const c = await sandbox.counters();
				return {
					who,
					window: max,
					seconds,
					recordsPerSecond: RECORDS / seconds,
					ratioToCeiling: RECORDS / seconds / ceiling,
					ratioToShortest: shortest / seconds,
					requests: c.upsertRequests,
					answered429: c.rateLimited429,
					rate429: c.upsertRequests ? c.rateLimited429 / c.upsertRequests : 0,
					lost: lostRecords(await sandbox.records(), rows),
					...extra,
				};
			};
			table.push({
				...(await row('ceiling', RECORDS / ceiling)),
				requests: requestsNeeded,
				answered429: 0,
				rate429: 0,
				lost: 0,
				ratioToShortest: shortest / (RECORDS / ceiling),
			});

			for (const [label, mode] of [
				['node (engine, Map Fields)', 'fields'],
				['node (engine, JSON)', 'json'],
			] as const) {
				await sandbox.reset();
				const nodeRun = await runNode(sandbox, rows, { maxConcurrency: DEFAULT_CONCURRENCY }, mode);
				const r = await row(label, nodeRun.seconds, {
					sendSeconds: nodeRun.sendSeconds,
					sendRecordsPerSecond: nodeRun.sendSeconds ? RECORDS / nodeRun.sendSeconds : undefined,
					sendRatioToCeiling: nodeRun.sendSeconds
						? RECORDS / nodeRun.sendSeconds / ceiling
						: undefined,
					success: nodeRun.success,
					errors: nodeRun.errors,
				});
				table.push(r);
				log(
					`  window ${max}: ${label}: ${fmt(r.seconds, 1)} s (sending ${fmt(nodeRun.sendSeconds ?? NaN, 1)} s), ${r.requests} requests, ${r.answered429} 429s, ${r.lost} lost`,
				);
			}

			await sandbox.reset();
			const clientRun = await runClient(
				{ url: sandbox.url, token: sandbox.tokens.readWrite },
				rows,
			);
			const c = await row('@hubspot/api-client 13.4 (limiter, 6 retries)', clientRun.seconds, {
				failedRequests: clientRun.failedRequests,
			});
			table.push(c);
			log(
				`  window ${max}: client: ${fmt(c.seconds, 1)} s, ${c.requests} requests, ${c.answered429} 429s, ${c.lost} lost`,
			);
		} finally {
			await sandbox.close();
		}
	}
	for (const r of table) {
		const client = table.find((t) => t.window === r.window && t.who.startsWith('@hubspot'));
		if (client) r.ratioToClient = r.recordsPerSecond / client.recordsPerSecond;
	}
	results.throughput = table;
	log('');
	log(
		`Throughput: ${fmt(RECORDS)} records, ${LATENCY_MS} ms latency per request, window W requests per ${INTERVAL_MS / 1000} s`,
	);
	log(
		'| who | W | time (s) | records/s | vs ceiling | vs shortest possible | vs client | requests | 429s | lost |',
	);
	log('|---|---|---|---|---|---|---|---|---|---|');
	for (const r of table) {
		log(
			`| ${r.who} | ${r.window} | ${fmt(r.seconds, 1)}${r.sendSeconds ? ` (sending ${fmt(Number(r.sendSeconds), 1)})` : ''} | ${fmt(r.recordsPerSecond)}${r.sendRecordsPerSecond ? ` (sending ${fmt(Number(r.sendRecordsPerSecond))})` : ''} | ${pct(r.ratioToCeiling)} | ${pct(Number(r.ratioToShortest))} | ${r.ratioToClient ? `${fmt(Number(r.ratioToClient), 2)}×` : '–'} | ${r.requests} | ${r.answered429} (${pct(r.rate429)}) | ${r.lost} |`,
		);
	}
}

async function sweep() {
	const rows = makeRows(RECORDS);
	const table: IDataObject[] = [];
	const concurrencies = [1, 2, 3, 4, 6, 8];
	const latencies = (args.get('sweepLatencies') ?? `${LATENCY_MS},400`).split(',').map(Number);
	for (const latencyMs of latencies) {
		for (const max of WINDOWS) {
			const ceiling = (100 * max) / (INTERVAL_MS / 1000);
			for (const c of concurrencies) {
				const sandbox = await benchSandbox(max, latencyMs);
				try {
					const run = await runNode(sandbox, rows, { maxConcurrency: c }, 'json');
					const counters = await sandbox.counters();
					const send = run.sendSeconds ?? run.seconds;
					const entry = {
						latencyMs,
						window: max,
						maxConcurrency: c,
						sendSeconds: send,
						sendRatioToCeiling: RECORDS / send / ceiling,
						requests: counters.upsertRequests,
						answered429: counters.rateLimited429,
						lost: lostRecords(await sandbox.records(), rows),
					};
					table.push(entry);
					log(
						`  sweep latency ${latencyMs} window ${max} concurrency ${c}: sending ${fmt(send, 1)} s = ${pct(entry.sendRatioToCeiling)} of ceiling, ${entry.answered429} 429s, ${entry.lost} lost`,
					);
				} finally {
					await sandbox.close();
				}
			}
		}
	}
	results.concurrencySweep = table;
}

/** The sandbox in its own process, so that its CPU and memory are not counted as the client's. */
async function childSandbox(
	flags: string[] = ['--rate-max', '0'],
): Promise<{ url: string; token: string; child: ChildProcess; close: () => Promise<void> }> {
	const root = path.resolve(__dirname, '..');
	const child = spawn(
		process.execPath,
		['--import', 'tsx', path.join(root, 'sandbox/cli.ts'), '--port', '0', ...flags],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let out = '';
	const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
		child.stdout!.on('data', (data: Buffer) => {
			out += data.toString();
			const url = /listening on (\S+)/.exec(out)?.[1];
			const token = /read\+write token: (\S+)/.exec(out)?.[1];
			if (url && token) resolve({ url, token });
		});
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
	});
	return {
		...ready,
		child,
		close: async () => {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}

async function resetChild(url: string) {
	await fetch(`${url}/__sandbox/reset`, { method: 'POST' });
}

function cpuMicros(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return used.user + used.system;
}

/** The plain loop: build each request's JSON and POST it, `concurrency` at a time. */
async function plainLoop(url: string, token: string, rows: Row[], concurrency: number) {
	let next = 0;
	const worker = async () => {
		for (;;) {
			const start = next;
			next += 100;
			if (start >= rows.length) return;
			const body = JSON.stringify({
				inputs: rows.slice(start, start + 100).map((row, i) => ({
					id: row.key,
					idProperty: ID_PROPERTY,
					properties: expectedProperties(row),
					objectWriteTraceId: `t-${start + i}`,
				})),
			});
			const response = await fetch(`${url}/crm/v3/objects/goal_targets/batch/upsert`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body,
			});
			const answer = (await response.json()) as { results?: unknown[] };
			if (!response.ok || (answer.results?.length ?? 0) !== Math.min(100, rows.length - start))
				throw new Error(`plain loop: HTTP ${response.status}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * A node type with our node's description that only reads the parameters, item by item, as ours
 * does: what n8n's expression evaluation costs any node, before the node does anything itself.
 */
function parametersOnlyNode(): INodeType {
	const own = loadOwnNode();
	return {
		description: own.description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			let sink = 0;
			for (let i = 0; i < items.length; i++) {
				const mode = this.getNodeParameter('inputMode', i, 'fields') as string;
				if (mode === 'json') {
					sink += JSON.stringify(this.getNodeParameter('inputsJson', i)).length;
					this.getNodeParameter('idProperty', i, '');
				} else {
					this.getNodeParameter('idProperty', i, '');
					sink += String(this.getNodeParameter('idValue', i, '')).length;
					sink += Object.keys(this.getNodeParameter('properties', i, {}) as IDataObject).length;
					this.getNodeParameter('objectWriteTraceId', i, '');
				}
			}
			return [[{ json: { sink } }], []];
		},
	} as INodeType;
}

async function cpu() {
	const rows = makeRows(RECORDS);
	const sandbox = await childSandbox();
	const table: IDataObject[] = [];
	try {
		const measure = async (label: string, fn: () => Promise<void>) => {
			await resetChild(sandbox.url);
			const wall = Date.now();
			const start = process.cpuUsage();
			await fn();
			const micros = cpuMicros(start);
			const entry = {
				what: label,
				cpuMicrosPerRecord: micros / RECORDS,
				wallSeconds: (Date.now() - wall) / 1000,
			};
			table.push(entry);
			log(`  cpu: ${label}: ${fmt(entry.cpuMicrosPerRecord, 1)} µs/record`);
			return entry;
		};
		const creds = credentialsFor(sandbox.url, sandbox.token);
		const engineRun = async (
			workflow: WorkflowDefinition,
			items: IDataObject[],
			paramsOnly = false,
		) => {
			const types = nodeTypesFor(items);
			if (paramsOnly) types.add(NODE_TYPE, parametersOnlyNode());
			const run = await runWorkflow(workflow, { credentials: creds, nodeTypes: types });
			if (run.run.status !== 'success')
				throw new Error(`engine run failed: ${run.run.data.resultData.error?.message}`);
		};
		// Warm up JIT and module loading once for each path.
		const warm = rows.slice(0, 500);
		await plainLoop(sandbox.url, sandbox.token, warm, DEFAULT_CONCURRENCY);
		await engineRun(generatedRowsWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }), warm);
		await engineRun(jsonWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }), upsertRowsJson(warm));

		const plain = await measure('plain loop (build JSON, fetch POST, 4 at a time)', () =>
			plainLoop(sandbox.url, sandbox.token, rows, DEFAULT_CONCURRENCY),
		);
		const fields = await measure('node in engine, Map Fields (6 expressions per item)', () =>
			engineRun(generatedRowsWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }), rows),
		);
		const fieldsParams = await measure('  of which n8n evaluating those parameters', () =>
			engineRun(generatedRowsWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }), rows, true),
		);
		const json = await measure('node in engine, JSON mode (1 expression per item)', () =>
			engineRun(jsonWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }), upsertRowsJson(rows)),
		);
		const jsonParams = await measure('  of which n8n evaluating those parameters', () =>
			engineRun(jsonWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }), upsertRowsJson(rows), true),
		);
		const ownFields = Number(fields.cpuMicrosPerRecord) - Number(fieldsParams.cpuMicrosPerRecord);
		const ownJson = Number(json.cpuMicrosPerRecord) - Number(jsonParams.cpuMicrosPerRecord);
		results.cpu = {
			table,
			plainMicrosPerRecord: plain.cpuMicrosPerRecord,
			nodeOwnMicrosPerRecordFields: ownFields,
			nodeOwnMicrosPerRecordJson: ownJson,
			ratioWholeFields: Number(fields.cpuMicrosPerRecord) / Number(plain.cpuMicrosPerRecord),
			ratioWholeJson: Number(json.cpuMicrosPerRecord) / Number(plain.cpuMicrosPerRecord),
			ratioOwnFields: ownFields / Number(plain.cpuMicrosPerRecord),
			ratioOwnJson: ownJson / Number(plain.cpuMicrosPerRecord),
		};
		log('');
		log(
			`CPU per record (${fmt(RECORDS)} records, sandbox in its own process, no latency, no limit)`,
		);
		log('| what | CPU µs/record | × plain loop |');
		log('|---|---|---|');
		for (const r of table)
			log(
				`| ${r.what} | ${fmt(Number(r.cpuMicrosPerRecord), 1)} | ${fmt(Number(r.cpuMicrosPerRecord) / Number(plain.cpuMicrosPerRecord), 2)}× |`,
			);
		log(
			`| node's own work, Map Fields (whole − parameters) | ${fmt(ownFields, 1)} | ${fmt(ownFields / Number(plain.cpuMicrosPerRecord), 2)}× |`,
		);
		log(
			`| node's own work, JSON (whole − parameters) | ${fmt(ownJson, 1)} | ${fmt(ownJson / Number(plain.cpuMicrosPerRecord), 2)}× |`,
		);
	} finally {
		await sandbox.close();
	}
}

async function memory() {
	const sandbox = await childSandbox();
	try {
		const rows = makeRows(MEMORY_ITEMS, { prefix: 'm' });
		const measureRun = async (
			label: string,
			workflow: WorkflowDefinition,
			items: IDataObject[],
		) => {
			await resetChild(sandbox.url);
			global.gc?.();
			const base = process.memoryUsage();
			let peakRss = base.rss;
			let peakHeap = base.heapUsed;
			const timer = setInterval(() => {
				const m = process.memoryUsage();
				peakRss = Math.max(peakRss, m.rss);
				peakHeap = Math.max(peakHeap, m.heapUsed);
			}, 20);
			const started = Date.now();
			const run = await runWorkflow(workflow, {
				credentials: credentialsFor(sandbox.url, sandbox.token),
				nodeTypes: nodeTypesFor(items),
			});
			clearInterval(timer);
			const [success] = run.outputsOf(NODE_NAME);
			const m = process.memoryUsage();
			peakRss = Math.max(peakRss, m.rss);
			peakHeap = Math.max(peakHeap, m.heapUsed);
			const entry = {
				what: label,
				items: items.length,
				success: success.length,
				seconds: (Date.now() - started) / 1000,
				baseRssMB: base.rss / 2 ** 20,
				peakRssMB: peakRss / 2 ** 20,
				baseHeapMB: base.heapUsed / 2 ** 20,
				peakHeapMB: peakHeap / 2 ** 20,
			};
			log(
				`  memory: ${label}: peak RSS ${fmt(entry.peakRssMB)} MB, peak heap ${fmt(entry.peakHeapMB)} MB (from ${fmt(entry.baseHeapMB)} MB), ${fmt(entry.seconds, 1)} s`,
			);
			return entry;
		};
		const table = [
			await measureRun(
				'node in engine, JSON mode',
				jsonWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }),
				upsertRowsJson(rows),
			),
			await measureRun(
				'node in engine, Map Fields',
				generatedRowsWorkflow({ maxConcurrency: DEFAULT_CONCURRENCY }),
				rows,
			),
		];
		results.memory = table;
		log('');
		log(
			`Memory at ${fmt(MEMORY_ITEMS)} items (whole process: engine, input and output items, node)`,
		);
		log('| run | time (s) | peak RSS (MB) | peak heapUsed (MB) | heapUsed before (MB) |');
		log('|---|---|---|---|---|');
		for (const r of table)
			log(
				`| ${r.what} | ${fmt(r.seconds, 1)} | ${fmt(r.peakRssMB)} | ${fmt(r.peakHeapMB)} | ${fmt(r.baseHeapMB)} |`,
			);
	} finally {
		await sandbox.close();
	}
}

const RESULTS_FILE = path.join(__dirname, 'results-engine.json');

/** Adds this run's sections to bench/results.json (sections run separately accumulate). */
function save() {
	const previous = existsSync(RESULTS_FILE)
		? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as IDataObject)
		: {};
	writeFileSync(
		RESULTS_FILE,
		`${JSON.stringify({ ...previous, ...results, finishedAt: new Date().toISOString() }, null, 2)}\n`,
	);
}

async function main() {
	log(`bench: ${RECORDS} records, node maxConcurrency ${DEFAULT_CONCURRENCY}`);
	if (!ONLY || ONLY === 'throughput') await throughput();
	save();
	if (SWEEP) await sweep();
	save();
	if (!ONLY || ONLY === 'cpu') await cpu();
	save();
	if (!ONLY || ONLY === 'memory') await memory();
	save();
	log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
