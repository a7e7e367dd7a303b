import { NODE_CATEGORIES, type InputOutcome } from '../engine/types';

/** At most this many ranges are listed; a message with thousands would be unreadable. */
const MAX_RANGES = 40;

/** Item indexes as ranges: [0, 1, 2, 5, 7, 8] → "0-2, 5, 7-8". */
export function itemRanges(indexes: number[]): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let i = 0; i < sorted.length; ) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
		i = j + 1;
	}
	if (ranges.length <= MAX_RANGES) return ranges.join(', ');
	return `${ranges.slice(0, MAX_RANGES).join(', ')} and ${ranges.length - MAX_RANGES} more ranges`;
}

/**
 * What a run that stopped early (bad token, spent daily quota) had written, for the error the
 * node throws: which items were written, which may have been (answer lost), and that no other was.
 */
export function writtenReport(outcomes: InputOutcome[]): string {
	const written = outcomes.filter((o) => o.ok);
	const unknown = outcomes.filter(
		(o) => !o.ok && o.error.category === NODE_CATEGORIES.unknownOutcome,
	);
	const parts = [
		written.length > 0
			? `${written.length} inputs were written before the node stopped: items ${itemRanges(written.map((o) => o.itemIndex))} (0-based, as $itemIndex).`
			: 'No input was written before the node stopped.',
	];
	if (unknown.length > 0) {
		parts.push(
			`${unknown.length} inputs may have been written (their answer was lost): items ${itemRanges(unknown.map((o) => o.itemIndex))}.`,
		);
	}
	parts.push('No other input was written.');
	parts.push(
		"To get the written inputs on Success and the others on Error instead of this error, set the node's Settings > On Error to Continue.",
	);
	return parts.join(' ');
}
