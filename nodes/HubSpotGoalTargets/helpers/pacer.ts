/**
 * Paces requests to HubSpot's rolling rate-limit window. It keeps its own log of when requests
 * were sent, so it knows when a slot frees up, and it reads HubSpot's rate-limit headers, which
 * carry the account's real state (other executions and workers using the same app count too).
 */
export interface RateLimitState {
	max: number;
	intervalMs: number;
}

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) {
			const n = Number(value);
			return Number.isFinite(n) ? n : undefined;
		}
	}
	return undefined;
}

export class RateLimitPacer {
	/**
	 * Our requests in the window. A request counts from when it was sent until its answer came;
	 * then from the answer's time, the latest moment HubSpot can have counted it.
	 */
	private sent: Array<{ at: number }> = [];

	private limit: RateLimitState;

	/** Latest `Remaining` seen, and how many of our requests were sent after the answer carrying it. */
	private remaining: { value: number; at: number } | undefined;

	private pausedUntil = 0;

	/** Slots kept free for other users of the app and for answers still on their way. */
	private readonly reserve: number;

	waitedMs = 0;

	constructor(
		private readonly clock: PacerClock,
		initial: RateLimitState = { max: 100, intervalMs: 10_000 },
		reserve = 1,
	) {
		this.limit = { ...initial };
		this.reserve = reserve;
	}

	get state(): RateLimitState {
		return { ...this.limit };
	}

	private prune(now: number) {
		this.sent = this.sent.filter((entry) => entry.at + this.limit.intervalMs > now);
	}

	private oldest(): number | undefined {
		let oldest: number | undefined;
		for (const entry of this.sent) if (oldest === undefined || entry.at < oldest) oldest = entry.at;
		return oldest;
	}

	/** How long to wait before the next request may go; 0 when it may go now. */
	delayBeforeNext(now = this.clock.now()): number {
		this.prune(now);
		if (now < this.pausedUntil) return this.pausedUntil - now;
		const ownInWindow = this.sent.length;
		let free = this.limit.max - this.reserve - ownInWindow;
		if (this.remaining) {
			const since = this.remaining.at;
			const sentSince = this.sent.filter((entry) => entry.at > since).length;
			free = Math.min(free, this.remaining.value - this.reserve - sentSince);
		}
		if (free > 0) return 0;
		// Wait for our oldest request to leave the window; with none of ours in it, the window is
		// held by others: wait a tenth of it and look again.
		const oldest = this.oldest();
		const wait = oldest !== undefined ? oldest + this.limit.intervalMs - now : this.limit.intervalMs / 10;
		return Math.max(1, wait + 5);
	}

	/** Resolves when a request may be sent, counts it, and gives back a call to make when it is answered. */
	async acquire(): Promise<() => void> {
		for (;;) {
			const wait = this.delayBeforeNext();
			if (wait === 0) break;
			this.waitedMs += wait;
			await this.clock.sleep(wait);
		}
		const entry = { at: this.clock.now() };
		this.sent.push(entry);
		return () => {
			entry.at = this.clock.now();
		};
	}

	/** Learns the window from an answer's headers. */
	observe(headers: Record<string, string>) {
		const max = headerNumber(headers, 'x-hubspot-ratelimit-max');
		const interval = headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		const remaining = headerNumber(headers, 'x-hubspot-ratelimit-remaining');
		if (max !== undefined && max > 0) this.limit.max = max;
		if (interval !== undefined && interval > 0) this.limit.intervalMs = interval;
		if (remaining !== undefined) {
			const now = this.clock.now();
			// Our requests still in flight were counted by HubSpot before this answer or will be
			// after; count the ones sent from now on against it.
			this.remaining = { value: remaining, at: now };
		}
	}

	/** After a 429: hold every request until the window has room again. */
	pause(ms: number) {
		const now = this.clock.now();
		const until = now + (ms > 0 ? ms : this.delayAfterRateLimit(now));
		if (until > this.pausedUntil) this.pausedUntil = until;
		this.remaining = undefined;
	}

	private delayAfterRateLimit(now: number): number {
		this.prune(now);
		const oldest = this.oldest();
		return oldest !== undefined ? Math.max(100, oldest + this.limit.intervalMs - now + 5) : this.limit.intervalMs / 2;
	}
}
