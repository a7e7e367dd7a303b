/**
 * What `npm run bench` measures, from its options: the window, latencies, tiers, input modes, the
 * parts (n8n setups, HubSpot's client, the Write Mode scenario), how many records a run sends, and
 * how long it should take.
 */
import { fmt, QUICK, REAL_WINDOW_MS } from './measure';
import type { Mode } from './workflow';

/** The node's runs per n8n setup, HubSpot's client, and the Write Mode scenario (bench/writeMode.ts). */
export const ALL_PARTS = ['n8n2-vm', 'n8n2-legacy', 'n8n1', 'client', 'writeMode'] as const;
/** Where users are: n8n 2.x with default settings, and HubSpot's client beside it. */
export const DEFAULT_PARTS = ['n8n2-vm', 'client'];
const DEFAULT_MODES: Mode[] = ['json', 'fields', 'automap'];
const DEFAULT_TIERS = [100, 190, 250];
const QUICK_TIERS = [100, 190];
const DEFAULT_LATENCIES = [100, 1000];
const DEFAULT_WINDOWS = 5;
/**
 * Upserts a run leaves out of its windows: R = windows·M − slack. Five at HubSpot's window (the node's one
 * read of the account's properties fits in the last window, with room); one in the quick mode (as before).
 */
const SLACK = { real: 5, quick: 1 };
/** HubSpot's client: `DEFAULT_LIMITER_OPTIONS` lets 9 requests go per second, 6 at once. */
const CLIENT_PER_SECOND = 9;
const CLIENT_AT_ONCE = 6;
/** The node's Max Concurrent Requests today, for the estimate of a node the latency holds back. */
const NODE_IN_FLIGHT = 8;

export interface Tier {
	/** HubSpot's tier: requests per 10 s */
	perTenSeconds: number;
	/** requests per window W */
	max: number;
}

export interface Plan {
	quick: boolean;
	windowMs: number;
	windows: number;
	latencies: number[];
	tiers: Tier[];
	modes: Mode[];
	parts: Set<string>;
	/** the Write Mode scenario's rounds (`--repeat`) and share of its 19,500 records (`--scale`) */
	repeat: number;
	scale: number;
	timeline: boolean;
	keep: boolean;
	/** the node's Options collection in every run (`--concurrency=N` sets Max Concurrent Requests) */
	nodeOptions: Record<string, unknown>;
	/** the default run: its rows replace results.json's (its writeMode section kept) */
	isDefault: boolean;
}

const list = (value: string | undefined, fallback: string[]) =>
	(value ?? fallback.join(','))
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');

const same = (a: readonly unknown[], b: readonly unknown[]) =>
	a.length === b.length && a.every((v, i) => v === b[i]);

export function planFrom(argv: string[]): Plan {
	const args = new Map(
		argv.map((a) => {
			const [k, v] = a.replace(/^--/, '').split('=');
			return [k, v ?? 'true'] as [string, string];
		}),
	);
	const known = new Set([
		'only',
		'modes',
		'tiers',
		'latencies',
		'windows',
		'quick',
		'repeat',
		'scale',
		'timeline',
		'keep',
		'concurrency',
	]);
	for (const key of args.keys())
		if (!known.has(key)) throw new Error(`unknown option --${key} (see bench/README.md)`);
	const quick = args.has('quick');
	const windowMs = quick ? QUICK.windowMs : REAL_WINDOW_MS;
	const parts = list(args.get('only'), DEFAULT_PARTS);
	const unknownParts = parts.filter((p) => !(ALL_PARTS as readonly string[]).includes(p));
	if (unknownParts.length) throw new Error(`--only: unknown ${unknownParts.join(', ')}`);
	const modes = list(args.get('modes'), DEFAULT_MODES) as Mode[];
	const badModes = modes.filter((m) => !DEFAULT_MODES.includes(m));
	if (badModes.length) throw new Error(`--modes: unknown ${badModes.join(', ')}`);
	const tierList = list(args.get('tiers'), (quick ? QUICK_TIERS : DEFAULT_TIERS).map(String)).map(
		Number,
	);
	const tiers = tierList.map((perTenSeconds) => {
		const max = (perTenSeconds * windowMs) / 10_000;
		if (!Number.isInteger(max) || max < 1)
			throw new Error(`--tiers: ${perTenSeconds} per 10 s is no whole number per ${windowMs} ms`);
		return { perTenSeconds, max };
	});
	const latencies = quick
		? [QUICK.latencyMs]
		: list(args.get('latencies'), DEFAULT_LATENCIES.map(String)).map(Number);
	if (latencies.some((l) => !Number.isFinite(l) || l < 0))
		throw new Error('--latencies: milliseconds, e.g. 100,1000');
	if (quick && args.has('latencies'))
		throw new Error('--quick runs at 100 ms only (leave out --latencies)');
	const windows = Number(args.get('windows') ?? (quick ? QUICK.windows : DEFAULT_WINDOWS));
	if (!Number.isInteger(windows) || windows < 1) throw new Error('--windows: a whole number ≥ 1');
	const nodeOptions = args.has('concurrency')
		? { maxConcurrency: Number(args.get('concurrency')) }
		: {};
	const plan: Plan = {
		quick,
		windowMs,
		windows,
		latencies,
		tiers,
		modes,
		parts: new Set(parts),
		repeat: Number(args.get('repeat') ?? 1),
		scale: Number(args.get('scale') ?? 1),
		timeline: args.has('timeline'),
		keep: args.has('keep'),
		nodeOptions,
		isDefault:
			!quick &&
			!args.has('concurrency') &&
			windows === DEFAULT_WINDOWS &&
			same(modes, DEFAULT_MODES) &&
			same(tierList, DEFAULT_TIERS) &&
			same(latencies, DEFAULT_LATENCIES) &&
			DEFAULT_PARTS.every((p) => parts.includes(p)),
	};
	for (const tier of tiers)
		if (upsertsFor(plan, tier) < 1)
			throw new Error(`--windows=${windows} leaves no upsert at ${tier.perTenSeconds} per 10 s`);
	return plan;
}

/** R: the upserts of 100 records a run at this tier sends. */
export function upsertsFor(plan: Plan, tier: Tier): number {
	return plan.windows * tier.max - (plan.quick ? SLACK.quick : SLACK.real);
}

/** The node's runs of the plan: one per n8n setup, latency, tier and input mode. */
export const nodeParts = (plan: Plan) =>
	['n8n2-vm', 'n8n2-legacy', 'n8n1'].filter((part) => plan.parts.has(part));

/**
 * Seconds the plan should take: every run's own time (`nodeSeconds` for the node's) plus what n8n and
 * the bench spend around it, measured on a 2-core machine: about 30 s to build, pack and install; each
 * tier's import 2 s plus 0.04 ms a row per mode; each node run 10 s plus 0.13 ms a record (n8n's start,
 * the rows through Edit Fields and Split Out, its output file, reading it and the sandbox back); each
 * client run 0.03 ms a record besides its time.
 */
export function estimateSeconds(
	plan: Plan,
	nodeSeconds: (requests: number, latencyMs: number, tier: Tier) => number,
): number {
	const nodeRuns = nodeParts(plan).length * plan.modes.length;
	let total = 30;
	for (const tier of plan.tiers)
		if (nodeRuns > 0) total += 2 + upsertsFor(plan, tier) * 100 * plan.modes.length * 4e-5;
	for (const latencyMs of plan.latencies)
		for (const tier of plan.tiers) {
			const requests = upsertsFor(plan, tier);
			const records = requests * 100;
			if (plan.parts.has('client'))
				total +=
					requests / Math.min(CLIENT_PER_SECOND, (CLIENT_AT_ONCE * 1000) / Math.max(latencyMs, 1)) +
					records * 3e-5;
			total += nodeRuns * (nodeSeconds(requests, latencyMs, tier) + 10 + records * 1.3e-4);
		}
	if (plan.parts.has('writeMode')) total += 60 + 55 * plan.repeat;
	return total;
}

/** The estimate printed at the start: for a node near its ceiling, and for one that keeps 8 in flight. */
export function describeEstimate(plan: Plan): string {
	const ceiling = (requests: number, latencyMs: number, tier: Tier) =>
		(Math.floor((requests - 1) / tier.max) * plan.windowMs + latencyMs) / 1000;
	const nearCeiling = estimateSeconds(plan, (r, l, t) => ceiling(r, l, t) / 0.9);
	const inFlight = Number(plan.nodeOptions.maxConcurrency ?? NODE_IN_FLIGHT);
	const heldBack = estimateSeconds(plan, (r, l, t) =>
		Math.max(ceiling(r, l, t) / 0.9, (r * l) / 1000 / inFlight),
	);
	const min = (s: number) => fmt(s / 60, 0);
	return heldBack - nearCeiling < 30
		? `about ${min(nearCeiling)} min`
		: `about ${min(nearCeiling)} min with a node at 90% of its ceiling; up to ${min(heldBack)} min if it keeps ${inFlight} requests in flight (${inFlight} per second at 1 s latency)`;
}
