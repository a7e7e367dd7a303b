import {
	HEADER_BOUNDS,
	MAX_PAUSE_MS,
	RateLimitPacer,
} from '../../../nodes/HubSpotGoalTargets/engine/pacer';
import { FakeClock, flush } from '../../../testkit/fakes';
import { busiestWindow } from '../../../testkit/windows';

const headers = (max: number, intervalMs: number, remaining?: number): Record<string, string> => ({
	'X-HubSpot-RateLimit-Max': String(max),
	'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
	...(remaining === undefined ? {} : { 'X-HubSpot-RateLimit-Remaining': String(remaining) }),
});

/**
 * `workers` loops, each taking a slot, "sending" (HubSpot counts the request `latency / 2` after
 * it was sent), and answering after `latency`, until `total` requests went.
 */
async function simulate(
	pacer: RateLimitPacer,
	clock: FakeClock,
	total: number,
	workers: number,
	latency: number,
	sendDelay: () => number = () => 0,
) {
	const counted: number[] = [];
	let started = 0;
	const worker = async () => {
		while (started < total) {
			started++;
			const answered = await pacer.acquire();
			const sentAt = clock.now();
			// The request may leave late (a busy event loop): HubSpot counts it later, it is answered later.
			const delay = sendDelay();
			await clock.sleep(delay + latency / 2);
			counted.push(sentAt + delay + latency / 2);
			await clock.sleep(latency / 2);
			// An answer without X-HubSpot-RateLimit-Remaining: the pacer paces by its own log.
			answered({});
		}
	};
	await clock.run(Promise.all(Array.from({ length: workers }, worker)));
	return counted.sort((a, b) => a - b);
}

/** A pacer whose answers carry no Remaining: it paces by its own log alone. */
function ownLog(pacer: RateLimitPacer): RateLimitPacer {
	pacer.observe({});
	return pacer;
}

describe('RateLimitPacer', () => {
	it('never lets more than max requests into any window, however many wait', async () => {
		for (const latency of [0, 40, 300, 2500]) {
			const clock = new FakeClock();
			const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
			const stamps = await simulate(pacer, clock, 95, 25, latency);
			expect(stamps).toHaveLength(95);
			expect(busiestWindow(stamps, 1000)).toBeLessThanOrEqual(10);
		}
	});

	it('uses the window fully: max at once, then a slot as soon as one frees', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
		const stamps = await simulate(pacer, clock, 100, 50, 40);
		expect(stamps.filter((t) => t < 1000)).toHaveLength(10);
		expect(busiestWindow(stamps, 1000)).toBe(10);
		// 10 windows of 1000 ms, each slot held 40 ms longer (until its answer) plus a 5 ms margin.
		expect(clock.now()).toBeLessThanOrEqual(9 * 1045 + 40 + 1);
		expect(clock.now()).toBeGreaterThanOrEqual(9 * 1000);
	});

	it('fills each window from its first moment once answer times are known: a window costs W, not W + latency', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
		const stamps = await simulate(pacer, clock, 100, 50, 100);
		expect(busiestWindow(stamps, 1000)).toBe(10);
		// The ceiling is 9 × 1000 + 100; each window costs the 5 ms margin on top, and the first
		// request's round trip once (it goes alone, the probe; the other nine of its window follow it).
		expect(clock.now()).toBeLessThanOrEqual(9 * 1005 + 100 + 100 + 1);
	});

	it('keeps to the window when requests leave late by varying amounts, judged from the spread of answer times', async () => {
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (const jitter of [5, 40, 300]) {
			const clock = new FakeClock();
			const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
			const stamps = await simulate(pacer, clock, 200, 30, 100, () =>
				Math.floor(random() * jitter),
			);
			expect(busiestWindow(stamps, 1000)).toBeLessThanOrEqual(10);
			// Each window costs W plus the spread (never more than an answer takes).
			if (jitter < 100)
				expect(clock.now()).toBeLessThanOrEqual(19 * (1005 + jitter) + 2 * (100 + jitter));
		}
	});

	it('counts each request longer after every 429', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
		for (let i = 0; i < 10; i++) {
			const answered = await pacer.acquire();
			await clock.advanceTo(clock.now() + 1);
			answered();
		}
		// Sent at 0..9, answered 1 ms later each: the first leaves at 0 + 0 + 1000 + 5.
		expect(pacer.delayBeforeNext()).toBe(1005 - clock.now());
		pacer.pause(1);
		await clock.advanceTo(clock.now() + 1);
		// The 429 taught 25 ms; the answer time (1 ms after sending) bounds it.
		expect(pacer.delayBeforeNext()).toBe(1 + 1005 - clock.now());
	});

	it('counts a request in flight for as long as it takes', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 1, intervalMs: 1000 });
		const answered = await pacer.acquire();
		await clock.advanceTo(60_000);
		expect(pacer.delayBeforeNext()).toBeGreaterThan(0);
		answered();
		expect(pacer.delayBeforeNext()).toBe(1005);
		await clock.advanceTo(61_005);
		expect(pacer.delayBeforeNext()).toBe(0);
	});

	it('learns the window from the headers', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock);
		expect(pacer.state).toEqual({ max: 100, intervalMs: 10_000 });
		const answered = await pacer.acquire();
		// No Remaining: the window's size is all it learns, and its own log all it paces by.
		answered(headers(5, 2000));
		expect(pacer.state).toEqual({ max: 5, intervalMs: 2000 });
		for (let i = 0; i < 4; i++) await pacer.acquire();
		expect(pacer.delayBeforeNext()).toBeGreaterThan(0);
	});

	it('honours Remaining: requests of others in the window leave less room, until they have surely left it', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 }, () => 0);
		// The first answer carries no Remaining: the run paces by its own log, three on the way.
		(await pacer.acquire())({});
		const second = await pacer.acquire();
		const third = await pacer.acquire();
		await clock.advanceTo(100);
		// HubSpot counts 7 requests (our 2 answered and 5 of others): 3 left.
		second(headers(10, 1000, 3));
		expect(pacer.foreignInWindow()).toBe(5);
		// An answer without Remaining again: the run's share no longer binds, the window does.
		third({});
		const times: number[] = [];
		const more = Array.from({ length: 3 }, async () => {
			(await pacer.acquire())({});
			times.push(clock.now());
		});
		await clock.run(Promise.all(more));
		// 10 - our 3 - their 5: two go at once.
		expect(times.slice(0, 2)).toEqual([100, 100]);
		// The third waits for a request to leave the window: the first of ours, at 0 + 1000 + 5.
		expect(times[2]).toBe(1005);
		await clock.advanceTo(1105);
		expect(pacer.foreignInWindow()).toBe(0);
	});

	it('a later Remaining replaces an older one; others that stop using the app stop counting', async () => {
		const clock = new FakeClock();
		// Rounding its share of the room up at half: one more may go while 4 of others are counted.
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 }, () => 0.5);
		(await pacer.acquire())(headers(10, 1000, 5));
		expect(pacer.foreignInWindow()).toBe(4);
		await clock.advanceTo(50);
		(await pacer.acquire())(headers(10, 1000, 8));
		expect(pacer.foreignInWindow()).toBe(0);
		expect(pacer.delayBeforeNext()).toBe(0);
	});

	it('does not stall when the last answer said the window was full and nothing else is sent', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 3, intervalMs: 1000 });
		for (let i = 0; i < 3; i++) (await pacer.acquire())(headers(3, 1000, 2 - i));
		const next = clock.run(pacer.acquire());
		await next;
		expect(clock.now()).toBeLessThanOrEqual(1010);
	});

	it('after a 429, holds every request until the oldest of ours leaves the window', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 100, intervalMs: 1000 });
		const a = await pacer.acquire();
		await clock.advanceTo(100);
		a();
		await clock.advanceTo(300);
		const b = await pacer.acquire();
		// Alone on the window as far as its answers told: the 429 does not halve its allowance.
		b(headers(100, 1000, 98));
		pacer.pause();
		expect(pacer.delayBeforeNext()).toBe(100 + 1000 + 5 - 300);
		const times: number[] = [];
		await clock.run(
			Promise.all(
				[1, 2].map(async () => {
					await pacer.acquire();
					times.push(clock.now());
				}),
			),
		);
		expect(Math.min(...times)).toBe(1105);
	});

	it('after a 429, leaves one slot of the window free for two windows', async () => {
		const clock = new FakeClock();
		const pacer = ownLog(new RateLimitPacer(clock, { max: 5, intervalMs: 1000 }));
		(await pacer.acquire())();
		pacer.pause(10);
		await clock.advanceTo(1010);
		// the first request left the window; of 5 slots, 4 go, one stays free
		const sent: number[] = [];
		const five = Array.from({ length: 5 }, async () => {
			(await pacer.acquire())();
			sent.push(clock.now());
		});
		await clock.advanceTo(1500);
		expect(sent).toEqual([1010, 1010, 1010, 1010]);
		// two windows after the 429, the whole window again
		await clock.run(Promise.all(five));
		expect(sent[4]).toBe(2000);
	});

	it('after a 429 with Retry-After, holds every request that long', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 100, intervalMs: 10_000 });
		(await pacer.acquire())();
		pacer.pause(2500);
		const next = clock.run(pacer.acquire());
		await flush();
		await next;
		expect(clock.now()).toBe(2500);
	});
});

describe("HubSpot's rate-limit headers are taken within bounds", () => {
	const raw = (values: Record<string, string>) => values;

	it('an interval of 1e12 ms cannot make the pacer sleep for years', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 2, intervalMs: 1000 });
		const answered = await pacer.acquire();
		answered(
			raw({
				'X-HubSpot-RateLimit-Interval-Milliseconds': '1000000000000',
				'X-HubSpot-RateLimit-Max': '2',
			}),
		);
		expect(pacer.state.intervalMs).toBe(HEADER_BOUNDS.intervalMs.max);
		await pacer.acquire();
		expect(pacer.delayBeforeNext()).toBeLessThanOrEqual(HEADER_BOUNDS.intervalMs.max + 5);
	});

	it.each([
		[
			'X-HubSpot-RateLimit-Interval-Milliseconds',
			'1',
			{ intervalMs: HEADER_BOUNDS.intervalMs.min },
		],
		['X-HubSpot-RateLimit-Max', '1000000000', { max: HEADER_BOUNDS.max.max }],
		['X-HubSpot-RateLimit-Max', '0.5', { max: 1 }],
		['X-HubSpot-RateLimit-Max', '-3', { max: 10 }],
		['X-HubSpot-RateLimit-Max', 'Infinity', { max: 10 }],
		['X-HubSpot-RateLimit-Interval-Milliseconds', 'NaN', { intervalMs: 1000 }],
	])('%s: %p is taken as %p', async (name, value, expected) => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
		(await pacer.acquire())(raw({ [name]: value }));
		expect(pacer.state).toMatchObject(expected);
	});

	it('a Remaining above Max or below 0 is taken at the bound', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 10, intervalMs: 1000 });
		(await pacer.acquire())(raw({ 'X-HubSpot-RateLimit-Remaining': '1000000' }));
		expect(pacer.foreignInWindow()).toBe(0);
		(await pacer.acquire())(raw({ 'X-HubSpot-RateLimit-Remaining': '-50' }));
		// All 10 slots used, 2 of them by our answered requests: 8 by others, not 58.
		expect(pacer.foreignInWindow()).toBe(8);
	});

	it('one pause cannot hold requests longer than MAX_PAUSE_MS', () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock);
		pacer.pause(1e12);
		expect(pacer.delayBeforeNext()).toBe(MAX_PAUSE_MS);
	});
});

describe('RateLimitPacer sharing the window with other runs (the default)', () => {
	it('sends one request alone until an answer says how big and how busy the window is', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 100, intervalMs: 10_000 }, () => 0);
		const first = await pacer.acquire();
		expect(pacer.delayBeforeNext()).toBeGreaterThan(0);
		// an answer without headers (the property read) tells nothing: the next goes alone too
		first();
		const second = await pacer.acquire();
		expect(pacer.delayBeforeNext()).toBeGreaterThan(0);
		second(headers(100, 10_000, 98));
		// alone on the window since the start: all the room at once
		expect(pacer.allowance).toBe(100);
		expect(pacer.delayBeforeNext()).toBe(0);
	});

	it('alone since the start, takes the whole window at once; once others showed, step by step', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 190, intervalMs: 10_000 }, () => 0);
		(await pacer.acquire())(headers(190, 10_000, 189));
		expect(pacer.allowance).toBe(190);
		const burst = await Promise.all(Array.from({ length: 186 }, async () => await pacer.acquire()));
		expect(pacer.ownInWindow()).toBe(187);
		// every one of ours answered: the window holds them and 3 of another process
		await clock.advanceTo(1000);
		burst.forEach((answered, i) => answered(headers(190, 10_000, 190 - (i + 2) - 3)));
		expect(pacer.foreignInWindow()).toBe(3);
		// shared now: what we hold, plus at most one per answer
		const shared = pacer.allowance;
		expect(shared).toBeLessThanOrEqual(188);
		// a window later, ours and the others' have left: an answer showing only ours lets two
		// more go, not the whole window (the others may just not have been answered lately)
		await clock.advanceTo(11_100);
		expect(pacer.ownInWindow()).toBe(0);
		(await pacer.acquire())(headers(190, 10_000, 189));
		expect(pacer.allowance).toBeLessThanOrEqual(shared + 2);
	});

	it('claims the room in proportion to its part of the window, leaving headroom to the others', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 20, intervalMs: 2000 }, () => 0);
		// the first answer shows 2 requests of others: no more than one more per answer
		(await pacer.acquire())(headers(20, 2000, 17));
		expect(pacer.allowance).toBe(2);
		(await pacer.acquire())(headers(20, 2000, 16));
		expect(pacer.allowance).toBe(3);
		(await pacer.acquire())(headers(20, 2000, 15));
		// 4 of ours, 6 of others counted: 10 left, 2 kept for others' requests on the way, our part 4/10
		(await pacer.acquire())(headers(20, 2000, 10));
		expect(pacer.foreignInWindow()).toBe(6);
		expect(pacer.allowance).toBe(5);
		// the window full: no more than what we hold
		(await pacer.acquire())(headers(20, 2000, 0));
		expect(pacer.allowance).toBe(5);
		expect(pacer.delayBeforeNext()).toBeGreaterThan(0);
	});

	it('gives up half of its allowance after a 429 while others use the window, not when alone', async () => {
		const alone = new FakeClock();
		const lone = new RateLimitPacer(alone, { max: 100, intervalMs: 10_000 }, () => 0);
		for (let i = 0; i < 5; i++) (await alone.run(lone.acquire()))(headers(100, 10_000, 99 - i));
		const loneBefore = lone.allowance;
		expect(loneBefore).toBeGreaterThanOrEqual(8);
		// Only ours in the window: the 429 is our count's error, which longer counting corrects.
		lone.pause();
		expect(lone.allowance).toBe(loneBefore);

		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 100, intervalMs: 10_000 }, () => 0);
		// 10 requests of others in the window besides ours
		for (let i = 0; i < 5; i++) (await clock.run(pacer.acquire()))(headers(100, 10_000, 89 - i));
		for (let i = 0; i < 5; i++) (await clock.run(pacer.acquire()))(headers(100, 10_000, 84 - i));
		const before = pacer.allowance;
		expect(before).toBeGreaterThanOrEqual(6);
		pacer.pause();
		expect(pacer.allowance).toBe(Math.floor(before / 2));
	});

	it('callers waiting for room go in the order they came', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 3, intervalMs: 1000 });
		pacer.observe({});
		const order: number[] = [];
		await clock.run(
			Promise.all(
				Array.from({ length: 12 }, async (_, i) => {
					const answered = await pacer.acquire();
					order.push(i);
					await clock.sleep(10);
					answered({});
				}),
			),
		);
		expect(order).toEqual(Array.from({ length: 12 }, (_, i) => i));
	});

	it('an answer wakes a caller waiting for room at once', async () => {
		const clock = new FakeClock();
		const pacer = new RateLimitPacer(clock, { max: 100, intervalMs: 10_000 }, () => 0);
		const first = await pacer.acquire();
		let sentAt = -1;
		const waiting = pacer.acquire().then(() => (sentAt = clock.now()));
		await clock.advanceTo(37);
		first(headers(100, 10_000, 99));
		await flush();
		await waiting;
		expect(sentAt).toBe(37);
	});
});
