import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const t0 = Date.now();

export function log(msg: string): void {
	const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
	process.stdout.write(`[e2e +${s}s] ${msg}\n`);
}

export class AssertionFailure extends Error {}

export interface CheckResult {
	name: string;
	ok: boolean;
	detail?: string;
}

/** Collects assertions; a failed one is recorded and (optionally) thrown. */
export class Checks {
	readonly results: CheckResult[] = [];

	check(name: string, ok: boolean, detail?: string): boolean {
		this.results.push({ name, ok, detail });
		log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
		return ok;
	}

	/** Like check, but aborts the current phase when false. */
	require(name: string, ok: boolean, detail?: string): void {
		if (!this.check(name, ok, detail))
			throw new AssertionFailure(`${name}${detail ? `: ${detail}` : ''}`);
	}

	get failed(): number {
		return this.results.filter((r) => !r.ok).length;
	}

	get passed(): number {
		return this.results.filter((r) => r.ok).length;
	}
}

export interface PhaseTiming {
	name: string;
	seconds: number;
	ok: boolean;
	error?: string;
}

export const timings: PhaseTiming[] = [];

/** Runs a named phase, logs and records its duration. Errors propagate. */
export async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const start = Date.now();
	log(`── phase: ${name}`);
	try {
		const r = await fn();
		const seconds = (Date.now() - start) / 1000;
		timings.push({ name, seconds, ok: true });
		log(`── phase done: ${name} (${seconds.toFixed(1)}s)`);
		return r;
	} catch (e) {
		const seconds = (Date.now() - start) / 1000;
		const error = e instanceof Error ? e.message : String(e);
		timings.push({ name, seconds, ok: false, error });
		log(`── phase FAILED: ${name} (${seconds.toFixed(1)}s): ${error}`);
		throw e;
	}
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** Polls fn until it returns a truthy value or the timeout passes. */
export async function waitFor<T>(
	what: string,
	fn: () => Promise<T | undefined | null | false>,
	timeoutMs: number,
	intervalMs = 500,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastErr: unknown;
	while (Date.now() < deadline) {
		try {
			const r = await fn();
			if (r) return r;
		} catch (e) {
			lastErr = e;
		}
		await sleep(intervalMs);
	}
	throw new Error(
		`timed out after ${timeoutMs}ms waiting for ${what}${lastErr ? ` (last error: ${String(lastErr)})` : ''}`,
	);
}

export { sleep };
