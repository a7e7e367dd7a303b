/** A rolling rate-limit window: at most `max` requests in any `intervalMs`. */
export interface RateLimitState {
	max: number;
	intervalMs: number;
}

/** Added to every computed wait: timers may fire a little early, and clocks tick in whole milliseconds. */
export const MARGIN_MS = 5;

/** Answers needed before requests are counted from before they were answered. */
const MIN_ROUND_TRIPS = 8;

const ROUND_TRIPS_KEPT = 32;

/** How much longer each request counts after every 429 for the rolling window. */
const LEARN_STEP_MS = 25;

interface LogEntry {
	sentAt: number;
	/** When the answer came; undefined while the request is in flight. */
	answeredAt?: number;
}

/**
 * What HubSpot's rolling window holds, as far as this run can tell: its own requests, exactly (a
 * request counts from when it is sent; once answered, until its counting moment plus the interval;
 * in flight, however long it takes), and the others' requests the latest `Remaining` header
 * showed, until they have surely left it.
 */
export class WindowLog {
	private entries: LogEntry[] = [];

	/** When those of ours that left the log were answered, for a window after (see oursAnswered). */
	private leftAnsweredAt: number[] = [];

	limit: RateLimitState;

	/**
	 * Requests in the window that are not ours, as of the latest answer with a `Remaining` header:
	 * they have all left the window by `until` at the latest.
	 */
	private foreign: { count: number; at: number; until: number } | undefined;

	/** Answers so far, and the fastest answer time (ms from sending) among them (see countedAt). */
	private answers = 0;

	private fastestMs = Infinity;

	/** Recent answer times, and how much they vary (slowest − fastest of them; see countedAt). */
	private readonly roundTrips: number[] = [];

	private spreadMs = 0;

	/** Added to the counting estimate after each 429 for the rolling window. */
	private learnedMarginMs = 0;

	constructor(initial: RateLimitState) {
		this.limit = { ...initial };
	}

	/**
	 * When HubSpot counted a request: on its way, somewhere between sending and the answer. What
	 * matters is that a request sent when an earlier one leaves the window is counted after it
	 * left: the earlier one's delay until counted must not exceed the later one's. A request's own
	 * answer time tells how much it was held up beyond the fastest answer (a busy HubSpot, a burst
	 * answered one after the other, our own event loop): it counts from when it was sent plus that
	 * much, never later than its answer; at least by how much recent answer times vary, as a
	 * request a window later may be held up less. Until enough answers came, and by what 429s
	 * taught, it counts longer.
	 */
	private countedAt(entry: LogEntry & { answeredAt: number }): number {
		if (this.answers < MIN_ROUND_TRIPS) return entry.answeredAt;
		const heldUp = Math.max(0, entry.answeredAt - entry.sentAt - this.fastestMs);
		const margin = Math.max(heldUp, this.spreadMs) + this.learnedMarginMs;
		return Math.min(entry.answeredAt, entry.sentAt + margin);
	}

	private leavesAt(entry: LogEntry): number {
		if (entry.answeredAt === undefined) return Infinity;
		return (
			this.countedAt(entry as LogEntry & { answeredAt: number }) + this.limit.intervalMs + MARGIN_MS
		);
	}

	private prune(now: number) {
		if (this.entries.some((entry) => this.leavesAt(entry) <= now)) {
			const kept: LogEntry[] = [];
			for (const entry of this.entries) {
				if (this.leavesAt(entry) > now) kept.push(entry);
				else this.leftAnsweredAt.push(entry.answeredAt as number);
			}
			this.entries = kept;
		}
		const { intervalMs } = this.limit;
		if (this.leftAnsweredAt.some((at) => at + intervalMs + MARGIN_MS <= now))
			this.leftAnsweredAt = this.leftAnsweredAt.filter((at) => at + intervalMs + MARGIN_MS > now);
	}

	/** Our requests the window may hold at `now`, in flight ones included. */
	ours(now: number): number {
		this.prune(now);
		return this.entries.length;
	}

	/**
	 * Of ours, the answered ones HubSpot's window may still hold: those in our log, and those that
	 * left it (counted from when they were sent) but were answered less than a window ago: HubSpot
	 * counted them on their way, maybe an answer time later than we count. Taken as others, a
	 * window's worth of ours sent at once would hold the room for a whole window at long answer
	 * times.
	 */
	oursAnswered(now: number): number {
		this.prune(now);
		const inLog = this.entries.filter((entry) => entry.answeredAt !== undefined).length;
		return inLog + this.leftAnsweredAt.length;
	}

	/** Ours HubSpot's window may hold at `now`: in flight, in the log, and left but answered within a window. */
	oursAtMost(now: number): number {
		this.prune(now);
		return this.entries.length + this.leftAnsweredAt.length;
	}

	/** Whether none of ours is in flight. */
	allAnswered(): boolean {
		return this.entries.every((entry) => entry.answeredAt !== undefined);
	}

	/** Requests of others the latest headers said are in the window and may still be. */
	others(now: number): number {
		return this.foreign !== undefined && now < this.foreign.until ? this.foreign.count : 0;
	}

	/** Room left in the window at `now`, as far as the run knows. */
	free(now: number): number {
		return this.limit.max - this.ours(now) - this.others(now);
	}

	/**
	 * When the next request leaves the window, ours or the others' (whichever comes first);
	 * Infinity when every one of ours is in flight and no other's is known.
	 */
	nextLeaving(now: number): number {
		let next = Infinity;
		for (const entry of this.entries) next = Math.min(next, this.leavesAt(entry));
		if (this.others(now) > 0 && this.foreign) next = Math.min(next, this.foreign.until);
		return next;
	}

	/** When the oldest of our requests leaves the window; Infinity when none is (or all are in flight). */
	oldestOursLeaving(now: number): number {
		this.prune(now);
		let oldest = Infinity;
		for (const entry of this.entries) oldest = Math.min(oldest, this.leavesAt(entry));
		return oldest;
	}

	/** A request of ours goes now; the returned function records its answer and gives its answer time. */
	sent(now: number): (answeredAt: number) => number {
		const entry: LogEntry = { sentAt: now };
		this.entries.push(entry);
		return (answeredAt) => {
			entry.answeredAt = answeredAt;
			const took = answeredAt - entry.sentAt;
			this.answers++;
			this.fastestMs = Math.min(this.fastestMs, took);
			this.roundTrips.push(took);
			if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
			this.spreadMs = Math.max(...this.roundTrips) - Math.min(...this.roundTrips);
			return took;
		};
	}

	/**
	 * The window's use an answer's `Remaining` shows (`used` of `limit.max`): the requests in it
	 * that are not ours are those beyond our answered ones (see oursAnswered). Ours in flight may not have reached it
	 * yet, so they are not subtracted: the estimate of others can be too high by the requests in
	 * flight, never too low, and it is exact when nothing is in flight, which is when the window is
	 * full and it matters. Returns the count before this one, to tell how fast it grew.
	 */
	sawUse(now: number, used: number): { others: number; before?: { count: number; at: number } } {
		const others = Math.max(0, used - this.oursAnswered(now));
		const before = this.foreign;
		this.foreign = { count: others, at: now, until: now + this.limit.intervalMs + MARGIN_MS };
		return { others, before };
	}

	/**
	 * After a 429 for the rolling window: the window was fuller than we counted, so each request
	 * counts a little longer from now on; and the 429's `Remaining: 0` says the window was full,
	 * not how long it stays full.
	 */
	rateLimited(): void {
		this.learnedMarginMs += LEARN_STEP_MS;
		this.foreign = undefined;
	}
}
