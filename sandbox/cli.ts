/**
 * `npm run sandbox` (= `tsx sandbox/cli.ts`): start the sandbox and keep it up until SIGINT/SIGTERM.
 *   PORT env or --port (default 3456), --rate-max, --rate-interval-ms (--rate-max=0 disables the burst limit),
 *   --daily-limit, --latency, --fault-rate, --faults=a,b, --seed, --no-shuffle,
 *   --search-rate-max (per second; 0 disables the search limit), --required=a,b (2026-09 required properties)
 */
import { startSandbox } from './server';
import { ALL_FAULT_KINDS, FaultKind, SandboxOptions } from './types';

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const eq = a.indexOf('=');
		if (eq > 0) args.set(a.slice(2, eq), a.slice(eq + 1));
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--'))
			args.set(a.slice(2), argv[++i]);
		else args.set(a.slice(2), 'true');
	}
	return args;
}

function num(args: Map<string, string>, key: string): number | undefined {
	const v = args.get(key);
	if (v === undefined) return undefined;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0)
		throw new Error(`--${key} must be a non-negative number, got ${v}`);
	return n;
}

export function optionsFromArgs(argv: string[], env: NodeJS.ProcessEnv): SandboxOptions {
	const args = parseArgs(argv);
	const opts: SandboxOptions = { port: num(args, 'port') ?? (env.PORT ? Number(env.PORT) : 3456) };
	const max = num(args, 'rate-max');
	const interval = num(args, 'rate-interval-ms');
	if (max === 0) opts.rateLimit = false;
	else if (max !== undefined || interval !== undefined)
		opts.rateLimit = { max: max ?? 100, intervalMs: interval ?? 10_000 };
	const searchMax = num(args, 'search-rate-max');
	if (searchMax === 0) opts.searchRateLimit = false;
	else if (searchMax !== undefined) opts.searchRateLimit = { max: searchMax, intervalMs: 1000 };
	const required = (args.get('required') ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter((p) => p !== '');
	if (required.length > 0) opts.requiredProperties = required;
	opts.dailyLimit = num(args, 'daily-limit');
	opts.latencyMs = num(args, 'latency');
	opts.seed = num(args, 'seed');
	if (args.get('no-shuffle') === 'true') opts.shuffleResults = false;
	const rate = num(args, 'fault-rate');
	const kinds = (args.get('faults') ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter((k) => k !== '');
	const unknown = kinds.filter((k) => !ALL_FAULT_KINDS.includes(k as FaultKind));
	if (unknown.length > 0)
		throw new Error(
			`Unknown fault kinds: ${unknown.join(', ')} (known: ${ALL_FAULT_KINDS.join(', ')})`,
		);
	if (rate !== undefined || kinds.length > 0) {
		opts.faults = {
			rate: rate ?? 0.1,
			kinds: (kinds.length > 0 ? kinds : ['status503', 'rateLimit429']) as FaultKind[],
		};
	}
	return opts;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(optionsFromArgs(process.argv.slice(2), process.env));
	const lines = [
		`HubSpot sandbox listening on ${sandbox.url}`,
		`  read+write token: ${sandbox.tokens.readWrite}`,
		`  read-only token:  ${sandbox.tokens.readOnly}`,
		`  OAuth client id / secret / refresh token: ${sandbox.oauth.clientId} / ${sandbox.oauth.clientSecret} / ${sandbox.oauth.refreshToken}`,
		`  admin: GET ${sandbox.url}/__sandbox/state, POST ${sandbox.url}/__sandbox/reset, POST ${sandbox.url}/__sandbox/config`,
		'Press Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));
	let stopping = false;
	const stop = (): void => {
		if (stopping) return;
		stopping = true;
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((err: unknown) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
