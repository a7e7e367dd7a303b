/**
 * HubSpot's burst, search and daily limits.
 * - Burst: a rolling window (default 100 requests / 10 s) per private-app token; all OAuth tokens share one
 *   bucket (HubSpot limits OAuth apps per installing account).
 * - Daily: one quota for the account, counted for private-app tokens only (HubSpot sends no daily headers to
 *   OAuth apps, so they are not modelled as having one).
 * Every authenticated request is recorded in the rolling window, including the ones answered 429: HubSpot's
 * docs do not say rejected calls are free, and counting them is the conservative model (a client that keeps
 * hammering stays limited; one that waits out the interval recovers). A 429'd request does not use daily quota.
 */
import { Caller } from './auth';
import { RateLimitOptions } from './types';

export type Policy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

export interface RateDecision {
	/** Set when the request must be answered 429 with this policy. */
	limited?: Policy;
	/** X-HubSpot-RateLimit-* headers for the response. */
	headers: Record<string, string>;
}

/** Request timestamps per bucket over a rolling interval. */
export class RollingWindows {
	private windows = new Map<string, number[]>();

	/** Record a request at `now`; returns how many the bucket holds within the interval, this one included. */
	hit(bucket: string, intervalMs: number, now: number): number {
		const stamps = this.windows.get(bucket) ?? [];
		const from = now - intervalMs;
		let drop = 0;
		while (drop < stamps.length && stamps[drop] <= from) drop++;
		if (drop > 0) stamps.splice(0, drop);
		stamps.push(now);
		this.windows.set(bucket, stamps);
		return stamps.length;
	}

	clear(): void {
		this.windows.clear();
	}
}

export interface LimiterSettings {
	rateLimit: RateLimitOptions | false;
	dailyLimit: number;
	searchRateLimit: RateLimitOptions | false;
}

export class RateLimiter {
	private windows = new RollingWindows();
	private searchWindows = new RollingWindows();
	private dailyUsed = 0;

	constructor(private readonly limits: () => LimiterSettings) {}

	/**
	 * Search calls (`search: true`) have their own limit (about 5 per second per token) instead of the 10-second
	 * window, and their answers carry no rate-limit headers (HubSpot's). Guess, noted: they do use daily quota.
	 */
	check(caller: Caller, now = Date.now(), search = false): RateDecision {
		const { rateLimit, dailyLimit, searchRateLimit } = this.limits();
		const headers: Record<string, string> = {};
		let limited: Policy | undefined;
		const daily = caller.kind === 'private_app';

		if (daily && this.dailyUsed >= dailyLimit) limited = 'DAILY';

		if (search) {
			const used = searchRateLimit
				? this.searchWindows.hit(caller.bucket, searchRateLimit.intervalMs, now)
				: 0;
			if (!limited && searchRateLimit && used > searchRateLimit.max) limited = 'SECONDLY';
			if (daily && !limited) this.dailyUsed++;
			return limited ? { limited, headers } : { headers };
		}

		if (rateLimit) {
			const used = this.windows.hit(caller.bucket, rateLimit.intervalMs, now);
			if (!limited && used > rateLimit.max) limited = 'TEN_SECONDLY_ROLLING';
			headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(rateLimit.intervalMs);
			headers['X-HubSpot-RateLimit-Max'] = String(rateLimit.max);
			headers['X-HubSpot-RateLimit-Remaining'] = String(Math.max(0, rateLimit.max - used));
		}

		if (daily) {
			if (!limited) this.dailyUsed++;
			headers['X-HubSpot-RateLimit-Daily'] = String(dailyLimit);
			headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(
				Math.max(0, dailyLimit - this.dailyUsed),
			);
		}
		return limited ? { limited, headers } : { headers };
	}

	reset(): void {
		this.windows.clear();
		this.searchWindows.clear();
		this.dailyUsed = 0;
	}
}
