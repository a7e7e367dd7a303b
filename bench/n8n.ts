/**
 * `npm run bench`: the packed node in real n8n, where users run it, against HubSpot's official
 * client and the ceiling HubSpot's rate limit allows. Not a test: about half an hour (printed at start).
 *
 * - By default n8n 2.40.7 (Node 24) with default settings: expressions in the `vm` engine
 *   (isolated-vm). `--only=n8n2-legacy` (`N8N_EXPRESSION_ENGINE=legacy`) and `--only=n8n1`
 *   (n8n 1.123.81, Node 20) are there too. The installs are the e2e's (e2e/install.sh, cached); the
 *   tarball from `npm pack` is installed as a community package.
 * - Each run is `n8n execute` of Manual Trigger → Edit Fields (the rows as JSON) → Split Out →
 *   HubSpot Goal Targets, in one of three input modes: JSON (`{{ $json.input }}`), Map Fields
 *   (ID + 5 properties, each `{{ $json.field }}`, the README's example) and Map Automatically
 *   (the ID from the item field named like the ID property). Output goes to a file.
 * - HubSpot is the sandbox, one process per tier, at HubSpot's real rolling window (M requests per
 *   10 s for the 100, 190 and 250 tiers), answering each request after 100 ms or 1 s (set between
 *   runs). A run sends R = 5·M − 5 upserts of 100 records: five windows, the node's one property
 *   read in the last. `--quick`: the earlier scaled scenario (2 s window, 20 and 38 per 2 s, 100 ms,
 *   ten windows).
 * - HubSpot's client: `@hubspot/api-client` with `DEFAULT_LIMITER_OPTIONS` and 6 tries, on the
 *   same sandbox, from this process, once per tier and latency.
 *
 * Figures per run: the node's own `executionTime` from n8n's run data, % of the ceiling
 * (R requests through M per W with latency L cannot finish before floor((R-1)/M)·W + L), the ratio
 * to the client, 429 answers, records lost, how long the node took to read the items (from its log
 * line), where the time went (bench/timeline.ts) and the sandbox's own CPU per request. Writes
 * bench/results.json (the default run) or bench/results-partial.json and prints a table;
 * `tsx bench/chart.ts` draws docs/bench.svg. `--only=writeMode`: the Write Mode scenario
 * (bench/writeMode.ts), in the quick mode's 2 s window. Options: bench/README.md.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';

import { flavorInstalled, killAllChildren, n8nFlavors, type N8nFlavor } from '../e2e/n8n';
import { buildAndPack } from '../e2e/package';
import { makeRows } from '../testkit/workload';
import { CLIENT_LABEL, CLIENT_SETUP, runClient } from './client';
import { prepareInstance, type BenchInstance } from './instances';
import { fmt, log, parseRun, pct, QUICK } from './measure';
import { describeEstimate, nodeParts, planFrom, upsertsFor, type Tier } from './plan';
import { printTable, save, setRatios, type RunRow } from './results';
import { runRow, type RunContext } from './runRow';
import { BenchSandboxes } from './sandboxes';
import { formatBreakdown } from './timeline';
import {
	printWriteModeTable,
	runWriteModeScenario,
	WRITE_MODE_RECORDS,
	writeModeSection,
	type WriteModeRow,
} from './writeMode';
import { NODE_NAME } from './workflow';

const plan = planFrom(process.argv.slice(2));
const tierKey = (tier: Tier) => `t${tier.perTenSeconds}`;
/** The Write Mode scenario's own sandbox: the 100 tier in the quick mode's window and latency. */
const WRITE_MODE_TIER: Tier = { perTenSeconds: 100, max: (100 * QUICK.windowMs) / 10_000 };
const WRITE_MODE_KEY = 'wm100';

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
	const variants = all.filter((v) => nodeParts(plan).includes(v.key));
	const writeMode = plan.parts.has('writeMode');
	const flavors = [...new Set([...variants.map((v) => v.flavor), ...(writeMode ? [n8n2] : [])])];
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
	const runsMain = variants.length > 0 || plan.parts.has('client');
	if (runsMain)
		log(
			`bench: ${plan.windowMs / 1000} s window, ${plan.windows} windows a run; ${plan.tiers.map((t) => `${fmt(upsertsFor(plan, t) * 100)} records at ${t.max} per ${plan.windowMs / 1000} s`).join(', ')}; latency ${plan.latencies.join(' and ')} ms; modes ${plan.modes.join(', ')}; ${[...plan.parts].join(', ')}`,
		);
	log(
		`  expected: ${describeEstimate(plan)}; load average ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')} on ${cpus().length} CPUs`,
	);

	const workDir = mkdtempSync(path.join(tmpdir(), 'hsgt-bench-'));
	const sandboxes = new BenchSandboxes();
	const table: RunRow[] = [];
	const writeModeTable: WriteModeRow[] = [];
	let writeModeStarted = started;
	let writeModeConditions: object = {};
	const writeModeResults = () =>
		writeModeTable.length === 0
			? undefined
			: writeModeSection(writeModeTable, {
					startedAt: writeModeStarted,
					conditions: writeModeConditions,
					n8nVersion: n8n2.version,
					tier: WRITE_MODE_TIER,
					scale: plan.scale,
				});
	const mainSection = (state: string) => {
		if (!runsMain) return undefined;
		setRatios(table);
		return {
			state,
			startedAt: new Date(started).toISOString(),
			finishedAt: new Date().toISOString(),
			minutes: (Date.now() - started) / 60_000,
			conditions: { ...conditions, loadAverageAtEnd: loadavg() },
			setup: {
				windowMs: plan.windowMs,
				latenciesMs: plan.latencies,
				windows: plan.windows,
				tiers: plan.tiers.map((t) => ({ ...t, upserts: upsertsFor(plan, t) })),
				quick: plan.quick,
				nodeOptions: plan.nodeOptions,
				client: CLIENT_SETUP,
				ceiling: 'floor((R-1)/M)*W + L for R upsert requests through M per W with latency L',
				standIn:
					'the sandbox in its own process, one per tier; standInCpuMsPerRequest = its CPU (user + system) over the run ÷ requests answered',
			},
			runs: table,
		};
	};
	const saveNow = (state: string) => save(plan, mainSection(state), writeModeResults());

	try {
		for (const tier of plan.tiers)
			await sandboxes.start(tierKey(tier), {
				max: tier.max,
				windowMs: plan.windowMs,
				latencyMs: plan.latencies[0],
			});
		if (writeMode)
			await sandboxes.start(WRITE_MODE_KEY, {
				max: WRITE_MODE_TIER.max,
				windowMs: QUICK.windowMs,
				latencyMs: QUICK.latencyMs,
			});
		const rowsByTier = new Map(
			plan.tiers.map((t) => [
				t.perTenSeconds,
				makeRows(upsertsFor(plan, t) * 100, { prefix: `b${t.perTenSeconds}` }),
			]),
		);
		const packed = flavors.length > 0 ? await buildAndPack(workDir) : undefined;
		const keys = [...plan.tiers.map(tierKey), ...(writeMode ? [WRITE_MODE_KEY] : [])];
		const instances = new Map<N8nFlavor, BenchInstance>();
		for (const flavor of flavors)
			instances.set(
				flavor,
				await prepareInstance(flavor, {
					workDir,
					packed: packed!,
					sandboxes: keys.map((key) => ({ key, ...sandboxes.get(key) })),
					tiers: variants.some((v) => v.flavor === flavor)
						? plan.tiers.map((t) => ({
								perTenSeconds: t.perTenSeconds,
								key: tierKey(t),
								rows: rowsByTier.get(t.perTenSeconds)!,
							}))
						: [],
					modes: plan.modes,
					nodeOptions: plan.nodeOptions,
				}),
			);
		const record = async (...args: Parameters<typeof runRow>) => {
			const row = await runRow(...args);
			table.push(row);
			saveNow('running');
			return row;
		};
		const standIn = (row: RunRow) =>
			`stand-in ${fmt(row.standInCpuMsPerRequest ?? Number.NaN, 2)} ms CPU/request`;

		for (const latencyMs of plan.latencies) {
			for (const tier of plan.tiers) {
				const rows = rowsByTier.get(tier.perTenSeconds)!;
				const at = `${tier.perTenSeconds} @ ${latencyMs} ms`;
				/** the tier's sandbox, emptied and given the latency */
				const prepare = async (): Promise<RunContext> => ({
					sandbox: await sandboxes.prepare(tierKey(tier), latencyMs),
					rows,
					tier,
					windowMs: plan.windowMs,
					latencyMs,
				});
				if (plan.parts.has('client')) {
					const run = await prepare();
					const client = await runClient(run.sandbox, rows);
					const row = await record(
						run,
						CLIENT_LABEL,
						client.seconds,
						client.failedRequests ? { error: `${client.failedRequests} requests failed` } : {},
					);
					log(
						`  client ${at}: ${fmt(row.seconds, 1)} s = ${pct(row.ofCeiling)} of ceiling ${fmt(row.ceilingSeconds, 1)} s; ${row.requests} requests, ${row.answered429} 429s, ${row.lost} lost; ${standIn(row)}`,
					);
				}
				for (const variant of variants) {
					const { instance, ids } = instances.get(variant.flavor)!;
					for (const mode of plan.modes) {
						const run = await prepare();
						const exec = await instance.cli(
							['execute', `--id=${ids.get(`${mode} ${tier.perTenSeconds}`)}`, '--rawOutput'],
							{
								name: `execute-${variant.key}-${mode}-${tier.perTenSeconds}-${latencyMs}`,
								timeoutMs: 1_200_000,
								env: variant.env,
							},
						);
						const out = exec.stdout; // up to 300 MB at 124,500 records (JSON mode): read once
						const task = parseRun(out)?.data?.resultData?.runData?.[NODE_NAME]?.[0];
						const readMatch = /(\d+) items read in (\d+) ms/.exec(out);
						const readMs = readMatch ? Number(readMatch[2]) : undefined;
						const seconds =
							typeof task?.executionTime === 'number' ? task.executionTime / 1000 : Number.NaN;
						const main = task?.data?.main ?? [];
						const row = await record(
							run,
							`node, ${variant.label}`,
							seconds,
							{
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
							},
							{ startTime: task?.startTime },
						);
						if (plan.timeline) {
							log(formatBreakdown(row.breakdown));
							log(
								`    node: ${/HubSpot Goal Targets: \d+ of .*/.exec(out)?.[0] ?? '(no summary line)'}`,
							);
						}
						log(
							`  ${variant.key} ${mode} ${at}: node ${fmt(row.seconds, 1)} s = ${pct(row.ofCeiling)} of ceiling ${fmt(row.ceilingSeconds, 1)} s; read ${readMs ?? '?'} ms (${fmt(row.readMicrosPerItem ?? Number.NaN, 1)} µs/item); ${row.requests} requests, ${row.answered429} 429s, ${row.lost} lost; at most ${row.breakdown?.maxInFlight ?? '?'} in flight; ${standIn(row)}${row.error ? `; ERROR ${row.error}` : ''}`,
						);
					}
				}
			}
		}
		if (writeMode) {
			writeModeStarted = Date.now();
			writeModeConditions = { cpus: cpus().length, loadAverageAtStart: loadavg() };
			const rows = await runWriteModeScenario(
				{
					instance: instances.get(n8n2)!.instance,
					sandbox: () => sandboxes.get(WRITE_MODE_KEY),
					resetSandbox: async () => {
						await sandboxes.prepare(WRITE_MODE_KEY, QUICK.latencyMs);
					},
					tier: WRITE_MODE_TIER,
					credentialKey: WRITE_MODE_KEY,
					options: plan.nodeOptions,
					label: all[0].label,
					n8nVersion: n8n2.version,
					records: Math.round(WRITE_MODE_RECORDS * plan.scale),
					timeline: plan.timeline,
				},
				plan.repeat,
			);
			writeModeTable.push(...rows);
		}
	} finally {
		await sandboxes.closeAll();
		killAllChildren();
	}

	const files = saveNow('finished');
	printTable(table);
	printWriteModeTable(writeModeTable);
	log(
		`\nwrote ${files.map((f) => path.relative(process.cwd(), f)).join(', ')} in ${fmt((Date.now() - started) / 60_000, 1)} min; load average now ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	);
	if (!plan.keep) rmSync(workDir, { recursive: true, force: true });
	else log(`kept ${workDir}`);
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	killAllChildren();
	process.exit(1);
});
