/**
 * HubSpot's burst and daily limits.
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

export type Policy = 'TEN_SECONDLY_ROLLING' | 'DAILY';

export interface RateDecision {
  /** Set when the request must be answered 429 with this policy. */
  limited?: Policy;
  /** X-HubSpot-RateLimit-* headers for the response. */
  headers: Record<string, string>;
}

export class RateLimiter {
  private windows = new Map<string, number[]>();
  private dailyUsed = 0;

  constructor(private readonly limits: () => { rateLimit: RateLimitOptions | false; dailyLimit: number }) {}

  check(caller: Caller, now = Date.now()): RateDecision {
    const { rateLimit, dailyLimit } = this.limits();
    const headers: Record<string, string> = {};
    let limited: Policy | undefined;
    const daily = caller.kind === 'private_app';

    if (daily && this.dailyUsed >= dailyLimit) limited = 'DAILY';

    if (rateLimit) {
      const stamps = this.windows.get(caller.bucket) ?? [];
      const from = now - rateLimit.intervalMs;
      let drop = 0;
      while (drop < stamps.length && stamps[drop] <= from) drop++;
      if (drop > 0) stamps.splice(0, drop);
      stamps.push(now);
      this.windows.set(caller.bucket, stamps);
      if (!limited && stamps.length > rateLimit.max) limited = 'TEN_SECONDLY_ROLLING';
      headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(rateLimit.intervalMs);
      headers['X-HubSpot-RateLimit-Max'] = String(rateLimit.max);
      headers['X-HubSpot-RateLimit-Remaining'] = String(Math.max(0, rateLimit.max - stamps.length));
    }

    if (daily) {
      if (!limited) this.dailyUsed++;
      headers['X-HubSpot-RateLimit-Daily'] = String(dailyLimit);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, dailyLimit - this.dailyUsed));
    }
    return limited ? { limited, headers } : { headers };
  }

  reset(): void {
    this.windows.clear();
    this.dailyUsed = 0;
  }
}
