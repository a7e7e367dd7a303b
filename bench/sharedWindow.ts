/**
 * `tsx bench/sharedWindow.ts`: several runs of the node (as executions in n8n's workers are), each
 * with its own pacer, writing to one account's rate-limit window, on a fake clock (no waiting):
 * 429s and time against the ceiling, with the pacers sharing the room (the node's default) and
 * taking all of it each (`share: false`, the node's behaviour before).
 */
import { runSharedWindow, type SharedWindowOptions } from '../testkit/sharedWindow';

/** HubSpot's 100 per 10 s scaled to 2 s, as the e2e and the bench use it; runs start 30 ms apart. */
const scaled = { concurrency: 8, max: 20, intervalMs: 2000, latencyMs: 100, staggerMs: 30 };

/** One run alone at HubSpot's real window, five windows of upserts (as `npm run bench`), Max Concurrent Requests 250. */
const alone = [100, 190, 250].flatMap((max) =>
	[100, 1000].map((latencyMs) => ({
		runs: 1,
		requestsPerRun: 5 * max - 5,
		concurrency: 250,
		max,
		intervalMs: 10_000,
		latencyMs,
	})),
);

const cases: Array<Omit<SharedWindowOptions, 'share'>> = [
	...alone,
	// e2e:queue's load: 8 executions of 40 upserts on 2 workers, one pacer per worker
	{ ...scaled, runs: 8, requestsPerRun: 41, processes: 2 },
	{ runs: 1, requestsPerRun: 200, concurrency: 8, max: 190, intervalMs: 10_000, latencyMs: 100 },
	{ ...scaled, runs: 4, requestsPerRun: 26 },
	{ ...scaled, runs: 8, requestsPerRun: 26 },
	{ ...scaled, runs: 8, requestsPerRun: 26, concurrency: 2 },
	{ ...scaled, runs: 16, requestsPerRun: 26 },
	{ ...scaled, runs: 8, requestsPerRun: 50, max: 100, intervalMs: 10_000, latencyMs: 300 },
	{ ...scaled, runs: 4, requestsPerRun: 100, max: 190, intervalMs: 10_000, latencyMs: 200 },
];

(async () => {
	console.log(
		'| runs × requests | processes | Max Concurrent | window | latency | pacers | requests | 429s | inputs failed | time / ceiling |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (const c of cases) {
		for (const share of [false, true]) {
			const r = await runSharedWindow({ ...c, share });
			console.log(
				`| ${c.runs} × ${c.requestsPerRun} | ${c.processes ?? `${c.runs} (one per run)`} | ${c.concurrency} | ${c.max} / ${c.intervalMs / 1000} s | ${c.latencyMs} ms | ${share ? 'sharing' : 'each all'} | ${r.requests} | ${r.rateLimited} (${((r.rateLimited / r.requests) * 100).toFixed(1)}%) | ${r.failed} | ${(r.endMs / 1000).toFixed(1)} s / ${(r.ceilingMs / 1000).toFixed(1)} s = ${((r.endMs / r.ceilingMs) * 100).toFixed(0)}% |`,
			);
		}
	}
})();
