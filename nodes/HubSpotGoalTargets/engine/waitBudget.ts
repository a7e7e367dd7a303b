/**
 * Bounds the time a run spends waiting for HubSpot after errors and rate-limit answers (backoff,
 * Retry-After, the rolling window), per request and for the whole run: a HubSpot that keeps
 * answering 429 or 503 ends the run with clear errors instead of holding it for hours. The time
 * of requests that got no usable answer (a timeout, a lost connection, a 5xx or 429 answer, all
 * sent again) counts too: a host that times out every request otherwise holds a run for
 * Timeout × tries × requests. Pacing that keeps requests within the rate limit in the first place
 * is not counted, nor the time of requests that were answered.
 */
export interface WaitLimits {
	perRequestMs: number;
	perRunMs: number;
}

/** 5 minutes per request, 10 minutes per run: far above what a healthy HubSpot needs (a 10 s window). */
const DEFAULT_WAIT_LIMITS: WaitLimits = { perRequestMs: 5 * 60_000, perRunMs: 10 * 60_000 };

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export class WaitBudget {
	/** Waits going on now; overlapping waits of parallel requests count once. */
	private waiting = 0;

	/** When the waits going on now began to overlap without a break. */
	private since = 0;

	/** Time waited, as stretches in time order, none overlapping: their total is `closedMs`. */
	private readonly closed: Array<{ start: number; end: number }> = [];

	private closedMs = 0;

	constructor(
		private readonly clock: { now(): number },
		readonly limits: WaitLimits = DEFAULT_WAIT_LIMITS,
	) {}

	/** A wait starts; call the returned function when it ends. */
	begin(): () => void {
		if (this.waiting++ === 0) this.since = this.clock.now();
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			if (--this.waiting === 0) this.add(this.since, this.clock.now());
		};
	}

	/** The time from `startedAt` until now was spent waiting (a request that got no usable answer). */
	spentSince(startedAt: number): void {
		this.add(startedAt, this.clock.now());
	}

	/** Adds a stretch ending now: only the last stretches recorded can overlap it. */
	private add(start: number, end: number): void {
		let from = start;
		let to = end;
		if (to <= from) return;
		for (let last = this.closed.at(-1); last && last.end >= from; last = this.closed.at(-1)) {
			from = Math.min(from, last.start);
			to = Math.max(to, last.end);
			this.closedMs -= last.end - last.start;
			this.closed.pop();
		}
		this.closed.push({ start: from, end: to });
		this.closedMs += to - from;
	}

	/** Time the run has spent waiting so far. */
	spentMs(): number {
		if (this.waiting === 0) return this.closedMs;
		// The waits going on now, less what recorded stretches already count of them.
		const now = this.clock.now();
		let counted = 0;
		for (let i = this.closed.length - 1; i >= 0 && this.closed[i].end > this.since; i--)
			counted += Math.min(this.closed[i].end, now) - Math.max(this.closed[i].start, this.since);
		return this.closedMs + (now - this.since) - counted;
	}
	/** Why a request may not wait `nextWaitMs` more, having waited `requestWaitedMs`; undefined when it may. */
	refuses(requestWaitedMs: number, nextWaitMs: number): string | undefined {
		const { perRequestMs, perRunMs } = this.limits;
		if (requestWaitedMs + nextWaitMs > perRequestMs) {
			return `gave up: waiting ${seconds(nextWaitMs)} more would make this request wait over ${seconds(perRequestMs)} in all`;
		}
		const spent = this.spentMs();
		if (spent + nextWaitMs > perRunMs) {
			return `gave up: the run has waited ${seconds(spent)} for HubSpot already, and waits at most ${seconds(perRunMs)}`;
		}
		return undefined;
	}
}
