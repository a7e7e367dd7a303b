import { abortable, ExecutionCancelledError } from './cancel';

/**
 * Paces requests to HubSpot's rolling rate-limit window (by default 100 requests per 10 s per
 * private app). It keeps its own log of the requests it let through, which is exact for this run,
 * and it reads HubSpot's `X-HubSpot-RateLimit-*` headers, which tell it the real window size and
 * how much of it others (other executions, workers, integrations on the same app) are using.
 */
export interface RateLimitState {
	max: number;
	intervalMs: number;
}

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Called when a request has its answer (or has failed), with the answer's headers when there were any. */
export type AnsweredCallback = (headers?: Record<string, string>) => void;

/** Added to every computed wait: timers may fire a little early, and clocks tick in whole milliseconds. */
const MARGIN_MS = 5;

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

/** Answers needed before requests are counted from when they were sent rather than answered. */
const MIN_ROUND_TRIPS = 8;

const ROUND_TRIPS_KEPT = 32;

/** How much longer each request counts after every 429 for the rolling window. */
const LEARN_STEP_MS = 25;

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

interface LogEntry {
	sentAt: number;
	/** When the answer came; undefined while the request is in flight. */
	answeredAt?: number;
}

export class RateLimitPacer {
	/**
	 * Our requests that may still be in HubSpot's window. A request counts from when it is sent;
	 * once answered, until its answer time plus the interval (the latest moment HubSpot can have
	 * counted it is the moment it answered). A request in flight counts however long it takes.
	 */
	private log: LogEntry[] = [];

	private limit: RateLimitState;

	/**
	 * Requests in the window that are not ours, as of the latest answer with a `Remaining` header:
	 * they have all left the window by `until` at the latest.
	 */
	private foreign: { count: number; until: number } | undefined;

	private pausedUntil = 0;

	/** Slots always left free (for other users of the app); 0 uses the window fully. */
	private readonly reserve: number;

	/** Total time acquire() made callers wait. */
	waitedMs = 0;

	/** Recent answer times (ms from sending), to judge how much HubSpot's counting moment varies. */
	private readonly roundTrips: number[] = [];

	/** Added to the counting estimate after each 429 for the rolling window. */
	private learnedMarginMs = 0;

	constructor(
		private readonly clock: PacerClock,
		initial: RateLimitState = { max: 100, intervalMs: 10_000 },
		reserve = 0,
	) {
		this.limit = { ...initial };
		this.reserve = reserve;
	}

	get state(): RateLimitState {
		return { ...this.limit };
	}

	/** Our requests the window may hold at `now`, in flight ones included. */
	ownInWindow(now = this.clock.now()): number {
		this.prune(now);
		return this.log.length;
	}

	/** Requests of others the latest headers said are in the window and may still be. */
	foreignInWindow(now = this.clock.now()): number {
		return this.foreign !== undefined && now < this.foreign.until ? this.foreign.count : 0;
	}

	/**
	 * When HubSpot counted a request: it counts on arrival, somewhere between sending and the answer.
	 * Counting each until its answer would cost every window the answer time (5% of a 2 s window
	 * at 100 ms); counting from the moment it was sent is exact when that arrival delay is the same
	 * for all requests. How much it varies is bounded by how much answer times vary (the spread of
	 * recent ones), plus what 429s taught: until enough answers came, and for a request slower than
	 * the others, its answer time is used.
	 */
	private countedAt(entry: LogEntry & { answeredAt: number }): number {
		if (this.roundTrips.length < MIN_ROUND_TRIPS) return entry.answeredAt;
		let fastest = Infinity;
		let slowest = 0;
		for (const ms of this.roundTrips) {
			fastest = Math.min(fastest, ms);
			slowest = Math.max(slowest, ms);
		}
		return Math.min(entry.answeredAt, entry.sentAt + (slowest - fastest) + this.learnedMarginMs);
	}

	private leavesAt(entry: LogEntry): number {
		if (entry.answeredAt === undefined) return Infinity;
		return this.countedAt(entry as LogEntry & { answeredAt: number }) + this.limit.intervalMs + MARGIN_MS;
	}

	private prune(now: number) {
		if (this.log.length === 0) return;
		let keep = false;
		for (const entry of this.log) {
			if (this.leavesAt(entry) <= now) {
				keep = true;
				break;
			}
		}
		if (keep) this.log = this.log.filter((entry) => this.leavesAt(entry) > now);
	}

	/** How long to wait before the next request may go; 0 when it may go now. */
	delayBeforeNext(now = this.clock.now()): number {
		if (now < this.pausedUntil) return this.pausedUntil - now;
		this.prune(now);
		const foreign = this.foreignInWindow(now);
		const free = this.limit.max - this.reserve - this.log.length - foreign;
		if (free > 0) return 0;
		// The window is full: wait for the next of our requests to leave it, or for the others'
		// requests to have left it, whichever comes first. With every request of ours in flight,
		// an answer will come and change the picture: look again soon.
		let next = Infinity;
		for (const entry of this.log) next = Math.min(next, this.leavesAt(entry));
		if (foreign > 0 && this.foreign) next = Math.min(next, this.foreign.until);
		if (!Number.isFinite(next)) return Math.max(MARGIN_MS, Math.round(this.limit.intervalMs / 100));
		return Math.max(1, next - now);
	}

	/**
	 * Resolves when a request may be sent and counts it. Call the returned function when the
	 * request is answered (with the answer's headers) or has failed without an answer. Throws
	 * ExecutionCancelledError as soon as `signal` aborts.
	 */
	async acquire(signal?: AbortSignal): Promise<AnsweredCallback> {
		for (;;) {
			if (signal?.aborted) throw new ExecutionCancelledError();
			const wait = this.delayBeforeNext();
			if (wait === 0) break;
			this.waitedMs += wait;
			await abortable(this.clock.sleep(wait), signal);
		}
		const entry: LogEntry = { sentAt: this.clock.now() };
		this.log.push(entry);
		let settled = false;
		return (headers?: Record<string, string>) => {
			if (settled) return;
			settled = true;
			entry.answeredAt = this.clock.now();
			this.roundTrips.push(entry.answeredAt - entry.sentAt);
			if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
			if (headers) this.observe(headers);
		};
	}

	/**
	 * Learns from an answer's headers: the window's size, and from `Remaining` how many requests
	 * in it are not ours.
	 */
	observe(headers: Record<string, string>) {
		const max = headerNumber(headers, 'x-hubspot-ratelimit-max');
		const interval = headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds');
		const remaining = headerNumber(headers, 'x-hubspot-ratelimit-remaining');
		if (max !== undefined && max > 0) this.limit.max = Math.floor(within(max, HEADER_BOUNDS.max));
		if (interval !== undefined && interval > 0) this.limit.intervalMs = Math.round(within(interval, HEADER_BOUNDS.intervalMs));
		if (remaining === undefined) return;
		const now = this.clock.now();
		this.prune(now);
		const used = this.limit.max - within(Math.floor(remaining), { min: 0, max: this.limit.max });
		// Ours that HubSpot has surely counted: the answered ones still in the window. Those in
		// flight may not have reached it yet, so they are not subtracted: the estimate of others
		// can be too high by the requests in flight, never too low, and it is exact when nothing
		// is in flight, which is when the window is full and it matters.
		let answered = 0;
		for (const entry of this.log) if (entry.answeredAt !== undefined) answered++;
		this.foreign = { count: Math.max(0, used - answered), until: now + this.limit.intervalMs + MARGIN_MS };
	}

	/**
	 * After a 429 for the rolling window: hold every request for `ms` when HubSpot said how long
	 * (Retry-After), otherwise until the oldest of our requests has left the window, which frees a
	 * slot whoever else is using it.
	 */
	pause(ms = 0) {
		const now = this.clock.now();
		// The window was fuller than we counted: count each request a little longer from now on.
		this.learnedMarginMs += LEARN_STEP_MS;
		const until = now + Math.min(MAX_PAUSE_MS, ms > 0 ? ms : this.delayAfterRateLimit(now));
		if (until > this.pausedUntil) this.pausedUntil = until;
		// The 429's `Remaining: 0` says the window was full, not how long it stays full.
		this.foreign = undefined;
	}

	private delayAfterRateLimit(now: number): number {
		this.prune(now);
		let oldest = Infinity;
		for (const entry of this.log) oldest = Math.min(oldest, this.leavesAt(entry));
		if (Number.isFinite(oldest)) return Math.max(MARGIN_MS, oldest - now);
		// None of ours in the window (or all in flight): the window is held by others.
		return Math.round(this.limit.intervalMs / 10);
	}
}
