import { WindowLog } from '../../../nodes/HubSpotGoalTargets/engine/windowLog';

/** `count` requests sent at `at`, each answered `took` ms later. */
function answered(log: WindowLog, at: number, took: number, count = 1) {
	for (let i = 0; i < count; i++) log.sent(at)(at + took);
}

describe('WindowLog', () => {
	it('counts a request held up longer than the fastest answer that much longer, whatever later answers show', () => {
		const log = new WindowLog({ max: 100, intervalMs: 1000 });
		answered(log, 0, 100, 8);
		// a burst answered one after the other: this one took 400 ms, 300 more than the fastest
		answered(log, 200, 400);
		// calm again: 32 answers of 100 ms, so recent answer times barely vary
		for (let i = 0; i < 32; i++) answered(log, 300 + i, 100 + (i % 3));
		// the calm ones have left by 1,400 ms; the held-up one counts from 200 + 300 until 1,505
		// (by recent answer times alone, 2 ms apart, it would have left at 1,207)
		expect(log.ours(1400)).toBe(1);
		expect(log.ours(1504)).toBe(1);
		expect(log.ours(1506)).toBe(0);
	});

	it("takes ours that left the log but were answered less than a window ago as ours in HubSpot's count, not others'", () => {
		const log = new WindowLog({ max: 100, intervalMs: 1000 });
		// 50 requests sent at 0, answered after 1 s: they count from when they were sent
		answered(log, 0, 1000, 50);
		answered(log, 1000, 1000, 8);
		// at 1,100 ms they have left the log, but HubSpot, counting each on its way, may still hold them
		expect(log.ours(1100)).toBeLessThan(58);
		expect(log.sawUse(1100, 58).others).toBe(0);
		// once a window has passed since their answers, they count as others no more either
		expect(log.sawUse(2100, 8).others).toBe(0);
		expect(log.sawUse(2100, 20).others).toBe(12);
	});

	it('counts every request until its answer while fewer than 8 answers came', () => {
		const log = new WindowLog({ max: 100, intervalMs: 1000 });
		answered(log, 0, 250, 3);
		expect(log.ours(1000 + 5 + 249)).toBe(3);
		expect(log.ours(1000 + 5 + 251)).toBe(0);
	});
});
