/**
 * `npm run bench`: the packed node in real n8n, where users run it, against HubSpot's official
 * client and the ceiling HubSpot's rate limit allows. Not a test: it takes about 12 minutes.
 *
 * - n8n 2.40.7 (Node 24) with default settings: expressions in the `vm` engine (isolated-vm);
 *   the same n8n with `N8N_EXPRESSION_ENGINE=legacy`; n8n 1.123.81 (Node 20). The installs are
 *   the e2e's (e2e/install.sh, cached); the tarball from `npm pack` is installed as a community package.
 * - Each run is `n8n execute` of Manual Trigger → Edit Fields (the rows as JSON) → Split Out →
 *   HubSpot Goal Targets, in one of three input modes: JSON (`{{ $json.input }}`), Map Fields
 *   (ID + 5 properties, each `{{ $json.field }}`, the README's example) and Map Automatically
 *   (the ID from the item field named like the ID property). Output goes to a file.
 * - HubSpot is the sandbox in its own process with 100 ms added to every request and a rolling
 *   window scaled from 10 s to 2 s (20 and 38 requests per 2 s stand for 100 and 190 per 10 s),
 *   so a run spans about ten windows.
 * - HubSpot's client: `@hubspot/api-client` with `DEFAULT_LIMITER_OPTIONS` and 6 tries, on the
 *   same sandbox, from this process.
 *
 * Figures per run: the node's own `executionTime` from n8n's run data, records/s, % of the ceiling
 * (R requests through M per W with latency L cannot finish before floor((R-1)/M)·W + L), the ratio
 * to the client, 429 answers, records lost, and how long the node took to read the items (from its
 * log line). Writes bench/results.json and prints a table; `tsx bench/chart.ts` draws docs/bench.svg.
 * Then the Write Mode scenario (bench/writeMode.ts): a sync of 19,500 goal targets in Write Changes
 * Only with 10% changed, and its re-run with nothing changed, in n8n 2.40.7 at the first tier.
 *
 *   --only=n8n2-vm,n8n2-legacy,n8n1,client,writeMode   a subset (`--only=writeMode` alone replaces
 *                                            only results.json's writeMode section)
 *   --repeat=2                               measure the Write Mode scenario twice
 *   --scale=0.2                              fewer records (and windows) for a quick look
 *   --modes=json,fields,automap  --tiers=100,190
 *   --timeline                               print where each node run's time went (always saved)
 *   --concurrency=16                         the node's Max Concurrent Requests (default: the node's)
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { Client } from '@hubspot/api-client';
import { DEFAULT_LIMITER_OPTIONS } from '@hubspot/api-client/lib/src/configuration/constants';

import {
	flavorInstalled,
	killAllChildren,
	N8nInstance,
	n8nFlavors,
	type N8nFlavor,
} from '../e2e/n8n';
import { buildAndPack, installIntoNodesDir } from '../e2e/package';
import { makeId } from '../e2e/workflows';
import { expectedProperties, ID_PROPERTY, makeRows, type Row } from '../testkit/workload';
import { ceilingSeconds, fmt, INTERVAL_MS, LATENCY_MS, log, parseRun, pct } from './measure';
import { startSandboxChild, type SandboxChild } from './sandboxChild';
import { breakdown, formatBreakdown, type Breakdown } from './timeline';
import {
	printWriteModeTable,
	runWriteModeScenario,
	WRITE_MODE_RECORDS,
	type WriteModeRow,
} from './writeMode';
import {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	MODE_LABEL,
	NODE_NAME,
	workflowFor,
	type Mode,
} from './workflow';

const args = new Map(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'] as [string, string];
	}),
);
const SCALE = Number(args.get('scale') ?? 1);
/** The node's runs per n8n setup, HubSpot's client, and the Write Mode scenario (bench/writeMode.ts). */
const ALL_PARTS = ['n8n2-vm', 'n8n2-legacy', 'n8n1', 'client', 'writeMode'];
const ONLY = new Set((args.get('only') ?? ALL_PARTS.join(',')).split(','));
/** How many times the Write Mode scenario (a changed run and its re-run) is measured. */
const REPEAT = Number(args.get('repeat') ?? 1);
const MODES = (args.get('modes') ?? 'json,fields,automap').split(',') as Mode[];
/** The node's Options collection in every run. */
const NODE_OPTIONS = args.has('concurrency')
	? { maxConcurrency: Number(args.get('concurrency')) }
	: {};
/** HubSpot's tiers (requests per 10 s) and their scaled windows (per 2 s). */
const TIERS = (args.get('tiers') ?? '100,190')
	.split(',')
	.map(Number)
	.map((perTenSeconds) => ({ perTenSeconds, max: (perTenSeconds * INTERVAL_MS) / 10_000 }));
/**
 * About ten windows of upserts. The node's one read of the account's properties is a request in the
 * same window: with 199 and 379 upserts it fills the tenth window; with 200 and 380 it would open an
 * eleventh (see bench/README.md).
 */
const RECORDS: Record<number, number> = {
	100: Math.round(19_900 * SCALE),
	190: Math.round(37_900 * SCALE),
};

/** Inputs whose record is missing from the sandbox or holds other values than sent. */
async function lostRecords(sandbox: SandboxChild, rows: Row[]): Promise<number> {
	const byKey = new Map(
		(await sandbox.records()).map((record) => [record.properties[ID_PROPERTY], record]),
	);
	let lost = 0;
	for (const row of rows) {
		const record = byKey.get(row.key);
		const want = expectedProperties(row);
		if (!record || Object.entries(want).some(([k, v]) => record.properties[k] !== v)) lost++;
	}
	return lost;
}

interface RunRow {
	who: string;
	n8n?: string;
	engine?: string;
	mode?: Mode;
	tier: number;
	windowMax: number;
	records: number;
	requestsNeeded: number;
	ceilingSeconds: number;
	seconds: number;
	recordsPerSecond: number;
	ofCeiling: number;
	ratioToClient?: number;
	requests: number;
	answered429: number;
	rate429: number;
	lost: number;
	success?: number;
	errors?: number;
	readMs?: number;
	readMicrosPerItem?: number;
	error?: string;
	/** The machine's 1-minute load average when the run ended. */
	loadAverage?: number;
	/** Where the node's time went against the ceiling (bench/timeline.ts). */
	breakdown?: Breakdown;
}

async function runClient(
	sandbox: SandboxChild,
	rows: Row[],
): Promise<{ seconds: number; failedRequests: number }> {
	const client = new Client({
		accessToken: sandbox.token,
		basePath: sandbox.url,
		limiterOptions: DEFAULT_LIMITER_OPTIONS,
		numberOfApiCallRetries: 6,
	});
	const inputs = rows.map((row) => ({
		id: row.key,
		idProperty: ID_PROPERTY,
		properties: expectedProperties(row),
	}));
	const chunks: Array<typeof inputs> = [];
	for (let i = 0; i < inputs.length; i += 100) chunks.push(inputs.slice(i, i + 100));
	const started = Date.now();
	const settled = await Promise.allSettled(
		chunks.map((chunk) => client.crm.objects.goals.batchApi.upsert({ inputs: chunk })),
	);
	return {
		seconds: (Date.now() - started) / 1000,
		failedRequests: settled.filter((s) => s.status === 'rejected').length,
	};
}

interface Variant {
	key: string;
	label: string;
	flavor: N8nFlavor;
	engine: string;
	env: Record<string, string>;
}

async function main() {
	const started = Date.now();
	const { n8n2, n8n1 } = n8nFlavors();
	const writeModeTable: WriteModeRow[] = [];
	let writeModeStarted = started;
	let writeModeConditions: object = {};
	const writeModeSection = () =>
		writeModeTable.length === 0
			? undefined
			: {
					startedAt: new Date(writeModeStarted).toISOString(),
					finishedAt: new Date().toISOString(),
					conditions: { ...writeModeConditions, loadAverageAtEnd: loadavg() },
					setup: {
						n8n: `${n8n2.version}, default settings (vm expression engine)`,
						inputMode: 'Map Fields, ID + 5 × {{ $json.field }}, Write Mode changed',
						latencyMs: LATENCY_MS,
						windowMs: INTERVAL_MS,
						tier: TIERS[0],
						records: Math.round(WRITE_MODE_RECORDS * SCALE),
						changed: 'every tenth row (its amount)',
						ceiling:
							'floor((R-1)/M)*W + L for R = batch reads + writes + property reads, through M per W with latency L',
						scale: SCALE,
					},
					runs: writeModeTable,
				};
	const all: Variant[] = [
		{
			key: 'n8n2-vm',
			label: `n8n ${n8n2.version}, vm engine (default)`,
			flavor: n8n2,
			engine: 'vm',
			env: {},
		},
		{
			key: 'n8n2-legacy',
			label: `n8n ${n8n2.version}, legacy engine`,
			flavor: n8n2,
			engine: 'legacy',
			env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		},
		{ key: 'n8n1', label: `n8n ${n8n1.version}`, flavor: n8n1, engine: 'legacy (1.x)', env: {} },
	];
	const variants = all.filter((v) => ONLY.has(v.key));
	const flavors = [...variants.map((v) => v.flavor), ...(ONLY.has('writeMode') ? [n8n2] : [])];
	for (const flavor of flavors)
		if (!flavorInstalled(flavor))
			throw new Error(
				`${flavor.label} is not installed: run \`bash e2e/install.sh\` (or npm run e2e) first`,
			);

	const conditions = {
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model,
		loadAverageAtStart: loadavg(),
	};
	log(
		`bench: ${TIERS.map((t) => `${fmt(RECORDS[t.perTenSeconds])} records at ${t.max} per ${INTERVAL_MS / 1000} s`).join(', ')}; latency ${LATENCY_MS} ms; load average ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')} on ${cpus().length} CPUs`,
	);

	const workDir = mkdtempSync(path.join(tmpdir(), 'hsgt-bench-'));
	const sandboxes = new Map<number, SandboxChild>();
	const table: RunRow[] = [];
	try {
		for (const tier of TIERS) {
			sandboxes.set(
				tier.perTenSeconds,
				await startSandboxChild([
					'--rate-max',
					String(tier.max),
					'--rate-interval-ms',
					String(INTERVAL_MS),
					'--latency',
					String(LATENCY_MS),
				]),
			);
		}
		/** A sandbox that died (another process on this shared machine may end it) comes back on its port. */
		const resetOrRestart = async (perTenSeconds: number) => {
			const sandbox = sandboxes.get(perTenSeconds)!;
			try {
				await sandbox.reset();
			} catch {
				log(`  sandbox for ${perTenSeconds} did not answer: restarting it on the same port`);
				await sandbox.close();
				const tier = TIERS.find((t) => t.perTenSeconds === perTenSeconds)!;
				const port = new URL(sandbox.url).port;
				sandboxes.set(
					perTenSeconds,
					await startSandboxChild(
						[
							'--rate-max',
							String(tier.max),
							'--rate-interval-ms',
							String(INTERVAL_MS),
							'--latency',
							String(LATENCY_MS),
						],
						Number(port),
					),
				);
			}
		};
		const rowsByTier = new Map(
			TIERS.map((t) => [
				t.perTenSeconds,
				makeRows(RECORDS[t.perTenSeconds], { prefix: `b${t.perTenSeconds}` }),
			]),
		);
		const packed = flavors.length > 0 ? await buildAndPack(workDir) : undefined;
		const instances = new Map<N8nFlavor, { instance: N8nInstance; ids: Map<string, string> }>();
		const prepared = new Map<N8nFlavor, N8nInstance>();
		/** The n8n of a flavor with the package installed and a credential per tier's sandbox. */
		const instanceFor = async (flavor: N8nFlavor): Promise<N8nInstance> => {
			const ready = prepared.get(flavor);
			if (ready) return ready;
			const instance = new N8nInstance(flavor, workDir);
			await installIntoNodesDir(packed!, instance.nodesDir);
			const credentials = TIERS.map((t) => ({
				id: CREDENTIAL_ID(t.perTenSeconds),
				name: CREDENTIAL_NAME(t.perTenSeconds),
				type: 'hubSpotGoalTargetsTokenApi',
				data: {
					accessToken: sandboxes.get(t.perTenSeconds)!.token,
					baseUrl: sandboxes.get(t.perTenSeconds)!.url,
				},
			}));
			if ((await instance.importCredentials(credentials)).code !== 0)
				throw new Error(`${flavor.label}: import:credentials failed`);
			prepared.set(flavor, instance);
			return instance;
		};

		const record = async (
			sandbox: SandboxChild,
			rows: Row[],
			tier: (typeof TIERS)[number],
			who: string,
			seconds: number,
			extra: Partial<RunRow>,
		) => {
			const counters = await sandbox.counters();
			const requestsNeeded = Math.ceil(rows.length / 100);
			const ceiling = ceilingSeconds(requestsNeeded, tier.max);
			const row: RunRow = {
				who,
				tier: tier.perTenSeconds,
				windowMax: tier.max,
				records: rows.length,
				requestsNeeded,
				ceilingSeconds: ceiling,
				seconds,
				recordsPerSecond: rows.length / seconds,
				ofCeiling: ceiling / seconds,
				requests: counters.requests,
				answered429: counters.rateLimited429,
				rate429: counters.requests ? counters.rateLimited429 / counters.requests : 0,
				lost: await lostRecords(sandbox, rows),
				loadAverage: loadavg()[0],
				...extra,
			};
			table.push(row);
			save(table, started, conditions, 'running');
			return row;
		};

		// HubSpot's client first: the node's runs are compared with it.
		if (ONLY.has('client')) {
			for (const tier of TIERS) {
				await resetOrRestart(tier.perTenSeconds);
				const sandbox = sandboxes.get(tier.perTenSeconds)!;
				const rows = rowsByTier.get(tier.perTenSeconds)!;
				const client = await runClient(sandbox, rows);
				const row = await record(
					sandbox,
					rows,
					tier,
					'@hubspot/api-client (limiter, 6 tries)',
					client.seconds,
					client.failedRequests ? { error: `${client.failedRequests} requests failed` } : {},
				);
				log(
					`  client ${tier.perTenSeconds}: ${fmt(row.seconds, 1)} s = ${pct(row.ofCeiling)} of ceiling; ${row.requests} requests, ${row.answered429} 429s, ${row.lost} lost`,
				);
			}
		}
		for (const variant of variants) {
			let entry = instances.get(variant.flavor);
			if (!entry) {
				const instance = await instanceFor(variant.flavor);
				const ids = new Map<string, string>();
				const workflows = [];
				let n = 0;
				for (const tier of TIERS) {
					for (const mode of MODES) {
						const id = makeId(`bench${mode}`, tier.perTenSeconds + ++n);
						ids.set(`${mode} ${tier.perTenSeconds}`, id);
						workflows.push(
							workflowFor(
								id,
								mode,
								tier.perTenSeconds,
								rowsByTier.get(tier.perTenSeconds)!,
								NODE_OPTIONS,
							),
						);
					}
				}
				if ((await instance.importWorkflow(workflows, 'import-bench-workflows')).code !== 0)
					throw new Error(`${variant.flavor.label}: import:workflow failed`);
				entry = { instance, ids };
				instances.set(variant.flavor, entry);
			}
			for (const tier of TIERS) {
				const rows = rowsByTier.get(tier.perTenSeconds)!;
				for (const mode of MODES) {
					await resetOrRestart(tier.perTenSeconds);
					const sandbox = sandboxes.get(tier.perTenSeconds)!;
					const id = entry.ids.get(`${mode} ${tier.perTenSeconds}`)!;
					const exec = await entry.instance.cli(['execute', `--id=${id}`, '--rawOutput'], {
						name: `execute-${variant.key}-${mode}-${tier.perTenSeconds}`,
						timeoutMs: 600_000,
						env: variant.env,
					});
					const out = readFileSync(exec.stdoutFile, 'utf8');
					const run = parseRun(out);
					const task = run?.data?.resultData?.runData?.[NODE_NAME]?.[0];
					const readMatch = /(\d+) items read in (\d+) ms/.exec(out);
					const readMs = readMatch ? Number(readMatch[2]) : undefined;
					const seconds =
						typeof task?.executionTime === 'number' ? task.executionTime / 1000 : Number.NaN;
					const main = task?.data?.main ?? [];
					const row = await record(sandbox, rows, tier, `node, ${variant.label}`, seconds, {
						n8n: variant.flavor.version,
						engine: variant.engine,
						mode,
						success: main[0]?.length,
						errors: main[1]?.length,
						readMs,
						readMicrosPerItem: readMs !== undefined ? (readMs * 1000) / rows.length : undefined,
						error:
							exec.code !== 0 || task?.error
								? String(task?.error?.message ?? `exit ${exec.code}`)
								: undefined,
						breakdown: breakdown(await sandbox.requests(), task?.startTime, tier.max, INTERVAL_MS),
					});
					if (args.has('timeline')) {
						log(formatBreakdown(row.breakdown));
						log(
							`    node: ${/HubSpot Goal Targets: \d+ of .*/.exec(out)?.[0] ?? '(no summary line)'}`,
						);
					}
					log(
						`  ${variant.key} ${mode} ${tier.perTenSeconds}: node ${fmt(row.seconds, 1)} s = ${pct(row.ofCeiling)} of ceiling ${fmt(row.ceilingSeconds, 1)} s; read ${readMs ?? '?'} ms (${fmt(row.readMicrosPerItem ?? Number.NaN, 1)} µs/item); ${row.requests} requests, ${row.answered429} 429s, ${row.lost} lost${row.error ? `; ERROR ${row.error}` : ''}`,
					);
				}
			}
		}
		if (ONLY.has('writeMode')) {
			// the main rows' first tier (100 per 10 s, scaled to 20 per 2 s), n8n 2.x with default settings
			const tier = TIERS[0];
			writeModeStarted = Date.now();
			writeModeConditions = { cpus: cpus().length, loadAverageAtStart: loadavg() };
			const rows = await runWriteModeScenario(
				{
					instance: await instanceFor(n8n2),
					sandbox: () => sandboxes.get(tier.perTenSeconds)!,
					resetSandbox: () => resetOrRestart(tier.perTenSeconds),
					tier,
					options: NODE_OPTIONS,
					label: all[0].label,
					n8nVersion: n8n2.version,
					records: Math.round(WRITE_MODE_RECORDS * SCALE),
					timeline: args.has('timeline'),
				},
				REPEAT,
			);
			writeModeTable.push(...rows);
		}
	} finally {
		for (const sandbox of sandboxes.values()) await sandbox.close();
		killAllChildren();
	}

	const file = save(table, started, conditions, 'finished', writeModeSection());
	printTable(table);
	printWriteModeTable(writeModeTable);
	log(
		`\nwrote ${path.relative(process.cwd(), file)} in ${fmt((Date.now() - started) / 60_000, 1)} min; load average now ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	);
	if (!args.has('keep')) rmSync(workDir, { recursive: true, force: true });
	else log(`kept ${workDir}`);
}

/**
 * Writes what was measured so far (after every run: a long run on a shared machine may be cut short):
 * the whole bench to results.json; `--only=writeMode` replaces only results.json's writeMode section;
 * any other subset (or a --scale) goes to results-partial.json.
 */
function save(
	table: RunRow[],
	started: number,
	conditions: object,
	state: string,
	writeMode?: object,
): string {
	for (const row of table) {
		const client = table.find((t) => t.tier === row.tier && t.who.startsWith('@hubspot'));
		if (client && row !== client) row.ratioToClient = client.seconds / row.seconds;
	}
	const whole = SCALE === 1 && ALL_PARTS.every((part) => ONLY.has(part));
	const writeModeOnly = SCALE === 1 && ONLY.size === 1 && ONLY.has('writeMode');
	const file = path.join(
		__dirname,
		whole || writeModeOnly ? 'results.json' : 'results-partial.json',
	);
	if (writeModeOnly) {
		if (!writeMode) return file;
		const results = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, `${JSON.stringify({ ...results, writeMode }, null, 2)}\n`);
		return file;
	}
	const results = {
		state,
		startedAt: new Date(started).toISOString(),
		finishedAt: new Date().toISOString(),
		minutes: (Date.now() - started) / 60_000,
		conditions: { ...conditions, loadAverageAtEnd: loadavg() },
		setup: {
			latencyMs: LATENCY_MS,
			windowMs: INTERVAL_MS,
			tiers: TIERS,
			client: '@hubspot/api-client 13.4, DEFAULT_LIMITER_OPTIONS, numberOfApiCallRetries 6',
			ceiling: 'floor((R-1)/M)*W + L for R upsert requests through M per W with latency L',
			scale: SCALE,
		},
		runs: table,
		...(writeMode ? { writeMode } : {}),
	};
	writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	return file;
}

export function printTable(table: RunRow[]) {
	log('');
	log(
		'| who | input mode | tier | records | node time (s) | records/s | of ceiling | vs client | 429s | lost | reading items |',
	);
	log('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const r of table) {
		const read =
			r.readMs !== undefined
				? `${fmt(r.readMs / 1000, 2)} s (${fmt(r.readMicrosPerItem ?? 0, 1)} µs/item)`
				: '–';
		log(
			`| ${r.who} | ${r.mode ? MODE_LABEL[r.mode] : '–'} | ${r.tier} | ${fmt(r.records)} | ${fmt(r.seconds, 1)} | ${fmt(r.recordsPerSecond)} | ${pct(r.ofCeiling)} | ${r.ratioToClient ? `${fmt(r.ratioToClient, 2)}×` : '–'} | ${r.answered429} (${pct(r.rate429)}) | ${r.lost} | ${read} |${r.error ? ` ${r.error}` : ''}`,
		);
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	killAllChildren();
	process.exit(1);
});
