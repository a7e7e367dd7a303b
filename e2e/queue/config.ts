/** The queue e2e's knobs (environment variables), with the defaults the README's figures come from. */
export interface QueueConfig {
	/** executions started at once in each scenario */
	executions: number;
	/** records each execution upserts */
	records: number;
	workers: number;
	/** `n8n worker --concurrency` */
	workerConcurrency: number;
	/** the node's Max Concurrent Requests; undefined: the node's default, as users have it */
	nodeConcurrency?: number;
	/** the node's Batch Size (inputs per request) */
	batchSize: number;
	/** DB_POSTGRESDB_POOL_SIZE of each n8n process */
	dbPoolSize: number;
	/** the sandbox account's rate-limit window */
	window: { max: number; intervalMs: number };
	/** added by the sandbox to every request */
	latencyMs: number;
	/** the kill scenario kills worker 1 when this share of all upserts has been answered */
	killAt: number;
	/** scenarios to run: load, kill */
	only: Set<string>;
}

function num(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n) || n <= 0)
		throw new Error(`${name} must be a positive number, got ${raw}`);
	return n;
}

export function queueConfig(): QueueConfig {
	return {
		executions: num('QUEUE_EXECUTIONS', 8),
		records: num('QUEUE_RECORDS', 2000),
		workers: num('QUEUE_WORKERS', 2),
		workerConcurrency: num('QUEUE_WORKER_CONCURRENCY', 4),
		nodeConcurrency: process.env.QUEUE_NODE_CONCURRENCY
			? num('QUEUE_NODE_CONCURRENCY', 1)
			: undefined,
		batchSize: num('QUEUE_BATCH_SIZE', 50),
		dbPoolSize: num('QUEUE_DB_POOL_SIZE', 10),
		window: { max: num('QUEUE_WINDOW_MAX', 20), intervalMs: num('QUEUE_WINDOW_MS', 2000) },
		latencyMs: num('QUEUE_LATENCY_MS', 100),
		killAt: num('QUEUE_KILL_AT', 0.4),
		only: new Set(
			(process.env.QUEUE_ONLY ?? 'load,kill')
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean),
		),
	};
}
