import { abortable, ExecutionCancelledError } from './cancel';
import { MARGIN_MS, WindowLog, type RateLimitState } from './windowLog';
import { WindowShare } from './windowShare';

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Called when a request has its answer (or has failed), with the answer's headers when there were any. */
export type AnsweredCallback = (headers?: Record<string, string>) => void;

/**
 * What the rate-limit headers may set, whatever they say: HubSpot's windows are 10 s (1 s for the
 * old secondly limit) of 100 to 250 requests. A header outside these bounds is taken at the bound,
 * so a broken or hostile answer cannot make the node sleep for years or send without limit.
 */
export const HEADER_BOUNDS = {
	intervalMs: { min: 100, max: 60_000 },
	max: { min: 1, max: 1_000 },
} as const;

/** The longest pause one 429 can impose on every request (its Retry-After is capped by the retry policy too). */
export const MAX_PAUSE_MS = 120_000;

function within(value: number, bounds: { min: number; max: number }): number {
	return Math.min(bounds.max, Math.max(bounds.min, value));
}

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) {
			if (value === undefined || value === null || String(value).trim() === '') return undefined;
			const n = Number(value);
			return Number.isFinite(n) ? n : undefined;
		}
	}
	return undefined;
}

/**
 * Paces requests to HubSpot's rolling rate-limit window (by default 100 requests per 10 s per
 * private app): a request goes when the window has room for it (WindowLog: our requests, exactly,
 * and the others' that HubSpot's `X-HubSpot-RateLimit-*` headers show) and when this run's share
 * of it allows (WindowShare), and every request waits out a pause after a 429.
 */
export class RateLimitPacer {
	private readonly window: WindowLog;

	private readonly share: WindowShare;

	private pausedUntil = 0;

	/** Until then, one slot of the window is left free (see pause). */
	private reserveUntil = 0;

	/** The caller of acquire() at the head of the line, waiting for room, woken by each answer. */
	private waiting: Array<() => void> = [];

	/** Settles when the last caller of acquire() so far has had its turn (see acquire). */
	private lineTail: Promise<void> = Promise.resolve();

	/** Callers of acquire() not through yet. */
	private inLine = 0;

	/** `random` rounds this run's shares of the window's room (Math.random unless given). */
	constructor(
		private readonly clock: PacerClock,
		initial: RateLimitState = { max: 100, intervalMs: 10_000 },
		random: () => number = Math.random,
	) {
		this.window = new WindowLog(initial);
		this.share = new WindowShare(random);
	}

	/** How many of our requests the window may hold now. */
	get allowance(): number {
		return this.share.allowance;
	}

	get state(): RateLimitState {
		return { ...this.window.limit };
	}

	/** Our requests the window may hold at `now`, in flight ones included. */
	ownInWindow(now = this.clock.now()): number {
		return this.window.ours(now);
	}

	/** Whether nothing is waiting to go and none of our requests is in flight or in the window. */
	idle(now = this.clock.now()): boolean {
		return this.inLine === 0 && this.window.ours(now) === 0;
	}

	/** Requests of others the latest headers said are in the window and may still be. */
	foreignInWindow(now = this.clock.now()): number {
		return this.window.others(now);
	}

	/** How long to wait before the next request may go; 0 when it may go now. */
	delayBeforeNext(now = this.clock.now()): number {
		if (now < this.pausedUntil) return this.pausedUntil - now;
		const { window } = this;
		const reserve = now < this.reserveUntil ? 1 : 0;
		if (window.free(now) > reserve && this.share.allows(window.ours(now), window.allAnswered()))
			return 0;
		// The window is full: wait for the next of our requests to leave it, or for the others'
		// requests to have left it, whichever comes first. With every request of ours in flight,
		// an answer will come and change the picture: look again soon.
		let next = window.nextLeaving(now);
		if (reserve > 0 && window.free(now) > 0) next = Math.min(next, this.reserveUntil);
		if (!Number.isFinite(next))
			return Math.max(MARGIN_MS, Math.round(window.limit.intervalMs / 100));
		return Math.max(1, next - now);
	}

	/**
	 * Resolves when a request may be sent and counts it. Call the returned function when the
	 * request is answered (with the answer's headers) or has failed without an answer. Throws
	 * ExecutionCancelledError as soon as `signal` aborts.
	 */
	async acquire(signal?: AbortSignal): Promise<AnsweredCallback> {
		// Callers go in the order they came, and only the first looks at the window: with a whole
		// window's room (up to 250) waiting, waking all of them on every answer would cost the CPU
		// that sending and reading answers need.
		const ahead = this.lineTail;
		let endTurn!: () => void;
		this.lineTail = new Promise<void>((resolve) => (endTurn = resolve));
		let myTurn = false;
		this.inLine++;
		try {
			await abortable(ahead, signal);
			myTurn = true;
			for (;;) {
				if (signal?.aborted) throw new ExecutionCancelledError();
				const wait = this.delayBeforeNext();
				if (wait === 0) break;
				// An answer can make room sooner (a larger allowance, news of the window): look again then.
				const answered = new Promise<void>((resolve) => this.waiting.push(resolve));
				await abortable(Promise.race([this.clock.sleep(wait), answered]), signal);
			}
		} finally {
			this.inLine--;
			// Cancelled while others were ahead: the ones behind still wait for those.
			if (myTurn) endTurn();
			else void ahead.then(endTurn);
		}
		const record = this.window.sent(this.clock.now());
		let settled = false;
		return (headers?: Record<string, string>) => {
			if (settled) return;
			settled = true;
			this.share.answered(record(this.clock.now()));
			if (headers) this.observe(headers);
			const waiting = this.waiting;
			this.waiting = [];
			for (const wake of waiting) wake();
		};
	}

	/**
	 * Learns from an answer's headers: the window's size, and from `Remaining` how many requests
	 * in it are not ours and this run's share of the room.
	 */
	observe(headers: Record<string, string>) {
		const { limit } = this.window;
		const max = headerNumber(headers, 'x-hubspot-ratelimit-max');
		const interval = headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		const remaining = headerNumber(headers, 'x-hubspot-ratelimit-remaining');
		if (max !== undefined && max > 0) limit.max = Math.floor(within(max, HEADER_BOUNDS.max));
		if (interval !== undefined && interval > 0)
			limit.intervalMs = Math.round(within(interval, HEADER_BOUNDS.intervalMs));
		if (remaining === undefined) {
			this.share.sawNoUse();
			return;
		}
		const now = this.clock.now();
		const used = limit.max - within(Math.floor(remaining), { min: 0, max: limit.max });
		const ours = this.window.oursAnswered(now);
		const { others, before } = this.window.sawUse(now, used);
		this.share.sawUse({
			now,
			used,
			ours,
			held: this.window.ours(now),
			oursAtMost: this.window.oursAtMost(now),
			others,
			othersBefore: before,
			max: limit.max,
			intervalMs: limit.intervalMs,
		});
	}

	/**
	 * After a 429 for the rolling window: hold every request for `ms` when HubSpot said how long
	 * (Retry-After), otherwise until the oldest of our requests has left the window, which frees a
	 * slot whoever else is using it.
	 */
	pause(ms = 0) {
		const now = this.clock.now();
		this.window.rateLimited();
		const until = now + Math.min(MAX_PAUSE_MS, ms > 0 ? ms : this.delayAfterRateLimit(now));
		if (until > this.pausedUntil) this.pausedUntil = until;
		// The window held a request we did not count: another process's, most likely one that
		// finds the window full each time it tries (a 429 counts in the window too, and takes the
		// slot of one of ours a window later). A slot left free for two windows lets it in.
		this.reserveUntil = now + 2 * this.window.limit.intervalMs;
		this.share.rateLimited();
	}

	private delayAfterRateLimit(now: number): number {
		const oldest = this.window.oldestOursLeaving(now);
		if (Number.isFinite(oldest)) return Math.max(MARGIN_MS, oldest - now);
		// None of ours in the window (or all in flight): the window is held by others.
		return Math.round(this.window.limit.intervalMs / 10);
	}
}
