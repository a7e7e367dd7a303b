/**
 * Admin endpoints under /__sandbox/ (no auth, not rate limited, not counted):
 *   POST /__sandbox/reset   empty the store, zero counters, reset windows
 *   GET  /__sandbox/state   { records (archived ones too), counters (by operation and version), config, tokens, oauth }
 *   GET  /__sandbox/requests  [{ at, receivedAt, countedAt, status, method, path }]: every API request, in answer order
 *   GET  /__sandbox/usage   { cpuUserMs, cpuSystemMs, requests, cpuMsPerRequest, sinceMs }: the process's CPU since the
 *                           last reset, per API request (what the sandbox costs; its own process's, as in the bench)
 *   POST /__sandbox/config  JSON Partial<SandboxOptions>; answers the resulting config
 *   POST /__sandbox/seed    {count, properties} many records at once (see seed.ts)
 */
import { Responder } from './http';
import { SeedOutcome } from './seed';
import { LoggedRequest } from './requestLog';
import { GoalTargetRecord } from './store';
import {
	ALL_FAULT_KINDS,
	FaultKind,
	OBJECT_OPERATIONS,
	ObjectOperation,
	ResolvedOptions,
	SandboxCounters,
	SandboxOptions,
	SandboxUsage,
} from './types';

export interface AdminTarget {
	reset(): void;
	configure(opts: Partial<SandboxOptions>): void;
	config(): ResolvedOptions;
	counters(): SandboxCounters;
	records(): GoalTargetRecord[];
	seed(body: unknown): SeedOutcome;
	requests(): LoggedRequest[];
	usage(): SandboxUsage;
	credentials(): {
		tokens: { readWrite: string; readOnly: string };
		oauth: { clientId: string; clientSecret: string; refreshToken: string };
	};
}

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Check a config body; returns a message when it is not a usable Partial<SandboxOptions>. */
export function checkConfig(v: unknown): string | undefined {
	if (!isObj(v)) return 'body must be a JSON object';
	for (const k of ['dailyLimit', 'latencyMs', 'seed', 'oauthTokenTtlSec'] as const) {
		if (v[k] !== undefined && !isNum(v[k])) return `${k} must be a non-negative number`;
	}
	if (v.shuffleResults !== undefined && typeof v.shuffleResults !== 'boolean')
		return 'shuffleResults must be a boolean';
	for (const k of ['rateLimit', 'searchRateLimit'] as const) {
		const rl = v[k];
		if (rl !== undefined && rl !== false && !(isObj(rl) && isNum(rl.max) && isNum(rl.intervalMs))) {
			return `${k} must be false or {max, intervalMs}`;
		}
	}
	const req = v.requiredProperties;
	if (req !== undefined && !(Array.isArray(req) && req.every((p) => typeof p === 'string'))) {
		return 'requiredProperties must be an array of property names';
	}
	const f = v.faults;
	if (f !== undefined && f !== null) {
		if (!isObj(f) || !isNum(f.rate) || (f.rate as number) > 1 || !Array.isArray(f.kinds)) {
			return 'faults must be {rate: 0..1, kinds: [...], seed?}';
		}
		const bad = f.kinds.filter((k) => !ALL_FAULT_KINDS.includes(k as FaultKind));
		if (bad.length > 0)
			return `unknown fault kinds: ${bad.join(', ')} (known: ${ALL_FAULT_KINDS.join(', ')})`;
		if (f.operations !== undefined) {
			const ops = Array.isArray(f.operations) ? f.operations : [null];
			const unknown = ops.filter((o) => !OBJECT_OPERATIONS.includes(o as ObjectOperation));
			if (unknown.length > 0)
				return `faults.operations must list operations of ${OBJECT_OPERATIONS.join(', ')}`;
		}
	}
	return undefined;
}

export function handleAdmin(
	method: string,
	path: string,
	raw: string,
	r: Responder,
	target: AdminTarget,
): void {
	if (method === 'POST' && path === '/__sandbox/reset') {
		target.reset();
		return r.json(200, { ok: true });
	}
	if (method === 'GET' && path === '/__sandbox/state') {
		return r.json(200, {
			records: target.records(),
			counters: target.counters(),
			config: target.config(),
			...target.credentials(),
		});
	}
	if (method === 'GET' && path === '/__sandbox/requests') return r.json(200, target.requests());
	if (method === 'GET' && path === '/__sandbox/usage') return r.json(200, target.usage());
	if (method === 'POST' && path === '/__sandbox/config') {
		let body: unknown;
		try {
			body = raw.trim() === '' ? {} : JSON.parse(raw);
		} catch {
			return r.json(400, { ok: false, message: 'body is not JSON' });
		}
		const problem = checkConfig(body);
		if (problem) return r.json(400, { ok: false, message: problem });
		const change = body as Partial<SandboxOptions> & { faults?: SandboxOptions['faults'] | null };
		if (change.faults === null) change.faults = undefined;
		target.configure(change);
		return r.json(200, { ok: true, config: target.config() });
	}
	if (method === 'POST' && path === '/__sandbox/seed') {
		let body: unknown;
		try {
			body = JSON.parse(raw);
		} catch {
			return r.json(400, { ok: false, message: 'body is not JSON' });
		}
		const out = target.seed(body);
		return r.json(out.ok ? 200 : 400, out);
	}
	return r.json(404, { ok: false, message: `Unknown admin endpoint ${method} ${path}` });
}
