/**
 * Where a node run's time went, read from the sandbox's request log: what separates the node's
 * time from the ceiling `floor((R-1)/M)·W + L`, for the run's own window (M per W).
 */
import type { LoggedRequest } from '../sandbox/requestLog';

export interface Breakdown {
	/** from the node's start to the first answer (the read of the account's properties) */
	firstAnswerMs: number;
	/** from the first answer to the answer of the first window's last request: the ceiling takes it as 0 */
	firstWindowMs: number;
	/** from the first request's arrival to the arrival of the first window's last one: how fast the node sent them */
	firstWindowSentMs?: number;
	/** for each later window, how much longer than W after request k request k + M was answered */
	windowExcessMs: number[];
	/** sum of windowExcessMs: the margin the pacer kept, window after window */
	totalWindowExcessMs: number;
	/** from the node's start to the last answer */
	lastAnswerMs: number;
	/**
	 * how long after request k the sandbox counted request k + M (≥ W, or 429); beyond W + 500 ms
	 * (`overHalfSecond`), a slot of the window stayed unused for half a second or more
	 */
	countGapMs: { min: number; p50: number; p90: number; max?: number; overHalfSecond?: number };
	/** the sandbox's own delay between a request's arrival and its counting, its added latency included */
	arrivalToCountMs: { p50: number; max: number };
	/** which requests (in answer order) were answered 429 */
	rateLimitedAt: number[];
	/**
	 * the most requests the sandbox held at once (from arrival to answer): a client that keeps C in flight
	 * at latency L sends at most C / L per second, whatever room the window has
	 */
	maxInFlight?: number;
}

/** The most intervals [receivedAt, at] open at the same moment. */
function maxOpen(requests: LoggedRequest[]): number | undefined {
	const events = requests.flatMap((r) =>
		r.receivedAt === undefined ? [] : [[r.receivedAt, 1] as const, [r.at, -1] as const],
	);
	if (events.length === 0) return undefined;
	// at the same millisecond an answer goes before an arrival: a slot freed and taken again
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let open = 0;
	let max = 0;
	for (const [, change] of events) max = Math.max(max, (open += change));
	return max;
}

function quantile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function breakdown(
	requests: LoggedRequest[],
	startTime: number | undefined,
	max: number,
	intervalMs: number,
): Breakdown | undefined {
	if (requests.length === 0) return undefined;
	const t0 = startTime ?? requests[0].at;
	const at = requests.map((r) => r.at - t0);
	const windowExcessMs: number[] = [];
	for (let k = max; k < at.length; k += max) windowExcessMs.push(at[k] - at[k - max] - intervalMs);
	const counted = requests.flatMap((r) => (r.countedAt ? [r.countedAt] : [])).sort((a, b) => a - b);
	const countGaps: number[] = [];
	for (let k = max; k < counted.length; k++) countGaps.push(counted[k] - counted[k - max]);
	const received = requests
		.flatMap((r) => (r.receivedAt ? [r.receivedAt] : []))
		.sort((a, b) => a - b);
	const arrival = requests.flatMap((r) =>
		r.countedAt && r.receivedAt ? [r.countedAt - r.receivedAt] : [],
	);
	return {
		firstAnswerMs: at[0],
		firstWindowMs: at[Math.min(at.length - 1, max - 1)] - at[0],
		firstWindowSentMs:
			received.length > 0
				? received[Math.min(received.length - 1, max - 1)] - received[0]
				: undefined,
		windowExcessMs,
		totalWindowExcessMs: windowExcessMs.reduce((a, b) => a + b, 0),
		lastAnswerMs: at[at.length - 1],
		countGapMs: {
			min: Math.min(...countGaps),
			p50: quantile(countGaps, 0.5),
			p90: quantile(countGaps, 0.9),
			max: Math.max(...countGaps),
			overHalfSecond: countGaps.filter((gap) => gap > intervalMs + 500).length,
		},
		arrivalToCountMs: { p50: quantile(arrival, 0.5), max: Math.max(...arrival) },
		rateLimitedAt: requests.flatMap((r, i) => (r.status === 429 ? [i] : [])),
		maxInFlight: maxOpen(requests),
	};
}

export function formatBreakdown(b: Breakdown | undefined): string {
	if (!b) return '    timeline: no requests';
	return [
		`    timeline: first answer +${b.firstAnswerMs} ms; first window filled in ${b.firstWindowMs} ms${b.firstWindowSentMs !== undefined ? ` (its requests sent over ${b.firstWindowSentMs} ms)` : ''}`,
		`      later windows, ms over W: ${b.windowExcessMs.join(' ')} (total ${b.totalWindowExcessMs})`,
		`      sandbox: request k+M counted after request k: min ${b.countGapMs.min} p50 ${b.countGapMs.p50} p90 ${b.countGapMs.p90} max ${b.countGapMs.max ?? '?'} ms (${b.countGapMs.overHalfSecond ?? '?'} over W + 500 ms); arrival to counting p50 ${b.arrivalToCountMs.p50} max ${b.arrivalToCountMs.max} ms`,
		`      last answer +${b.lastAnswerMs} ms; at most ${b.maxInFlight ?? '?'} requests in flight; 429s at ${b.rateLimitedAt.join(',') || 'none'}`,
	].join('\n');
}
