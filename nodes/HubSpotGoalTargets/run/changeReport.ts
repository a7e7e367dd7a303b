import type { CompareMode } from '../engine/recordComparison';
import type { InputOutcome } from '../engine/types';

/** A Write Mode run's counts: what each input meant for HubSpot's record. */
export interface ChangeCounts {
	created: number;
	updated: number;
	unchanged: number;
	failed: number;
}

/** Counts the Success items by their `change` and the Error items as failed. */
export function changeCounts(outcomes: InputOutcome[]): ChangeCounts {
	const counts: ChangeCounts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
	for (const outcome of outcomes) {
		if (!outcome.ok) counts.failed++;
		else if (outcome.result.change === 'create') counts.created++;
		else if (outcome.result.change === 'update') counts.updated++;
		else if (outcome.result.change === 'none') counts.unchanged++;
	}
	return counts;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The line the editor shows after a `changed` or `preview` run, e.g. "Write Changes Only: 2
 * created, 3 updated, 95 unchanged, 1 failed; 2 requests (1 batch read, 1 write)".
 */
export function changeSummary(
	mode: CompareMode,
	counts: ChangeCounts,
	requests: { reads: number; writes: number },
): string {
	const { created, updated, unchanged, failed } = counts;
	const sent = `${plural(requests.reads + requests.writes, 'request')} (${plural(requests.reads, 'batch read')}, ${plural(requests.writes, 'write')})`;
	if (mode === 'preview') {
		return `Preview, nothing written: ${created} to create, ${updated} to update, ${unchanged} unchanged, ${failed} failed; ${sent}`;
	}
	return `Write Changes Only: ${created} created, ${updated} updated, ${unchanged} unchanged, ${failed} failed; ${sent}`;
}
