import { runSharedWindow } from '../../../testkit/sharedWindow';

/**
 * Separate runs (executions in n8n's workers), each with its own pacer, writing to one account:
 * they only see HubSpot's X-HubSpot-RateLimit-* headers, never each other.
 */
describe('pacers sharing one HubSpot window', () => {
	const eightRuns = {
		runs: 8,
		requestsPerRun: 26,
		concurrency: 8,
		max: 20,
		intervalMs: 2000,
		latencyMs: 100,
		staggerMs: 30,
	};

	it('each pacing by its own log alone, they drown the window in 429s and inputs fail', async () => {
		const r = await runSharedWindow({ ...eightRuns, share: false });
		expect(r.rateLimited / r.requests).toBeGreaterThan(0.5);
		expect(r.failed).toBeGreaterThan(0);
	});

	it('sharing the room, they stay under the window with few 429s and every input is written', async () => {
		const r = await runSharedWindow(eightRuns);
		expect(r.failed).toBe(0);
		expect(r.accepted).toBe(8 * 26);
		expect(r.busiest).toBeLessThanOrEqual(20);
		// The first run answered sees nobody and takes the window; the others' first requests, on
		// their way but not counted yet, meet it (about a third of the 429s), the rest as they share.
		expect(r.rateLimited / r.requests).toBeLessThan(0.08);
	});

	it('with a real window (100 per 10 s, 300 ms answers), eight runs write everything with few 429s', async () => {
		const r = await runSharedWindow({
			runs: 8,
			requestsPerRun: 50,
			concurrency: 8,
			max: 100,
			intervalMs: 10_000,
			latencyMs: 300,
			staggerMs: 30,
		});
		expect(r.failed).toBe(0);
		expect(r.rateLimited / r.requests).toBeLessThan(0.03);
	});

	it('eight executions on two workers (one pacer per process) write everything, use the window well and get under 2% 429s', async () => {
		// Max Concurrent Requests as it was (8) and as it is now by default (250)
		for (const concurrency of [8, 250]) {
			const onTwoWorkers = { ...eightRuns, concurrency, requestsPerRun: 41, processes: 2 };
			const perProcess = await runSharedWindow(onTwoWorkers);
			const perRun = await runSharedWindow({ ...onTwoWorkers, processes: undefined });
			expect(perProcess.failed).toBe(0);
			expect(perProcess.accepted).toBe(8 * 41);
			expect(perProcess.busiest).toBeLessThanOrEqual(20);
			expect(perProcess.rateLimited / perProcess.requests).toBeLessThan(0.02);
			// two pacers find their shares faster than eight, and lose less room at each hand-over
			expect(perProcess.endMs).toBeLessThan(perRun.endMs);
			expect(perProcess.endMs).toBeLessThan(perProcess.ceilingMs * 1.2);
		}
	});

	it('a run alone sends a whole window at once, whatever the answer time: five windows at 1 s answers take 4 W + 2 L', async () => {
		for (const max of [100, 190, 250]) {
			const fiveWindows = { runs: 1, requestsPerRun: 5 * max - 5, max, intervalMs: 10_000 };
			const r = await runSharedWindow({ ...fiveWindows, concurrency: 250, latencyMs: 1000 });
			expect(r.rateLimited).toBe(0);
			expect(r.busiest).toBe(max);
			// the first answer (a probe) costs one answer time over the ceiling (4 W + L)
			expect(r.endMs).toBeLessThanOrEqual(r.ceilingMs + 1000 + 50);
			// bounded to 8 in flight, a window's room takes max / 8 answer times to go
			const eight = await runSharedWindow({ ...fiveWindows, concurrency: 8, latencyMs: 1000 });
			expect(eight.endMs).toBeGreaterThan(r.ceilingMs * 1.5);
		}
	});

	it('a run alone still fills the window: 200 requests through 190 per 10 s take one window and a bit', async () => {
		const r = await runSharedWindow({
			runs: 1,
			requestsPerRun: 200,
			concurrency: 8,
			max: 190,
			intervalMs: 10_000,
			latencyMs: 100,
		});
		expect(r.rateLimited).toBe(0);
		expect(r.busiest).toBe(190);
		// the ceiling is 10.1 s; the first answer (a probe) and the ramp to 8 in flight cost a few round trips
		expect(r.endMs).toBeLessThan(r.ceilingMs * 1.1);
	});
});
