/**
 * Bounds the time a run spends waiting for HubSpot after errors and rate-limit answers (backoff,
 * Retry-After, the rolling window), per request and for the whole run: a HubSpot that keeps
 * answering 429 or 503 ends the run with clear errors instead of holding it for hours. Pacing that
 * keeps requests within the rate limit in the first place is not counted.
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

	private since = 0;

	private spent = 0;

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
			if (--this.waiting === 0) this.spent += this.clock.now() - this.since;
		};
	}

	/** Time the run has spent waiting so far. */
	spentMs(): number {
		return this.spent + (this.waiting > 0 ? this.clock.now() - this.since : 0);
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
