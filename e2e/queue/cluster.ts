/**
 * n8n in queue mode: one main instance (editor, REST, webhooks; it enqueues executions in Redis)
 * and workers (`n8n worker --concurrency=N`) that run them, all on PostgreSQL, all on 127.0.0.1.
 * Each has its own user folder with the packed package installed as a community package, the
 * same encryption key, and its own free ports (HTTP / worker health, task-runner broker).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8nInstance, tail, type N8nFlavor } from '../n8n';
import { installIntoNodesDir, type PackedPackage } from '../package';
import { freePort, log, waitFor } from '../util';
import type { Postgres } from './postgres';
import { killService, startService, stopService, type Service } from './processes';
import type { Redis } from './redis';

export interface ClusterOptions {
	flavor: N8nFlavor;
	workDir: string;
	redis: Redis;
	postgres: Postgres;
	workers: number;
	/** executions per worker at once (`n8n worker --concurrency`) */
	concurrency: number;
	packed: PackedPackage;
	/** DB_POSTGRESDB_POOL_SIZE of each n8n process */
	dbPoolSize: number;
}

export interface Worker {
	index: number;
	inst: N8nInstance;
	healthPort: number;
	service?: Service;
}

export class QueueCluster {
	readonly main: N8nInstance;
	readonly workers: Worker[];
	private mainService?: Service;

	constructor(private readonly o: ClusterOptions) {
		this.main = new N8nInstance(o.flavor, join(o.workDir, 'main'));
		this.workers = Array.from({ length: o.workers }, (_, i) => ({
			index: i + 1,
			inst: new N8nInstance(o.flavor, join(o.workDir, `worker-${i + 1}`)),
			healthPort: 0,
		}));
	}

	/** What main and workers share: queue mode on this Redis and PostgreSQL. */
	private sharedEnv(): Record<string, string> {
		const { redis, postgres } = this.o;
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_REDIS_PASSWORD: redis.password,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			// Every HTTP request of the node reads its credential from the database: n8n's default
			// pool of 2 connections queues 4 executions × 8 requests behind each other.
			DB_POSTGRESDB_POOL_SIZE: String(this.o.dbPoolSize),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			// nothing leaves 127.0.0.1: no banners, no MCP server catalogue from api.n8n.io
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
		};
	}

	private async env(
		inst: N8nInstance,
		extra: Record<string, string> = {},
	): Promise<NodeJS.ProcessEnv> {
		return inst.env({
			...this.sharedEnv(),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extra,
		});
	}

	/** The package into every user folder; credential and workflow into the database (through main's CLI). */
	async prepare(credential: unknown, workflow: Record<string, unknown>): Promise<void> {
		for (const inst of [this.main, ...this.workers.map((w) => w.inst)]) {
			const target = await installIntoNodesDir(this.o.packed, inst.nodesDir);
			log(`community package installed at ${target}`);
		}
		const dir = this.main.logDir;
		mkdirSync(dir, { recursive: true });
		const credFile = join(dir, 'queue-credentials.json');
		writeFileSync(credFile, JSON.stringify([credential], null, 2));
		const wfFile = join(dir, 'queue-workflow.json');
		writeFileSync(wfFile, JSON.stringify([workflow], null, 2));
		const env = { ...this.sharedEnv(), N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		for (const [args, name] of [
			[['import:credentials', `--input=${credFile}`], 'import-credentials'],
			[['import:workflow', `--input=${wfFile}`], 'import-workflow'],
			[['publish:workflow', `--id=${String(workflow.id)}`], 'publish-workflow'],
		] as const) {
			const res = await this.main.cli([...args], { name, env, timeoutMs: 180_000 });
			if (res.code !== 0)
				throw new Error(
					`n8n ${args[0]} failed (exit ${res.code}): ${tail(res.stdout + res.stderr, 20)}`,
				);
			if (/unrecognized node type/i.test(res.stdout + res.stderr))
				throw new Error(`n8n ${args[0]}: the community node was not recognised`);
		}
	}

	async start(timeoutMs = 240_000): Promise<void> {
		const main = this.main;
		main.port = await freePort();
		main.baseUrl = `http://127.0.0.1:${main.port}`;
		this.mainService = startService('n8n main', main.flavor.nodeBin, [main.n8nBin, 'start'], {
			logBase: join(main.logDir, 'main'),
			cwd: main.userFolder,
			env: await this.env(main, {
				N8N_PORT: String(main.port),
				N8N_EDITOR_BASE_URL: `${main.baseUrl}/`,
				WEBHOOK_URL: `${main.baseUrl}/`,
			}),
		});
		// Workers start alongside: they only need the database migrated, which main does first.
		await this.waitHttp(
			this.mainService,
			`${main.baseUrl}/healthz/readiness`,
			'n8n main readiness',
			timeoutMs,
		);
		await this.waitHttp(this.mainService, `${main.baseUrl}/rest/settings`, 'n8n main REST', 60_000);
		for (const w of this.workers) await this.startWorker(w);
		await Promise.all(
			this.workers.map((w) =>
				this.waitHttp(
					w.service!,
					`http://127.0.0.1:${w.healthPort}/healthz/readiness`,
					`worker ${w.index} readiness`,
					timeoutMs,
				),
			),
		);
		await main.setupOwner();
		await main.login();
	}

	private async startWorker(w: Worker): Promise<void> {
		w.healthPort = await freePort();
		w.service = startService(
			`n8n worker ${w.index}`,
			w.inst.flavor.nodeBin,
			[w.inst.n8nBin, 'worker', `--concurrency=${this.o.concurrency}`],
			{
				logBase: join(w.inst.logDir, 'worker'),
				cwd: w.inst.userFolder,
				env: await this.env(w.inst, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(w.healthPort),
				}),
			},
		);
	}

	private async waitHttp(
		service: Service,
		url: string,
		what: string,
		timeoutMs: number,
	): Promise<void> {
		await waitFor(
			what,
			async () => {
				if (service.exited)
					throw new Error(
						`${service.name} exited:\n${tail(readFileSync(service.stdoutFile, 'utf8') + readFileSync(service.stderrFile, 'utf8'), 30)}`,
					);
				return (await fetch(url, { signal: AbortSignal.timeout(3_000) })).ok;
			},
			timeoutMs,
			500,
		);
	}

	/** SIGKILL to a worker's whole process group (n8n and its task runner), as an OOM kill or a lost machine. */
	async killWorker(index: number): Promise<void> {
		const w = this.workers.find((x) => x.index === index);
		if (!w?.service) throw new Error(`no worker ${index}`);
		await killService(w.service);
		w.service = undefined;
	}

	/** Starts a worker again (after killWorker) with a fresh health port. */
	async restartWorker(index: number, timeoutMs = 120_000): Promise<void> {
		const w = this.workers.find((x) => x.index === index);
		if (!w || w.service) return;
		await this.startWorker(w);
		await this.waitHttp(
			w.service!,
			`http://127.0.0.1:${w.healthPort}/healthz/readiness`,
			`worker ${w.index} readiness`,
			timeoutMs,
		);
	}

	/** Which worker logged that it started this execution (n8n logs "Worker started execution <id>"). */
	workerOf(executionId: string): number | undefined {
		const re = new RegExp(`Worker started execution ${executionId}\\b`);
		for (const w of this.workers) {
			const text = readFileSync(join(w.inst.logDir, 'worker.stdout.log'), 'utf8');
			if (re.test(text)) return w.index;
		}
		return undefined;
	}

	async stop(): Promise<void> {
		await Promise.all(
			this.workers.map((w) => (w.service ? stopService(w.service, 10_000) : undefined)),
		);
		if (this.mainService) await stopService(this.mainService, 10_000);
	}
}
