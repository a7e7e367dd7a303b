/**
 * Slots not claimed while others use the window too: their claims from the same `Remaining`
 * are on the way at the same time as ours.
 */
const HEADROOM = 2;

/**
 * How long room must have stayed free before it is claimed, in answer times (at most the window's
 * interval): a slot another run's request has just left is taken again by that run within about
 * an answer time; one still free after three has been given up (a run ended or slowed down).
 */
const ROOM_HORIZON_LATENCIES = 3;

/** What one answer's `Remaining` showed, as the share needs it. */
export interface WindowUse {
	now: number;
	/** Requests HubSpot counts in the window. */
	used: number;
	/** Of those, ours (answered, so surely counted). */
	ours: number;
	/** Ours the window may hold now, in flight ones included. */
	held: number;
	/** Ours HubSpot's count may include, however late it counted them: more than these are surely others'. */
	oursAtMost: number;
	/** The others' requests in it, and the count the answer before showed (to tell how fast it grows). */
	others: number;
	othersBefore?: { count: number; at: number };
	max: number;
	intervalMs: number;
}

/**
 * How many of our requests HubSpot's window may hold, when others (other executions, workers,
 * integrations on the same app) pace themselves from the same `X-HubSpot-RateLimit-Remaining`:
 * if each took all of it, the window would get it several times over and answer 429s, which count
 * in the window too. So the room left is shared: one request alone first (a probe: the window's
 * size and use are unknown), then each answer lets this run hold what it holds plus its part of
 * the room, in proportion to its part of the window's use: alone since the start, all of it at
 * once; otherwise growing by a request or two per answer; after a 429 while others use the window,
 * it gives up half.
 */
export class WindowShare {
	/**
	 * How many of our requests the window may hold: one on the way at a time until an answer
	 * (probing), unbounded when answers carry no `Remaining`, otherwise set from each answer.
	 */
	private budget = 1;

	private probing = true;

	/** The latest answer with `Remaining` showed only our requests in the window. */
	private alone = false;

	/** Whether an answer ever showed others' requests in the window. */
	private othersSeen = false;

	/** `Remaining` of our recent answers (see ROOM_HORIZON_LATENCIES): room is what stayed free all along. */
	private remainingSeen: Array<{ at: number; remaining: number }> = [];

	/**
	 * How fast others' use of the window grew between our answers (requests per ms, moving
	 * average), and how long our requests take: others' requests on the way are about their rate
	 * times that, and not in `Remaining` yet.
	 */
	private othersGrowth = 0;

	private latencyMs = 0;

	/** `random` rounds shares of the room, so that runs with small shares still claim some of it. */
	constructor(private readonly random: () => number) {}

	/** How many of our requests the window may hold now. */
	get allowance(): number {
		return this.budget;
	}

	/** Whether one more of ours may go, with `held` in the window (`allAnswered`: none in flight). */
	allows(held: number, allAnswered: boolean): boolean {
		return this.probing ? allAnswered : held < this.budget;
	}

	/** One of our requests was answered after `tookMs`. */
	answered(tookMs: number): void {
		this.latencyMs = this.latencyMs === 0 ? tookMs : 0.7 * this.latencyMs + 0.3 * tookMs;
	}

	/** An answer that says nothing about the window's use: pace by our own log alone. */
	sawNoUse(): void {
		this.budget = Infinity;
		this.probing = false;
	}

	/** An answer's `Remaining`: our part of the room it shows. */
	sawUse(use: WindowUse): void {
		const { now } = use;
		if (use.othersBefore !== undefined && now > use.othersBefore.at) {
			const growth = Math.max(0, use.others - use.othersBefore.count) / (now - use.othersBefore.at);
			this.othersGrowth = 0.7 * this.othersGrowth + 0.3 * growth;
		}
		this.alone = use.others === 0;
		// Seen only when surely others': ours counted on their way but not answered yet, or
		// answered but dropped from our log before HubSpot's window, look like others' for a while.
		if (use.used > use.oursAtMost) this.othersSeen = true;
		this.remainingSeen.push({ at: now, remaining: use.max - use.used });
		const horizon = Math.min(use.intervalMs, ROOM_HORIZON_LATENCIES * Math.max(this.latencyMs, 1));
		while (this.remainingSeen[0].at <= now - horizon) this.remainingSeen.shift();
		// Alone since the start: nobody else is on its way in. (A pacer that saw others and then
		// nothing for a while may just have had no answers: others may be holding the window.)
		this.budget = this.nextBudget(use, !this.othersSeen);
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
	private nextBudget({ used, ours, held, max }: WindowUse, aloneAllAlong: boolean): number {
		const share = used > 0 ? Math.min(1, ours / used) : 1;
		let remaining = Infinity;
		for (const seen of this.remainingSeen) remaining = Math.min(remaining, seen.remaining);
		const onTheWay = share < 1 ? HEADROOM + this.othersGrowth * this.latencyMs : 0;
		// Ours in flight are not in `Remaining` yet either: the room they will take is not room.
		const oursOnTheWay = Math.max(0, held - ours);
		const room = Math.max(0, remaining - onTheWay - oursOnTheWay);
		const claim = Math.floor(room * share + this.random());
		// Alone on the window, what we were allowed stays ours (a slot of ours that left is ours to
		// fill again). Shared, we keep what we hold: a slot we have not filled again in time is
		// given up to the others, as the room it leaves is shared.
		const base =
			Number.isFinite(this.budget) && (share === 1 || !this.othersSeen)
				? Math.max(this.budget, held)
				: held;
		// Alone all along, all the room at once: a rolling window repeats the spread of its first
		// requests in every later window, so room left for a round trip is lost for good. Another
		// process that starts with us shows in `Remaining` as soon as HubSpot counted its first
		// request, and claims its share only from then on. Otherwise each answer lets one more
		// request go, two when this answer showed only ours (what is on the way doubles per round
		// trip): others' answers let them grow too (a window that looks free between their bursts
		// is not), and requests sent meanwhile are not in `Remaining` yet.
		if (aloneAllAlong) return Math.max(1, Math.min(max, base + claim));
		return Math.max(1, Math.min(base + claim, base + (share === 1 ? 2 : 1)));
	}

	/**
	 * After a 429 for the rolling window. Taken together, the runs on this window asked for too
	 * much: each gives up half. Alone as far as the last answer told, the 429 is our count's error
	 * (or a newcomer's first request), which longer counting and the next answer's `Remaining`
	 * take care of.
	 */
	rateLimited(): void {
		if (!this.alone && Number.isFinite(this.budget))
			this.budget = Math.max(1, Math.floor(this.budget / 2));
	}
}
