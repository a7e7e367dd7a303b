/**
 * How requests fill HubSpot's rolling window, from the moments it counted them: used by the pacer's
 * tests, the shared-window simulation and the queue e2e's figures.
 */

/** The most requests any rolling window (t − interval, t] holds, the way HubSpot counts. */
export function busiestWindow(times: number[], intervalMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let from = 0;
	for (let i = 0; i < sorted.length; i++) {
		while (sorted[from] <= sorted[i] - intervalMs) from++;
		most = Math.max(most, i - from + 1);
	}
	return most;
}

/** How many of `times` fall in each consecutive interval from `start`: where room went unused. */
export function countPerInterval(times: number[], start: number, intervalMs: number): number[] {
	const counts: number[] = [];
	for (const t of times) {
		const w = Math.floor((t - start) / intervalMs);
		while (counts.length <= w) counts.push(0);
		counts[w]++;
	}
	return counts;
}
