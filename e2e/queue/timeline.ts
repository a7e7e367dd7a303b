/**
 * Figures from the sandbox's request log: how many requests, how many 429s, how long the run kept
 * the account busy, and the ceiling one rate-limit window allows for that many requests.
 */
import type { LoggedRequest } from '../../sandbox/requestLog';
import type { Window } from './sandboxProcess';
import { busiestWindow, countPerInterval } from '../../testkit/windows';

/**
 * The shortest time R requests can take through a window of M per W when each takes L to be
 * answered: M go at once, the next M a window later, ..., the last answered L after it went.
 */
export function ceilingMs(requests: number, window: Window, latencyMs: number): number {
	if (requests <= 0) return 0;
	return Math.floor((requests - 1) / window.max) * window.intervalMs + latencyMs;
}

export interface Timeline {
	requests: number;
	/** answered other than 429 */
	accepted: number;
	rateLimited: number;
	/** 429s / all requests */
	rateLimitedShare: number;
	/** from the first request's sending (its answer time − latency) to the last answer */
	spanMs: number;
	ceilingMs: number;
	/** spanMs / ceilingMs */
	ofCeiling: number;
	/** accepted requests in the busiest rolling window (the sandbox answers 429 beyond max) */
	busiest: number;
	/** 429s by second since the first request, only seconds that had any */
	rateLimitedBySecond: Array<[number, number]>;
	/** accepted requests answered in each consecutive window (W) since the first request: where room went unused */
	acceptedByWindow: number[];
}

export function timeline(log: LoggedRequest[], window: Window, latencyMs: number): Timeline {
	const api = log.filter((e) => !e.path.startsWith('/oauth/'));
	const accepted = api.filter((e) => e.status !== 429);
	const limited = api.filter((e) => e.status === 429);
	const first = Math.min(...api.map((e) => e.at));
	const last = Math.max(...api.map((e) => e.at));
	const spanMs = api.length ? last - first + latencyMs : 0;
	const ceiling = ceilingMs(accepted.length, window, latencyMs);
	const bySecond = new Map<number, number>();
	for (const e of limited) {
		const s = Math.floor((e.at - first) / 1000);
		bySecond.set(s, (bySecond.get(s) ?? 0) + 1);
	}
	return {
		requests: api.length,
		accepted: accepted.length,
		rateLimited: limited.length,
		rateLimitedShare: api.length ? limited.length / api.length : 0,
		spanMs,
		ceilingMs: ceiling,
		ofCeiling: ceiling ? spanMs / ceiling : 0,
		busiest: busiestWindow(
			accepted.map((e) => e.at),
			window.intervalMs,
		),
		rateLimitedBySecond: [...bySecond.entries()].sort((a, b) => a[0] - b[0]),
		acceptedByWindow: countPerInterval(
			accepted.map((e) => e.at),
			first,
			window.intervalMs,
		),
	};
}
