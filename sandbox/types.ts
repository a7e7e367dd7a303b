/**
 * Public types of the local HubSpot goal_targets sandbox.
 * The workflow tests (test/workflow/), demo and benchmark depend on these shapes: change them additively only.
 */

export type FaultKind =
	| 'status500'
	| 'status502'
	| 'status503'
	| 'status504'
	| 'status423'
	| 'status477'
	| 'reset'
	| 'hang'
	| 'truncated'
	| 'rateLimit429'
	/** The write is applied, then the connection is reset: "it happened but the answer was lost". */
	| 'resetAfterWrite';

export const ALL_FAULT_KINDS: readonly FaultKind[] = [
	'status500',
	'status502',
	'status503',
	'status504',
	'status423',
	'status477',
	'reset',
	'hang',
	'truncated',
	'rateLimit429',
	'resetAfterWrite',
];

/** The operations of the object endpoints (paths in routes.ts); faults can hit each of them. */
export type ObjectOperation =
	| 'list'
	| 'create'
	| 'get'
	| 'update'
	| 'archive'
	| 'batchUpsert'
	| 'batchCreate'
	| 'batchRead'
	| 'batchUpdate'
	| 'batchArchive'
	| 'search';

export const OBJECT_OPERATIONS: readonly ObjectOperation[] = [
	'list',
	'create',
	'get',
	'update',
	'archive',
	'batchUpsert',
	'batchCreate',
	'batchRead',
	'batchUpdate',
	'batchArchive',
	'search',
];

export interface FaultOptions {
	/** Probability (0..1) that one object-endpoint request gets a fault (properties and OAuth calls never do). */
	rate: number;
	/** Which operations can get faults; default every one. */
	operations?: ObjectOperation[];
	/** Kinds to pick from (uniformly, seeded). */
	kinds: FaultKind[];
	/** PRNG seed for fault decisions; defaults to SandboxOptions.seed. */
	seed?: number;
}

export interface RateLimitOptions {
	max: number;
	intervalMs: number;
}

export interface SandboxOptions {
	/** Default 0 = a free port. The host is always 127.0.0.1. */
	port?: number;
	/** Rolling window per token; default {max:100, intervalMs:10000}; false = no burst limit. */
	rateLimit?: RateLimitOptions | false;
	/** Requests per "day" for the whole account (all tokens); default 500000. */
	dailyLimit?: number;
	/** Added to every API request (not /__sandbox/), default 0. */
	latencyMs?: number;
	/** Off by default. */
	faults?: FaultOptions;
	/** Default true: HubSpot returns batch results in any order. */
	shuffleResults?: boolean;
	/** PRNG seed for shuffling (and faults unless faults.seed), default 1. */
	seed?: number;
	/** Lifetime in seconds of access tokens issued by POST /oauth/v1/token, default 1800 (HubSpot's). */
	oauthTokenTtlSec?: number;
	/** Search endpoints' own limit per token; default {max:5, intervalMs:1000} (HubSpot's); false = none. */
	searchRateLimit?: RateLimitOptions | false;
	/**
	 * Properties the account's admin made required (HubSpot enforces such rules on 2026-09 write paths): a 2026-09
	 * write that would leave one unset fails that input with MISSING_REQUIRED_PROPERTY. Default none.
	 */
	requiredProperties?: string[];
}

export interface SandboxCounters {
	/** Every request except /__sandbox/ admin calls. */
	requests: number;
	/** Every request to POST .../batch/upsert, whatever its outcome. */
	upsertRequests: number;
	/**
	 * Every request to an object endpoint that writes (batch upsert, create, update and archive, and the single-record
	 * create, update and delete), whatever its outcome: 0 means nothing could have been written.
	 */
	writeRequests: number;
	/** 429 TEN_SECONDLY_ROLLING sent by the limiter (injected 429 faults are counted in faultsSent only). */
	rateLimited429: number;
	/** 429 DAILY sent. */
	daily429: number;
	/** Requests that got an injected fault (any kind). */
	faultsSent: number;
	recordsCreated: number;
	recordsUpdated: number;
	/** Inputs that failed inside a 207, plus all inputs of an upsert rejected as a whole (400). */
	inputsRejected: number;
	/** Count of responses by HTTP status (faults without a response — reset/hang — are not in here). */
	responsesByStatus: Record<string, number>;
	/** Records archived (batch archive and DELETE). */
	recordsArchived: number;
	/** 429 SECONDLY sent to search requests. */
	searchRateLimited429: number;
	/**
	 * Requests past auth and rate limits by operation and API version, e.g. `batchRead 2026-03`; property reads count
	 * as `properties <version>` (so a test can see that a run used only its version's paths).
	 */
	requestsByOperation: Record<string, number>;
}

/** GET /__sandbox/usage: the sandbox process's CPU time since the last reset (or start). */
export interface SandboxUsage {
	cpuUserMs: number;
	cpuSystemMs: number;
	/** API requests since then (`SandboxCounters.requests`) */
	requests: number;
	/** (user + system) ÷ requests; null before the first request */
	cpuMsPerRequest: number | null;
	sinceMs: number;
}

export interface ResolvedOptions {
	port: number;
	rateLimit: RateLimitOptions | false;
	dailyLimit: number;
	latencyMs: number;
	faults: FaultOptions | undefined;
	shuffleResults: boolean;
	seed: number;
	oauthTokenTtlSec: number;
	searchRateLimit: RateLimitOptions | false;
	requiredProperties: string[];
}

export function resolveOptions(opts: SandboxOptions = {}): ResolvedOptions {
	return {
		port: opts.port ?? 0,
		rateLimit: opts.rateLimit === undefined ? { max: 100, intervalMs: 10_000 } : opts.rateLimit,
		dailyLimit: opts.dailyLimit ?? 500_000,
		latencyMs: opts.latencyMs ?? 0,
		faults: opts.faults,
		shuffleResults: opts.shuffleResults ?? true,
		seed: opts.seed ?? 1,
		oauthTokenTtlSec: opts.oauthTokenTtlSec ?? 1800,
		searchRateLimit:
			opts.searchRateLimit === undefined ? { max: 5, intervalMs: 1000 } : opts.searchRateLimit,
		requiredProperties: opts.requiredProperties ?? [],
	};
}

/** Merge a runtime change into resolved options (port cannot change at runtime). */
export function mergeOptions(
	current: ResolvedOptions,
	change: Partial<SandboxOptions>,
): ResolvedOptions {
	const next: ResolvedOptions = { ...current };
	if (change.rateLimit !== undefined) next.rateLimit = change.rateLimit;
	if (change.dailyLimit !== undefined) next.dailyLimit = change.dailyLimit;
	if (change.latencyMs !== undefined) next.latencyMs = change.latencyMs;
	if ('faults' in change) next.faults = change.faults;
	if (change.shuffleResults !== undefined) next.shuffleResults = change.shuffleResults;
	if (change.seed !== undefined) next.seed = change.seed;
	if (change.oauthTokenTtlSec !== undefined) next.oauthTokenTtlSec = change.oauthTokenTtlSec;
	if (change.searchRateLimit !== undefined) next.searchRateLimit = change.searchRateLimit;
	if (change.requiredProperties !== undefined)
		next.requiredProperties = [...change.requiredProperties];
	return next;
}
