import { abortable, ExecutionCancelledError } from './cancel';

/**
 * Paces requests to HubSpot's rolling rate-limit window (by default 100 requests per 10 s per
 * private app). It keeps its own log of the requests it let through, which is exact for this run,
 * and it reads HubSpot's `X-HubSpot-RateLimit-*` headers, which tell it the real window size and
 * how much of it others (other executions, workers, integrations on the same app) are using.
 *
 * Others pace themselves the same way and see the same `Remaining`: if each took all of it, the
 * window would get it several times over and answer 429s, which count in the window too. So the
 * room left is shared: each answer lets this run hold what it holds plus its part of the room,
 * in proportion to its part of the window's use, growing by a request or two per answer.
 */
export interface RateLimitState {
	max: number;
	intervalMs: number;
}

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface PacerOptions {
	/**
	 * Share the window with other runs pacing themselves (default): one request alone first, then
	 * an allowance from each answer's headers (see observe), halved after a 429. false: pace by our
	 * own log and `Remaining` only, taking all the room there is, as a run alone on the app may.
	 */
	share?: boolean;
	/** Rounds shares of the room at random, so that runs with small shares still claim some of it. */
	random?: () => number;
}

/** Called when a request has its answer (or has failed), with the answer's headers when there were any. */
export type AnsweredCallback = (headers?: Record<string, string>) => void;

/** Added to every computed wait: timers may fire a little early, and clocks tick in whole milliseconds. */
const MARGIN_MS = 5;

/**
 * Slots not claimed while others use the window too: their claims from the same `Remaining`
 * are on the way at the same time as ours.
 */
const HEADROOM = 2;

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

/**
 * How long room must have stayed free before it is claimed, in answer times (at most the window's
 * interval): a slot another run's request has just left is taken again by that run within about
 * an answer time; one still free after three has been given up (a run ended or slowed down).
 */
const ROOM_HORIZON_LATENCIES = 3;

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
	private foreign: { count: number; at: number; until: number } | undefined;

	private pausedUntil = 0;

	/** Slots always left free (for other users of the app); 0 uses the window fully. */
	private readonly reserve: number;

	/**
	 * How many of our requests the window may hold. One on the way at a time until an answer with
	 * HubSpot's headers (a probe: the window's size and how busy it is are unknown), unbounded when
	 * answers carry no `Remaining`; otherwise set from each answer (see nextBudget), halved after a 429.
	 */
	private budget = 1;

	private probing: boolean;

	/** The latest answer with `Remaining` showed only our requests in the window. */
	private alone = false;

	private readonly sharing: boolean;

	private readonly random: () => number;

	/** `Remaining` of our recent answers (see ROOM_HORIZON_LATENCIES): room is what stayed free all along. */
	private remainingSeen: Array<{ at: number; remaining: number }> = [];

	/**
	 * How fast others' use of the window grew between our answers (requests per ms, moving
	 * average), and how long our requests take: others' requests on the way are about their rate
	 * times that, and not in `Remaining` yet.
	 */
	private foreignGrowth = 0;

	private latencyMs = 0;

	/** Callers of acquire() waiting for a slot, woken by each answer. */
	private waiting: Array<() => void> = [];

	/** Total time acquire() made callers wait. */
	waitedMs = 0;

	/** Recent answer times (ms from sending), to judge how much HubSpot's counting moment varies. */
	private readonly roundTrips: number[] = [];

	/** How much answer times vary (see countedAt); undefined until enough answers came. */
	private spreadMs: number | undefined;

	/** Added to the counting estimate after each 429 for the rolling window. */
	private learnedMarginMs = 0;

	constructor(
		private readonly clock: PacerClock,
		initial: RateLimitState = { max: 100, intervalMs: 10_000 },
		reserve = 0,
		options: PacerOptions = {},
	) {
		this.limit = { ...initial };
		this.reserve = reserve;
		this.random = options.random ?? Math.random;
		this.sharing = options.share !== false;
		this.probing = this.sharing;
		if (!this.sharing) this.budget = Infinity;
	}

	/** How many of our requests the window may hold now. */
	get allowance(): number {
		return this.budget;
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
		if (this.spreadMs === undefined) return entry.answeredAt;
		return Math.min(entry.answeredAt, entry.sentAt + this.spreadMs + this.learnedMarginMs);
	}

	private leavesAt(entry: LogEntry): number {
		if (entry.answeredAt === undefined) return Infinity;
		return (
			this.countedAt(entry as LogEntry & { answeredAt: number }) + this.limit.intervalMs + MARGIN_MS
		);
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
		// Probing: one request on the way at a time, whatever the window holds of ours.
		const allowed = this.probing
			? this.log.every((entry) => entry.answeredAt !== undefined)
			: this.log.length < this.budget;
		if (free > 0 && allowed) return 0;
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
			const from = this.clock.now();
			// An answer can make room sooner (a larger allowance, news of the window): look again then.
			const answered = new Promise<void>((resolve) => this.waiting.push(resolve));
			await abortable(Promise.race([this.clock.sleep(wait), answered]), signal);
			this.waitedMs += this.clock.now() - from;
		}
		const entry: LogEntry = { sentAt: this.clock.now() };
		this.log.push(entry);
		let settled = false;
		return (headers?: Record<string, string>) => {
			if (settled) return;
			settled = true;
			entry.answeredAt = this.clock.now();
			const took = entry.answeredAt - entry.sentAt;
			this.roundTrips.push(took);
			if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
			if (this.roundTrips.length >= MIN_ROUND_TRIPS)
				this.spreadMs = Math.max(...this.roundTrips) - Math.min(...this.roundTrips);
			this.latencyMs = this.latencyMs === 0 ? took : 0.7 * this.latencyMs + 0.3 * took;
			if (headers) this.observe(headers);
			const waiting = this.waiting;
			this.waiting = [];
			for (const wake of waiting) wake();
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
		if (interval !== undefined && interval > 0)
			this.limit.intervalMs = Math.round(within(interval, HEADER_BOUNDS.intervalMs));
		if (remaining === undefined) {
			// An answer that says nothing about the window's use: pace by our own log alone.
			this.budget = Infinity;
			this.probing = false;
			return;
		}
		const now = this.clock.now();
		this.prune(now);
		const used = this.limit.max - within(Math.floor(remaining), { min: 0, max: this.limit.max });
		// Ours that HubSpot has surely counted: the answered ones still in the window. Those in
		// flight may not have reached it yet, so they are not subtracted: the estimate of others
		// can be too high by the requests in flight, never too low, and it is exact when nothing
		// is in flight, which is when the window is full and it matters.
		let answered = 0;
		for (const entry of this.log) if (entry.answeredAt !== undefined) answered++;
		const foreignCount = Math.max(0, used - answered);
		const before = this.foreign;
		if (before !== undefined && now > before.at) {
			const growth = Math.max(0, foreignCount - before.count) / (now - before.at);
			this.foreignGrowth = 0.7 * this.foreignGrowth + 0.3 * growth;
		}
		this.foreign = { count: foreignCount, at: now, until: now + this.limit.intervalMs + MARGIN_MS };
		this.alone = foreignCount === 0;
		this.remainingSeen.push({ at: now, remaining: this.limit.max - used });
		const horizon = Math.min(
			this.limit.intervalMs,
			ROOM_HORIZON_LATENCIES * Math.max(this.latencyMs, 1),
		);
		while (this.remainingSeen[0].at <= now - horizon) this.remainingSeen.shift();
		if (this.sharing) this.budget = this.nextBudget(used, answered);
		this.probing = false;
	}

	/**
	 * What we hold, plus our part of the room left: the share of the window's use that is ours
	 * (alone, all of it), rounded at random so that the claims of all runs add up to about the
	 * room. The room is what stayed free for three answer times as far as our answers saw: a slot
	 * that has just left a busy window is mostly about to be taken again by the run that held it
	 * (its request is on the way). With others on the window, what they may have on the way is
	 * left to them: HEADROOM slots, plus how fast their use grew times how long a request takes.
	 */
	private nextBudget(used: number, answered: number): number {
		const held = this.log.length;
		const share = used > 0 ? Math.min(1, answered / used) : 1;
		let remaining = Infinity;
		for (const seen of this.remainingSeen) remaining = Math.min(remaining, seen.remaining);
		const onTheWay = share < 1 ? HEADROOM + this.foreignGrowth * this.latencyMs : 0;
		const room = Math.max(0, remaining - this.reserve - onTheWay);
		const claim = Math.floor(room * share + this.random());
		// Alone on the window, what we were allowed stays ours (a slot of ours that left is ours to
		// fill again). Shared, we keep what we hold: a slot we have not filled again in time is
		// given up to the others, as the room it leaves is shared.
		const base = Number.isFinite(this.budget) && share === 1 ? Math.max(this.budget, held) : held;
		// Each answer lets one more request go, alone two (what is on the way doubles per round
		// trip): shared, others' answers let them grow too, and requests sent meanwhile are not in
		// `Remaining` yet.
		return Math.max(1, Math.min(base + claim, base + (share === 1 ? 2 : 1)));
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
		// Taken together, the runs on this window asked for too much: each gives up half. Alone as
		// far as the last answer told, the 429 is our count's error (or a newcomer's first request),
		// which the longer counting above and the next answer's `Remaining` take care of.
		if (this.sharing && !this.alone && Number.isFinite(this.budget))
			this.budget = Math.max(1, Math.floor(this.budget / 2));
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
