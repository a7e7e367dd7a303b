import { pacerFor } from '../../../nodes/HubSpotGoalTargets/engine/pacerRegistry';
import { FakeClock, ownLogPacer } from '../../../testkit/fakes';

describe('pacerFor: one pacer per app and credential in the process', () => {
	it('gives runs on the same key the same pacer, other keys their own, no key a pacer of its own', async () => {
		const clock = new FakeClock();
		const make = () => ownLogPacer(clock, { max: 10, intervalMs: 1000 });
		const a = pacerFor('window cred-a https://api.hubapi.com', make, clock.now());
		const answered = await a.acquire();
		expect(pacerFor('window cred-a https://api.hubapi.com', make, clock.now())).toBe(a);
		expect(pacerFor('window cred-b https://api.hubapi.com', make, clock.now())).not.toBe(a);
		expect(pacerFor(undefined, make, clock.now())).not.toBe(pacerFor(undefined, make, clock.now()));
		answered();
	});

	it('two runs sharing it never put more than the window in it together', async () => {
		const clock = new FakeClock();
		const make = () => ownLogPacer(clock, { max: 10, intervalMs: 1000 });
		const counted: number[] = [];
		const run = async () => {
			const pacer = pacerFor('window shared', make, clock.now());
			for (let i = 0; i < 30; i++) {
				const answered = await pacer.acquire();
				counted.push(clock.now());
				await clock.sleep(50);
				answered();
			}
		};
		await clock.run(Promise.all([run(), run()]));
		counted.sort((x, y) => x - y);
		for (let i = 10; i < counted.length; i++)
			expect(counted[i] - counted[i - 10]).toBeGreaterThanOrEqual(1000);
	});

	it('keeps a pacer whose callers are still waiting in line', async () => {
		const clock = new FakeClock();
		const make = () => ownLogPacer(clock, { max: 10, intervalMs: 1000 });
		const pacer = pacerFor('window in line', make, clock.now());
		const waiting = pacer.acquire();
		expect(pacer.idle()).toBe(false);
		expect(pacerFor('window in line', make, clock.now())).toBe(pacer);
		(await waiting)();
	});

	it('forgets a pacer once none of its requests is in flight or in the window', async () => {
		const clock = new FakeClock();
		const make = () => ownLogPacer(clock, { max: 10, intervalMs: 1000 });
		const pacer = pacerFor('window forget-me', make, clock.now());
		const answered = await pacer.acquire();
		await clock.advanceTo(5_000);
		// in flight: kept, however long it takes
		expect(pacerFor('window forget-me', make, clock.now())).toBe(pacer);
		answered();
		await clock.advanceTo(5_500);
		expect(pacerFor('window forget-me', make, clock.now())).toBe(pacer);
		// its request has left the window: a new run starts afresh
		await clock.advanceTo(7_000);
		expect(pacerFor('window forget-me', make, clock.now())).not.toBe(pacer);
	});
});
