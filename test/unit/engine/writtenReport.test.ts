import { itemRanges, writtenReport } from '../../../nodes/HubSpotGoalTargets/run/writtenReport';
import type { InputOutcome } from '../../../nodes/HubSpotGoalTargets/engine/types';

const ok = (itemIndex: number): InputOutcome => ({
	seq: itemIndex,
	itemIndex,
	ok: true,
	result: { id: String(itemIndex) },
});
const failed = (itemIndex: number, category?: string): InputOutcome => ({
	seq: itemIndex,
	itemIndex,
	ok: false,
	error: { message: 'x', category },
	input: {},
});

describe('which inputs a stopped run wrote', () => {
	it('lists item indexes as ranges, and caps a long list', () => {
		expect(itemRanges([5, 0, 1, 2, 7, 8, 8])).toBe('0-2, 5, 7-8');
		expect(itemRanges([])).toBe('');
		const everyOther = Array.from({ length: 100 }, (_, i) => i * 2);
		expect(itemRanges(everyOther)).toMatch(/^0, 2, 4, .* and 60 more ranges$/);
	});

	it('names the written items, those whose answer was lost, and says no other was written', () => {
		const report = writtenReport([ok(0), ok(1), failed(2, 'UNKNOWN_OUTCOME'), failed(3), ok(4)]);
		expect(report).toBe(
			'3 inputs were written before the node stopped: items 0-1, 4 (0-based, as $itemIndex). ' +
				'1 inputs may have been written (their answer was lost): items 2. No other input was written. ' +
				"To get the written inputs on Success and the others on Error instead of this error, set the node's Settings > On Error to Continue.",
		);
		expect(writtenReport([failed(0)])).toMatch(/^No input was written before the node stopped\./);
	});
});
