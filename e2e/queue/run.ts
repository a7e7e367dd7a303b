/**
 * `npm run e2e:queue`: the packed node in n8n's queue mode: Redis, PostgreSQL, an n8n main and
 * two workers, many executions at once writing into one sandbox account that has one rate-limit
 * window; then the same with a worker killed mid-run. See e2e/README.md ("Queue mode").
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { flavorInstalled, n8nFlavors } from '../n8n';
import { buildAndPack } from '../package';
import { AssertionFailure, Checks, log, phase, timings } from '../util';
import { QueueCluster } from './cluster';
import { queueConfig } from './config';
import { killScenario, type KillFigures } from './killScenario';
import { loadScenario, type LoadFigures } from './loadScenario';
import { startPostgres } from './postgres';
import { stopAll } from './processes';
import { startRedis } from './redis';
import { startSandboxProcess } from './sandboxProcess';
import { queueCredential, queueWorkflow } from './workflow';

const checks = new Checks();
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printLoad(f: LoadFigures): void {
	const t = f.timeline;
	console.log(`  executions ${f.executions}, records ${f.records} (written ${f.written})`);
	console.log(
		`  requests ${t.requests}: ${t.accepted} answered, ${t.rateLimited} answered 429 (${(t.rateLimitedShare * 100).toFixed(2)}%)`,
	);
	console.log(`  busiest rolling window: ${t.busiest} accepted requests`);
	console.log(
		`  time ${s(t.spanMs)} (first request to last answer) vs ceiling ${s(t.ceilingMs)} = ${(t.ofCeiling * 100).toFixed(1)}%; webhook calls to last execution end: ${s(f.wallMs)}`,
	);
}

function printKill(f: KillFigures, records: number): void {
	console.log(
		`  SIGKILL ${s(f.killedAfterMs)} into the run; n8n had ended the lost executions ${s(f.detectedAfterMs)} after it; ${f.survivors} executions on the other worker finished`,
	);
	for (const k of f.executions)
		console.log(
			`  execution ${k.id}: n8n "${k.status}"${k.message ? ` — ${k.message.slice(0, 120)}` : ''}; ${k.successItems} Success items; input ${k.holdsInput ? 'kept' : 'no longer in its stored data'}`,
		);
	for (const b of f.batches)
		console.log(
			`  ${b.prefix}: the sandbox holds ${b.storedAfter} of ${records} (${b.storedAtKill} at the kill)`,
		);
	const r = f.rerun;
	if (!r) return;
	console.log(
		`  n8n Retry: HTTP ${r.retry.httpStatus}${r.retry.message ? ` (${r.retry.message})` : ''}${r.retry.execution ? `, execution ${r.retry.execution} ${r.retry.status} with ${r.retry.success} Success items` : ''}`,
	);
	console.log(
		`  sent again: ${r.resent} batches → ${r.statuses.join(', ')}; the sandbox created ${r.created}, updated ${r.updated}; now ${r.stored.map((x) => `${x.prefix} ${x.stored}`).join(', ')}; ${r.duplicates} keys stored twice`,
	);
}

async function main(): Promise<number> {
	const started = Date.now();
	const cfg = queueConfig();
	const workDir = process.env.E2E_WORK ?? mkdtempSync(join(tmpdir(), 'n8n-hgt-queue-'));
	const logDir = join(workDir, 'logs');
	mkdirSync(logDir, { recursive: true });
	log(`scratch folder ${workDir}; ${JSON.stringify({ ...cfg, only: [...cfg.only] })}`);
	const { n8n2 } = n8nFlavors();
	let load: LoadFigures | undefined;
	let kill: KillFigures | undefined;
	let cluster: QueueCluster | undefined;
	try {
		checks.require(
			`${n8n2.label} is installed (e2e/install.sh n8n2)`,
			flavorInstalled(n8n2),
			n8n2.dir,
		);
		const packed = await phase('build + npm pack', () => buildAndPack(workDir));
		const [redis, postgres, sandbox] = await phase('start Redis, PostgreSQL, sandbox', () =>
			Promise.all([
				startRedis(workDir, logDir),
				startPostgres(logDir),
				startSandboxProcess(logDir, cfg.window, cfg.latencyMs),
			]),
		);
		log(
			`sandbox at ${sandbox.url}: one account, window ${cfg.window.max} per ${cfg.window.intervalMs} ms, ${cfg.latencyMs} ms per request`,
		);
		cluster = new QueueCluster({
			flavor: n8n2,
			workDir,
			redis,
			postgres,
			workers: cfg.workers,
			concurrency: cfg.workerConcurrency,
			packed,
			dbPoolSize: cfg.dbPoolSize,
		});
		await phase('n8n: install package, import, publish', () =>
			cluster!.prepare(
				queueCredential(sandbox.url, sandbox.token),
				queueWorkflow({ maxConcurrency: cfg.nodeConcurrency, batchSize: cfg.batchSize }),
			),
		);
		await phase(`n8n: start main + ${cfg.workers} workers (queue mode)`, () => cluster!.start());
		const ctx = { checks, cluster, sandbox, cfg };
		if (cfg.only.has('load'))
			load = await phase('scenario: many executions at once', () => loadScenario(ctx));
		if (cfg.only.has('kill'))
			kill = await phase('scenario: a worker killed mid-run', () => killScenario(ctx));
	} catch (e) {
		if (!(e instanceof AssertionFailure))
			checks.check('queue e2e ran without crashing', false, (e as Error).stack?.slice(0, 3000));
	} finally {
		await phase('stop everything', async () => {
			await cluster?.stop().catch(() => undefined);
			await stopAll();
		}).catch(() => undefined);
	}

	console.log('\n══════════ queue e2e summary ══════════');
	console.log(
		`  ${cfg.workers} workers × concurrency ${cfg.workerConcurrency}; node Max Concurrent Requests ${cfg.nodeConcurrency ?? 'default (250)'}; window ${cfg.window.max} per ${cfg.window.intervalMs} ms; latency ${cfg.latencyMs} ms`,
	);
	if (load) {
		console.log('\n  many executions at once:');
		printLoad(load);
	}
	if (kill) {
		console.log('\n  worker killed mid-run:');
		printKill(kill, cfg.records);
	}
	console.log('');
	for (const t of timings)
		console.log(`  ${t.ok ? '  ' : '✗ '}${t.name.padEnd(60)} ${t.seconds.toFixed(1).padStart(7)}s`);
	console.log(`  ${'total'.padEnd(62)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)}s`);
	const failed = checks.results.filter((r) => !r.ok);
	if (failed.length) {
		console.log('\n  failed checks:');
		for (const f of failed)
			console.log(`    ✗ ${f.name}${f.detail ? ` — ${f.detail.slice(0, 500)}` : ''}`);
	}
	console.log(`\n  scratch folder (logs of every process): ${workDir}`);
	if (!process.env.E2E_KEEP && !process.env.E2E_WORK && failed.length === 0) {
		rmSync(workDir, { recursive: true, force: true });
		console.log('  (removed: all passed; E2E_KEEP=1 keeps it)');
	}
	console.log(`\ne2e:queue: ${checks.passed} passed, ${checks.failed} failed`);
	return failed.length === 0 && checks.passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	async (e) => {
		console.error(e);
		await stopAll();
		process.exit(1);
	},
);
